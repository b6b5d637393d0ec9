/** Environment read once at cold start, validated, failing fast with the variable that is wrong. */
import * as z from 'zod/mini';

/**
 * ORIGIN_VERIFY: the secret CloudFront adds as `x-origin-verify` to every request it forwards, so the HTTP entry
 * points refuse one sent straight to the execute-api URL, round the WAF. Infra sets ORIGIN_VERIFY_SECRET_ARN and
 * secrets.ts reads it at cold start; unset locally and in tests, where every request is accepted. As long as
 * the other secrets: a guessable one would be no check.
 */
export const OriginVerifyVariable = z.optional(
  z.string().check(z.minLength(32, 'ORIGIN_VERIFY must be at least 32 characters')),
);

const ChatConfigSchema = z.object({
  /** Where questions the assistant could not answer are counted (redacted) for the DPO's weekly digest. */
  UNANSWERED_TABLE: z.string().check(z.minLength(1)),
  /** Comma-separated origins allowed to call the API (the councils' sites). */
  ALLOWED_ORIGINS: z.pipe(
    z._default(z.string(), ''),
    z.transform((value: string) =>
      value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ),
  KB_PATH: z.optional(z.string()),
  /** The SAR intake function the chat hands requests to (Lambda Invoke). */
  SAR_INTAKE_FUNCTION: z._default(z.string().check(z.minLength(1)), 'sar-intake'),
  ORIGIN_VERIFY: OriginVerifyVariable,
  /** Only for local runs: a DynamoDB endpoint such as dynalite's. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** Only for local runs: the local server's Lambda Invoke endpoint. */
  LAMBDA_ENDPOINT: z.optional(z.url()),
});
export type ChatConfig = z.infer<typeof ChatConfigSchema>;

export function readChatConfig(env: NodeJS.ProcessEnv = process.env): ChatConfig {
  const parsed = z.safeParse(ChatConfigSchema, env);
  if (!parsed.success) throw new Error(`Configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
