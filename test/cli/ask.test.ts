import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const ask = (...args: string[]) =>
  execFileSync('npx', ['tsx', 'functions/cli/ask.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('npm run ask', () => {
  it('answers a batch file with one JSON line per input, keeping ids and reporting bad lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ask-'));
    const file = join(dir, 'batch.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', q: 'how long do you keep adoption records' }),
        '{not json',
        JSON.stringify({ id: 'b', q: 'who do you share my data with', notice: 'sefton-at-work' }),
      ].join('\n'),
    );
    const lines = ask('--batch', file)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: 'a', topic: 'retention', notice: 'southend-childrens-services' });
    expect(lines[0].text).toContain('100 years');
    expect(lines[1]).toMatchObject({ line: 2, error: expect.stringMatching(/invalid input line/) });
    expect(lines[2]).toMatchObject({ id: 'b', notice: 'sefton-at-work', topic: 'sharing' });
    for (const key of ['topic', 'notice', 'text', 'citations', 'confidence', 'suggestions', 'actions'])
      expect(lines[0]).toHaveProperty(key);
  }, 30_000);
});
