import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The core is plain TypeScript: channels and adapters depend on it, never the other way round.
describe('architecture', () => {
  it('functions/core imports nothing from AWS, Bot Framework, middy, node built-ins or the adapters', () => {
    const dir = new URL('../functions/core/', import.meta.url);
    const offending: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const [, spec] of source.matchAll(/from ['"]([^'"]+)['"]/g)) {
        if (/^(?:@aws-sdk|aws-cdk-lib|botbuilder|@middy|node:|\.\.\/)/.test(spec!)) offending.push(`${file} → ${spec}`);
      }
      if (/\bprocess\.env\b/.test(source)) offending.push(`${file} reads process.env`);
    }
    expect(offending).toEqual([]);
  });
});
