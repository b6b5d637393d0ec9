/**
 * Every function's environment in one place: the names of the variables (ENV, which infra imports to set them, so
 * a rename cannot drift between the two), one schema per function, read once at cold start and failing fast with
 * the variable that is wrong, and the one comma-list rule.
 *
 * Secrets are not set by infra: it sets `<NAME>_SECRET_ARN` (secretArnVariable) and shared/secrets.ts puts the
 * value in `<NAME>` before the entry parses its environment.
 */
import * as z from 'zod/mini';

const NAMES = [
  'NODE_OPTIONS',
  'KB_PATH',
  /** Where the notice audit kb:build wrote is in a bundle (shared/audit-report.ts; infra's shipsAudit sets it). */
  'AUDIT_PATH',
  'DYNAMODB_ENDPOINT',
  'LAMBDA_ENDPOINT',
  // Tables
  'SAR_TABLE',
  'MAIL_TABLE',
  'ESCALATION_TABLE',
  'UNANSWERED_TABLE',
  'TEAMS_CHANNEL_TABLE',
  // Other functions and the public site
  'SAR_INTAKE_FUNCTION',
  'ALLOWED_ORIGINS',
  'ACK_LINK_BASE',
  // Secrets (read from Secrets Manager in AWS)
  'ACK_LINK_SECRET',
  'ORIGIN_VERIFY',
  'MICROSOFT_APP_PASSWORD',
  'SMTP_PASS',
  // Microsoft Teams
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_TENANT_ID',
  'TEAMS_ALLOWED_TENANTS',
  'TEAMS_IG_STAFF',
  'TEAMS_COUNCIL',
  // Mail (shared/mail.ts)
  'MAIL_TRANSPORT',
  'MAIL_FROM',
  'SES_IDENTITY_ARN',
  'SES_CONFIGURATION_SET',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
] as const;
export type EnvName = (typeof NAMES)[number];

/** The variable names, each the constant of its own name: `ENV.SAR_TABLE === 'SAR_TABLE'`. */
export const ENV = Object.freeze(Object.fromEntries(NAMES.map((name) => [name, name]))) as {
  readonly [K in EnvName]: K;
};

/** The variable infra sets instead of a secret's value: `ORIGIN_VERIFY` → `ORIGIN_VERIFY_SECRET_ARN`. */
export const secretArnVariable = (name: EnvName): `${EnvName}_SECRET_ARN` => `${name}_SECRET_ARN`;

/** Comma-separated values ("a, b,,c" → ["a", "b", "c"]); `required`: the message when the variable is unset or empty. */
export function commaList(required?: string) {
  const split = (value: string) =>
    value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  return required
    ? z.pipe(z.string().check(z.minLength(1, required)), z.transform(split))
    : z.pipe(z._default(z.string(), ''), z.transform(split));
}

const name = () => z.string().check(z.minLength(1));

/**
 * ORIGIN_VERIFY: the secret CloudFront adds as `x-origin-verify` to every request it forwards, so the HTTP entry
 * points refuse one sent straight to the execute-api URL, round the WAF. Infra sets ORIGIN_VERIFY_SECRET_ARN and
 * secrets.ts reads it at cold start; unset locally and in tests, where every request is accepted. As long as
 * the other secrets: a guessable one would be no check.
 */
export const OriginVerifyVariable = z.optional(
  z.string().check(z.minLength(32, 'ORIGIN_VERIFY must be at least 32 characters')),
);

/** Web chat (functions/channels/web-chat). */
export const ChatEnvSchema = z.object({
  /** Where questions the assistant could not answer are counted (redacted) for the DPO's weekly digest. */
  [ENV.UNANSWERED_TABLE]: name(),
  /** Comma-separated origins allowed to call the API (the councils' sites). */
  [ENV.ALLOWED_ORIGINS]: commaList(),
  [ENV.KB_PATH]: z.optional(z.string()),
  /** The SAR intake function the chat hands requests to (Lambda Invoke). */
  [ENV.SAR_INTAKE_FUNCTION]: z._default(name(), 'sar-intake'),
  [ENV.ORIGIN_VERIFY]: OriginVerifyVariable,
  /** Only for local runs: a DynamoDB endpoint such as dynalite's. */
  [ENV.DYNAMODB_ENDPOINT]: z.optional(z.url()),
  /** Only for local runs: the local server's Lambda Invoke endpoint. */
  [ENV.LAMBDA_ENDPOINT]: z.optional(z.url()),
});
export type ChatEnv = z.infer<typeof ChatEnvSchema>;

/** SAR intake (functions/channels/sar-intake). */
export const SarIntakeEnvSchema = z.object({
  [ENV.SAR_TABLE]: name(),
  [ENV.MAIL_TABLE]: name(),
  [ENV.DYNAMODB_ENDPOINT]: z.optional(z.url()),
  [ENV.KB_PATH]: z.optional(z.string()),
});
export type SarIntakeEnv = z.infer<typeof SarIntakeEnvSchema>;

