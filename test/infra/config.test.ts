import { describe, expect, it } from 'vitest';
import { loadDeployments, parseDeployments } from '../../infra/config/config.ts';

const stage = (overrides: object = {}) => ({
  name: 'dev',
  region: 'eu-west-2',
  councils: [{ id: 'southend', origins: ['https://www.southend.gov.uk'], sendingDomain: 'southend.gov.uk' }],
  mail: { transport: 'ses', from: 'assistant@southend.gov.uk' },
  ...overrides,
});

describe('infra: deployment config', () => {
  it('the committed deployments.yaml is valid', () => {
    expect(loadDeployments().map((s) => s.name)).toEqual(['dev', 'prod']);
  });

  it('fills the limits a stage leaves out', () => {
    expect(parseDeployments({ stages: [stage()] })[0]!.limits).toMatchObject({
      requestsPerIpPer5Minutes: 300,
      apiRatePerSecond: 25,
    });
  });

  it.each([
    [{ region: 'us-east-1' }, /region/],
    [{ councils: [{ id: 'southend', origins: ['http://www.southend.gov.uk'] }] }, /https origin/],
    [
      { councils: [{ id: 'atlantis', origins: ['https://atlantis.gov.uk'] }] },
      /atlantis is not in knowledge\/councils/,
    ],
    [{ mail: { transport: 'ses', from: 'assistant@gmail.com' } }, /not on a council's sendingDomain/],
    [{ mail: { transport: 'carrier-pigeon' } }, /transport/],
    [
      { teams: { appId: '5b7c1e2a-0d3f-4e8a-9b6c-1f2e3d4c5b6a', tenantId: 'nope', council: 'southend' } },
      /GUID[\s\S]*teams.tenantId/,
    ],
    [
      {
        teams: {
          appId: '5b7c1e2a-0d3f-4e8a-9b6c-1f2e3d4c5b6a',
          tenantId: '5b7c1e2a-0d3f-4e8a-9b6c-1f2e3d4c5b6a',
          council: 'kent',
        },
      },
      /teams.council kent is not one of this stage's councils/,
    ],
  ])('refuses %j with a message naming the problem', (overrides, message) => {
    expect(() => parseDeployments({ stages: [stage(overrides)] })).toThrow(message);
  });

  it('refuses two stages with one name', () => {
    expect(() => parseDeployments({ stages: [stage(), stage()] })).toThrow(/used twice/);
  });
});
