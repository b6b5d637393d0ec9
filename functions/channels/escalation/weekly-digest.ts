/**
 * Lambda entry, the DPO's weekly digest per council (scheduled): it reads the notice audit kb:build wrote, shipped
 * beside the code (AUDIT_PATH), so no Lambda imports the build pipeline or runs the audit at cold start, and says
 * which notices changed on the councils' sites since they were imported (shared/published-notices.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { DigestEnvSchema, readEnv } from '#shared/env.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireDigest } from './wire-digest.ts';

// First, before the environment is parsed: in AWS, ACK_LINK_SECRET and SMTP_PASS are read from Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(DigestEnvSchema);

export const handler = wireDigest({
  dynamo: new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  tables: { escalations: env.ESCALATION_TABLE, mail: env.MAIL_TABLE, unanswered: env.UNANSWERED_TABLE },
  index: loadKnowledgeIndex(env.KB_PATH),
  sender: mailSenderFromEnv(),
  logger: new Logger({ serviceName: 'escalation' }),
  auditPath: env.AUDIT_PATH,
  acknowledgeLink: { base: env.ACK_LINK_BASE, secret: env.ACK_LINK_SECRET },
  // Which notices changed on the councils' sites since import (hash level; kb:check gives the fact-level diff).
  checkPublished: true,
});
