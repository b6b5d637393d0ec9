import type { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { loadSecretsIntoEnv, type SecretsClient } from '#shared/secrets.ts';

const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-2:111122223333:secret:${name}-AbCdEf`;

/** Secrets Manager as far as GetSecretValue goes: the stored values by id, and every id asked for. */
function fakeSecretsManager(values: Record<string, string | Error>) {
  const asked: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client: SecretsClient = {
    send: async (command: GetSecretValueCommand) => {
      const id = command.input.SecretId!;
      asked.push(id);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const value = values[id];
      if (value instanceof Error) throw value;
      if (value === undefined)
        throw Object.assign(new Error(`Secrets Manager can't find the specified secret.`), {
          name: 'ResourceNotFoundException',
        });
      return { SecretString: value };
    },
  };
  return { client, asked, maxInFlight: () => maxInFlight };
}

describe('loadSecretsIntoEnv', () => {
  it('sets <NAME> from <NAME>_SECRET_ARN, reading every secret in parallel', async () => {
    const secrets = fakeSecretsManager({ [ARN('smtp')]: 'relay-password', [ARN('ack')]: 'a'.repeat(40) });
    const env: NodeJS.ProcessEnv = {
      SMTP_PASS_SECRET_ARN: ARN('smtp'),
      ACK_LINK_SECRET_SECRET_ARN: ARN('ack'),
      MAIL_TABLE: 'mail',
    };
    const set = await loadSecretsIntoEnv(env, secrets.client);
    expect(set.sort()).toEqual(['ACK_LINK_SECRET', 'SMTP_PASS']);
    expect(env.SMTP_PASS).toBe('relay-password');
    expect(env.ACK_LINK_SECRET).toBe('a'.repeat(40));
    expect(env.MAIL_TABLE).toBe('mail');
    expect(secrets.asked.sort()).toEqual([ARN('ack'), ARN('smtp')]);
    expect(secrets.maxInFlight()).toBe(2);
  });

  it('leaves a value that is already set (a local run, a test) and does not fetch its secret', async () => {
    const secrets = fakeSecretsManager({ [ARN('smtp')]: 'from-secrets-manager' });
    const env: NodeJS.ProcessEnv = { SMTP_PASS: 'set-locally', SMTP_PASS_SECRET_ARN: ARN('smtp') };
    expect(await loadSecretsIntoEnv(env, secrets.client)).toEqual([]);
    expect(env.SMTP_PASS).toBe('set-locally');
    expect(secrets.asked).toEqual([]);
  });

  it('makes no call when no secret is configured (a blank ARN or a bare _SECRET_ARN is none)', async () => {
    const secrets = fakeSecretsManager({});
    const env: NodeJS.ProcessEnv = { MAIL_TABLE: 'mail', _SECRET_ARN: ARN('nameless'), EMPTY_SECRET_ARN: '' };
    expect(await loadSecretsIntoEnv(env, secrets.client)).toEqual([]);
    expect(secrets.asked).toEqual([]);
    expect(env).toEqual({ MAIL_TABLE: 'mail', _SECRET_ARN: ARN('nameless'), EMPTY_SECRET_ARN: '' });
  });

  it('fails naming the variable and the secret id, never a value, and sets nothing when one read fails', async () => {
    const denied = Object.assign(
      new Error(`User is not authorized to perform: secretsmanager:GetSecretValue on resource: ${ARN('app')}`),
      { name: 'AccessDeniedException' },
    );
    const secrets = fakeSecretsManager({ [ARN('smtp')]: 'relay-password', [ARN('app')]: denied });
    const env: NodeJS.ProcessEnv = {
      SMTP_PASS_SECRET_ARN: ARN('smtp'),
      MICROSOFT_APP_PASSWORD_SECRET_ARN: ARN('app'),
    };
    const error = (await loadSecretsIntoEnv(env, secrets.client).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('MICROSOFT_APP_PASSWORD');
    expect(error.message).toContain(ARN('app'));
    expect(error.message).toContain('AccessDeniedException');
    expect(error.message).not.toContain('relay-password');
    expect(env.SMTP_PASS).toBeUndefined();
    expect(env.MICROSOFT_APP_PASSWORD).toBeUndefined();
  });

  it('refuses a secret with no SecretString (a binary secret), without showing what it holds', async () => {
    const secrets = fakeSecretsManager({ [ARN('origin')]: '' });
    const env: NodeJS.ProcessEnv = { ORIGIN_VERIFY_SECRET_ARN: ARN('origin') };
    await expect(loadSecretsIntoEnv(env, secrets.client)).rejects.toThrow(
      `secret ${ARN('origin')} (for ORIGIN_VERIFY) has no SecretString`,
    );
    expect(env.ORIGIN_VERIFY).toBeUndefined();
  });
});
