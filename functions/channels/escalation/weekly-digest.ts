/**
 * Lambda entry, the DPO's weekly digest per council (scheduled): it reads the notice audit kb:build wrote, shipped
 * beside the code (AUDIT_PATH), so no Lambda runs the audit, and runs kb:check's check of the published notices
 * (published-check.ts): which changed on the councils' sites since import and what the assistant would now answer
 * differently. The one Lambda that bundles the build pipeline, for that check; it runs once a week.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { DigestEnvSchema, readEnv } from '#shared/env.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { checkPublishedNotices } from './published-check.ts';
import { wireDigest } from './wire-digest.ts';

// First, before the environment is parsed: in AWS, ACK_LINK_SECRET and SMTP_PASS are read from Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(DigestEnvSchema);
const index = loadKnowledgeIndex(env.KB_PATH);

export const handler = wireDigest({
  dynamo: new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  tables: { escalations: env.ESCALATION_TABLE, mail: env.MAIL_TABLE, unanswered: env.UNANSWERED_TABLE },
  index,
  sender: mailSenderFromEnv(),
  logger: new Logger({ serviceName: 'escalation' }),
  auditPath: env.AUDIT_PATH,
  acknowledgeLink: { base: env.ACK_LINK_BASE, secret: env.ACK_LINK_SECRET },
  // Which notices changed on the councils' sites since import, fact by fact (kb:check's check; never changes the KB).
  checkPublished: () => checkPublishedNotices(index.kb),
});
