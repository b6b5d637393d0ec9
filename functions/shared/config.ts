/** Environment read once at cold start, validated, failing fast with the variable that is wrong. */
import { z } from 'zod';

const ChatConfigSchema = z.object({
  SESSIONS_TABLE: z.string().min(1),
  /** Comma-separated origins allowed to call the API (the councils' sites). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(30),
  KB_PATH: z.string().optional(),
  /** Only for local runs: a DynamoDB endpoint such as dynalite's. */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
});
export type ChatConfig = z.infer<typeof ChatConfigSchema>;

export function readChatConfig(env: NodeJS.ProcessEnv = process.env): ChatConfig {
  const parsed = ChatConfigSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
