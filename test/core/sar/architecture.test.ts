import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// test/architecture.test.ts keeps the whole core free of outward imports; the SAR rules also keep to plain dates,
// because a JS Date would bring a time zone into a statutory deadline.
describe('functions/core/sar', () => {
  it('uses no JS Date', () => {
    const dir = new URL('../../../functions/core/sar/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    const offending = files.filter((file) =>
      /\bnew Date\b|\bDate\.(?:now|UTC|parse)\b/.test(readFileSync(new URL(file, dir), 'utf8')),
    );
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(offending).toEqual([]);
  });
});