/** SAR reminders (functions/channels/reminders). */
export const RemindersEnvSchema = z.object({
  [ENV.SAR_TABLE]: name(),
  [ENV.DYNAMODB_ENDPOINT]: z.optional(z.url()),
  [ENV.KB_PATH]: z.optional(z.string()),
  /** With these, each council's list is also posted to its information-governance Teams channel. */
  [ENV.TEAMS_CHANNEL_TABLE]: z.optional(name()),
  [ENV.MICROSOFT_APP_ID]: z._default(z.string(), ''),
  [ENV.MICROSOFT_APP_PASSWORD]: z._default(z.string(), ''),
  [ENV.MICROSOFT_APP_TENANT_ID]: z._default(z.string(), ''),
});
export type RemindersEnv = z.infer<typeof RemindersEnvSchema>;

/** The Teams bot (functions/channels/teams). */
export const TeamsEnvSchema = z.object({
  /**
   * The password is read from Secrets Manager in AWS (MICROSOFT_APP_PASSWORD_SECRET_ARN); an empty app id is for
   * the local Emulator only.
   */
  [ENV.MICROSOFT_APP_ID]: z.string().check(z.minLength(1, 'MICROSOFT_APP_ID is required in AWS')),
  [ENV.MICROSOFT_APP_PASSWORD]: name(),
  [ENV.MICROSOFT_APP_TENANT_ID]: name(),
  /** The Entra tenant(s) allowed, and the information-governance staff (object ids). */
  [ENV.TEAMS_ALLOWED_TENANTS]: commaList('TEAMS_ALLOWED_TENANTS is required in AWS'),
  [ENV.TEAMS_IG_STAFF]: commaList(),
  /** The council whose SAR lists the bot shows. */
  [ENV.TEAMS_COUNCIL]: name(),
  /** Where the information-governance channel's conversation reference is kept. */
  [ENV.TEAMS_CHANNEL_TABLE]: name(),
  [ENV.ESCALATION_TABLE]: name(),
  [ENV.MAIL_TABLE]: name(),
  [ENV.SAR_INTAKE_FUNCTION]: z._default(name(), 'sar-intake'),
  [ENV.KB_PATH]: z.optional(z.string()),
  [ENV.ORIGIN_VERIFY]: OriginVerifyVariable,
});
export type TeamsEnv = z.infer<typeof TeamsEnvSchema>;

/** The acknowledge-link key: signs the digest's links and verifies them (read from Secrets Manager in AWS). */
const AckLinkSecretVariable = z.string().check(z.minLength(32, 'ACK_LINK_SECRET must be at least 32 characters'));

/** Escalation over HTTP (functions/channels/escalation/http.ts): POST /api/escalate, /api/complaints/acknowledge. */
export const EscalationHttpEnvSchema = z.object({
  [ENV.ESCALATION_TABLE]: name(),
  [ENV.MAIL_TABLE]: name(),
  /** Comma-separated origins allowed to call the API (the councils' sites). */
  [ENV.ALLOWED_ORIGINS]: commaList(),
  /** Verifies the digest's acknowledge links. */
  [ENV.ACK_LINK_SECRET]: AckLinkSecretVariable,
  [ENV.ORIGIN_VERIFY]: OriginVerifyVariable,
  [ENV.KB_PATH]: z.optional(z.string()),
  [ENV.DYNAMODB_ENDPOINT]: z.optional(z.url()),
});
export type EscalationHttpEnv = z.infer<typeof EscalationHttpEnvSchema>;

/** The scheduled mail retry (functions/channels/escalation/mail-retry.ts): no secret of its own but SMTP's. */
export const MailRetryEnvSchema = z.object({
  [ENV.MAIL_TABLE]: name(),
  /** The SAR intake it asks to queue the mail of cases still owed it. */
  [ENV.SAR_INTAKE_FUNCTION]: z.optional(name()),
  [ENV.DYNAMODB_ENDPOINT]: z.optional(z.url()),
});
export type MailRetryEnv = z.infer<typeof MailRetryEnvSchema>;

/** The DPO's weekly digest (functions/channels/escalation/weekly-digest.ts). */
export const DigestEnvSchema = z.object({
  [ENV.ESCALATION_TABLE]: name(),
  [ENV.MAIL_TABLE]: name(),
  [ENV.UNANSWERED_TABLE]: name(),
  /** Signs the acknowledge links, which point at ACK_LINK_BASE (the CloudFront address). */
  [ENV.ACK_LINK_SECRET]: AckLinkSecretVariable,
  [ENV.ACK_LINK_BASE]: z.url(),
  [ENV.KB_PATH]: z.optional(z.string()),
  /** The notice audit beside the code (infra's shipsAudit); default knowledge/build/audit.json. */
  [ENV.AUDIT_PATH]: z.optional(z.string()),
  [ENV.DYNAMODB_ENDPOINT]: z.optional(z.url()),
});
export type DigestEnv = z.infer<typeof DigestEnvSchema>;

/** Parses `env` with a function's schema; throws "Configuration: …" naming each variable that is wrong. */
export function readEnv<Schema extends z.ZodMiniType>(
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  const parsed = z.safeParse(schema, env);
  if (!parsed.success) throw new Error(`Configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
