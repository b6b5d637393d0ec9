/**
 * `npm run --silent ask -- "question" [--notice ID] [--council ID]` answers one question for a person;
 * `npm run --silent ask -- --batch FILE.jsonl` answers lines {"id","q","notice"?,"council"?} as JSON lines.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { answerQuestion } from '#core/answer.ts';
import type { Answer } from '#core/answer-contract.ts';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';

const BatchLine = z.object({
  id: z.union([z.string(), z.number()]),
  q: z.string(),
  notice: z.string().nullish(),
  council: z.string().nullish(),
  session: z.object({ notice: z.string().optional(), council: z.string().optional() }).nullish(),
});

function usage(): never {
  console.error(
    'usage: npm run --silent ask -- "question" [--notice ID] [--council ID]\n       npm run --silent ask -- --batch FILE.jsonl',
  );
  process.exit(2);
}

function printForPerson(answer: Answer): void {
  console.log(answer.text);
  for (const c of answer.citations) console.log(`\n  [${c.notice} › ${c.section}] "${c.sentence}"`);
  console.log(`\ntopic: ${answer.topic} · notice: ${answer.notice ?? '-'} · confidence: ${answer.confidence}`);
  if (answer.suggestions.length) console.log(`suggestions: ${answer.suggestions.map((s) => s.label).join(' | ')}`);
  if (answer.actions.length) console.log(`actions: ${answer.actions.map((a) => a.kind).join(', ')}`);
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      batch: { type: 'string' },
      notice: { type: 'string' },
      council: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const index = loadKnowledgeIndex();
  if (values.batch) {
    const lines = readFileSync(values.batch, 'utf8').split('\n');
    lines.forEach((line, n) => {
      if (!line.trim()) return;
      let parsed: z.infer<typeof BatchLine>;
      try {
        parsed = BatchLine.parse(JSON.parse(line));
      } catch (error) {
        console.log(
          JSON.stringify({
            id: null,
            line: n + 1,
            error: `invalid input line: ${(error as Error).message.split('\n')[0]}`,
          }),
        );
        return;
      }
      try {
        const answer = answerQuestion(index, {
          question: parsed.q,
          ...(parsed.notice ? { notice: parsed.notice } : {}),
          ...(parsed.council ? { council: parsed.council } : {}),
          ...(parsed.session ? { session: parsed.session } : {}),
        });
        console.log(JSON.stringify({ id: parsed.id, ...answer }));
      } catch (error) {
        console.log(JSON.stringify({ id: parsed.id, error: (error as Error).message }));
      }
    });
    return;
  }
  const question = positionals.join(' ');
  if (!question) usage();
  const answer = answerQuestion(index, {
    question,
    ...(values.notice ? { notice: values.notice } : {}),
    ...(values.council ? { council: values.council } : {}),
  });
  if (values.json) console.log(JSON.stringify(answer, null, 2));
  else printForPerson(answer);
}

try {
  main();
} catch (error) {
  console.error(`ask: ${(error as Error).message}`);
  process.exitCode = 1;
}
