/**
 * Lambda entry, the escalation HTTP function: POST /api/escalate and /api/complaints/acknowledge (GET confirms,
 * POST acknowledges), built once per cold start by wire.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { EscalationHttpEnvSchema, readEnv } from '#shared/env.ts';
import { byPath } from '#shared/http.ts';
import { mailSenderFromEnv } from '#shared/mail.ts';
import { loadSecretsIntoEnv } from '#shared/secrets.ts';
import { wireEscalationRoutes } from './wire.ts';

// First, before the environment is parsed: in AWS, ACK_LINK_SECRET, ORIGIN_VERIFY and SMTP_PASS are read from
// Secrets Manager.
await loadSecretsIntoEnv();

const env = readEnv(EscalationHttpEnvSchema);

export const handler = byPath(
  wireEscalationRoutes({
    dynamo: new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    tables: { escalations: env.ESCALATION_TABLE, mail: env.MAIL_TABLE },
    index: loadKnowledgeIndex(env.KB_PATH),
    sender: mailSenderFromEnv(),
    logger: new Logger({ serviceName: 'escalation' }),
    allowedOrigins: env.ALLOWED_ORIGINS,
    ackLinkSecret: env.ACK_LINK_SECRET,
    originVerify: env.ORIGIN_VERIFY,
  }),
);
