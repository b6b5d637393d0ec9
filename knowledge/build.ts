/**
 * `npm run kb:build`: knowledge/notices/*.txt + knowledge/councils.yaml → knowledge/build/kb.json.
 * The output is byte-identical for the same input (no timestamps, stable order), so a diff shows real change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadSources, KB_OUTPUT } from './sources.ts';
import { buildKnowledgeBase } from './pipeline/build-kb.ts';

const started = performance.now();
try {
  const { files, registry } = loadSources();
  const kb = buildKnowledgeBase(files, registry);
  mkdirSync(new URL('.', KB_OUTPUT), { recursive: true });
  writeFileSync(KB_OUTPUT, `${JSON.stringify(kb, null, 1)}\n`);
  const facts = kb.notices.reduce((n, notice) => n + notice.facts.length, 0);
  const ms = (performance.now() - started).toFixed(0);
  console.log(`kb:build: ${kb.notices.length} notices, ${facts} facts → knowledge/build/kb.json in ${ms} ms`);
} catch (error) {
  console.error(`kb:build failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
