import { expect, it } from 'vitest';
import { synthStage } from './stage.ts';

// The whole template, so a change to the infrastructure is seen and reviewed (`vitest -u` after reviewing).
// Asset hashes change with every code change, so they are masked: the snapshot is about the infrastructure.
const { template, edge } = synthStage();

it('the synthesized templates match the reviewed snapshot', () => {
  const masked = (t: typeof template) =>
    JSON.stringify(t.toJSON(), null, 2).replace(/[0-9a-f]{64}(\.zip)?/g, 'ASSET$1');
  expect(masked(edge)).toMatchSnapshot('edge (us-east-1)');
  expect(masked(template)).toMatchSnapshot('assistant');
});
