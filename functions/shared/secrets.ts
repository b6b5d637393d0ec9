/**
 * Secrets read at run time from AWS Secrets Manager, so no secret value is ever written into a function's
 * configuration (where anyone with lambda:GetFunctionConfiguration could read it, and where CloudFormation
 * would keep it). Infra sets `<NAME>_SECRET_ARN`; this puts the secret's value in `<NAME>` before the entry
 * point parses its environment, so the rest of the code reads `<NAME>` as it does locally.
 *
 * It runs once per container, at cold start (top-level await in each entry point): the container is the
 * cache. A rotated secret is picked up by new containers; one already running keeps the value it read.
 */
import type { GetSecretValueCommand, GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';

const SUFFIX = '_SECRET_ARN';

/** What this needs of Secrets Manager: GetSecretValue (the SDK client in AWS, a fake in tests). */
export interface SecretsClient {
  send(command: GetSecretValueCommand): Promise<Pick<GetSecretValueCommandOutput, 'SecretString'>>;
}

/**
 * For every `<NAME>_SECRET_ARN` that is set while `<NAME>` is not (an empty value counts as not set: a blank
 * secret is never meant), reads the secret's SecretString, all in parallel, and sets `env[<NAME>]`. A value
 * already set wins, so a local run or a test sets `<NAME>` directly. Either every secret is set or none is:
 * the first failure throws, naming the variable and the secret id (never a value), and the cold start fails.
 *
 * The SDK client is imported only when there is a secret to read: a function with none pays nothing.
 * Returns the names it set.
 */
export async function loadSecretsIntoEnv(
  env: NodeJS.ProcessEnv = process.env,
  client?: SecretsClient,
): Promise<string[]> {
  const wanted = Object.entries(env)
    .filter(([key, secretId]) => key.endsWith(SUFFIX) && key.length > SUFFIX.length && !!secretId)
    .map(([key, secretId]) => ({ name: key.slice(0, -SUFFIX.length), secretId: secretId! }))
    .filter(({ name }) => !env[name]);
  if (wanted.length === 0) return [];

  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const secrets = client ?? new SecretsManagerClient({});
  const values = await Promise.all(
    wanted.map(async ({ name, secretId }) => {
      let output: Pick<GetSecretValueCommandOutput, 'SecretString'>;
      try {
        output = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
      } catch (error) {
        // The SDK's error names the secret and the access problem, never the value (it never had it).
        const { name: kind, message } = error as Error;
        throw new Error(`Configuration: ${name} could not be read from secret ${secretId}: ${kind}: ${message}`, {
          cause: error,
        });
      }
      if (typeof output.SecretString !== 'string' || output.SecretString === '')
        throw new Error(
          `Configuration: secret ${secretId} (for ${name}) has no SecretString: store the value as plain text`,
        );
      return [name, output.SecretString] as const;
    }),
  );
  for (const [name, value] of values) env[name] = value;
  return values.map(([name]) => name);
}
