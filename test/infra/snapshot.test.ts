import { Template } from 'aws-cdk-lib/assertions';
import { expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';

// The whole template, so a change to the infrastructure is seen and reviewed (`vitest -u` after reviewing).
// Asset hashes change with every code change, so they are masked: the snapshot is about the infrastructure.
it('the synthesized template matches the reviewed snapshot', () => {
  const template = JSON.stringify(Template.fromStack(createApp().stack).toJSON(), null, 2).replace(
    /[0-9a-f]{64}(\.zip)?/g,
    'ASSET$1',
  );
  expect(template).toMatchSnapshot();
});
