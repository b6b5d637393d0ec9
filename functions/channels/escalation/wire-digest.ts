/**
 * The DPO's weekly digest, wired apart from the rest of the channel: only the digest Lambda (and npm start) reads
 * the audit. Only the digest Lambda's entry checks the published notices (published-check.ts, passed in as
 * `checkPublished`), so the escalation form, the Teams bot and npm start never load the build pipeline or an HTML
 * parser.
 */
import { randomUUID } from 'node:crypto';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { DynamoEscalationStore } from '#adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoUnansweredStore } from '#adapters/dynamodb-unanswered-store.ts';
import { loadAuditReport } from '#shared/audit-report.ts';
import { createDigestHandler, type DigestDependencies } from './digest.ts';
import type { EscalationConfig } from './wire.ts';

export interface DigestConfig extends EscalationConfig {
  index: KnowledgeIndex;
  tables: EscalationConfig['tables'] & { unanswered: string };
  /** The notice audit kb:build wrote (AUDIT_PATH; default knowledge/build/audit.json), read once here. */
  auditPath?: string | undefined;
  /** Where the acknowledge links point, and the secret that signs them. */
  acknowledgeLink: { base: string; secret: string };
  /**
   * Compares each notice's published document with its import, fact by fact, as kb:check does (the digest Lambda
   * passes published-check.ts's checkPublishedNotices; npm start does not fetch).
   */
  checkPublished?: DigestDependencies['checkPublished'];
}

/** The DPO's weekly digest: unanswered questions beside the notices' audit gaps, open complaints, undelivered mail. */
export function wireDigest(config: DigestConfig) {
  return createDigestHandler({
    index: config.index,
    auditGaps: loadAuditReport(config.auditPath),
    unanswered: new DynamoUnansweredStore(config.dynamo, config.tables.unanswered),
    escalations: new DynamoEscalationStore(config.dynamo, config.tables.escalations),
    queue: new DynamoMailQueue(config.dynamo, config.tables.mail),
    sender: config.sender,
    newId: randomUUID,
    now: config.now ?? (() => new Date()),
    logger: config.logger,
    acknowledgeLink: { ...config.acknowledgeLink, validDays: 14 },
    ...(config.checkPublished ? { checkPublished: config.checkPublished } : {}),
  });
}
