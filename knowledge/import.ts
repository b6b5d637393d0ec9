/**
 * `npm run kb:import -- <file-or-url> --council <id> [--id <notice-id>] [--new-council "Council name"] [--replace]`
 * writes knowledge/notices/<id>.txt from a web page (saved or by URL), a Word document or a PDF, and reports what
 * it dropped and what looks wrong. Then `npm run kb:build` takes it like any notice.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { ImportError, importNotice } from './import/import-notice.ts';
import { fetchDocument } from './import/fetch.ts';
import { NOTICES_DIR, REGISTRY_FILE, loadNoticeFiles, loadRegistry } from './sources.ts';

const USAGE =
  'usage: npm run kb:import -- <file-or-url> --council <id> [--id <notice-id>] [--new-council "Council name"] [--replace]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      council: { type: 'string' },
      id: { type: 'string' },
      'new-council': { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  const source = positionals[0];
  if (!source || !values.council) throw new ImportError(USAGE);
  const council = values.council;
  const known = new Set([...loadRegistry().map((c) => c.id), ...loadNoticeFiles().map((f) => f.meta.council)]);
  if (!known.has(council) && !values['new-council'])
    throw new ImportError(
      `unknown council "${council}" (known: ${[...known].join(', ')}); add --new-council "Its name" to create it`,
    );

  const remote = /^https?:\/\//i.test(source);
  const bytes = remote ? (await fetchDocument(source)).bytes : new Uint8Array(readFileSync(source));
  const result = await importNotice(bytes, source, {
    council,
    ...(values.id ? { id: values.id } : {}),
    ...(remote ? { url: source } : {}),
  });
  const target = new URL(`${result.id}.txt`, NOTICES_DIR);
  if (existsSync(target) && !values.replace)
    throw new ImportError(
      `knowledge/notices/${result.id}.txt exists: add --replace to re-import it (kb:diff shows what changes)`,
    );
  if (!known.has(council)) {
    appendFileSync(REGISTRY_FILE, `\n${stringify([{ id: council, name: values['new-council'] }])}`);
    console.log(`kb:import: added council "${council}" to knowledge/councils.yaml (add its DPO mailbox there)`);
  }
  writeFileSync(target, result.file);
  console.log(`kb:import: wrote knowledge/notices/${result.id}.txt`);
  if (result.dropped.length) {
    console.log(`  dropped ${result.dropped.length} piece(s) of page furniture:`);
    for (const d of result.dropped.slice(0, 20)) console.log(`    - ${d}`);
  }
  for (const w of result.warnings) console.log(`  check: ${w}`);
  console.log('  next: npm run kb:build, then npm run --silent kb:audit -- --notice ' + result.id);
}

main().catch((error: unknown) => {
  console.error(`kb:import: ${error instanceof ImportError ? error.message : (error as Error).stack}`);
  process.exitCode = 1;
});
