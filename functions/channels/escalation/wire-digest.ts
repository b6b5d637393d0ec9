/**
 * The DPO's weekly digest, wired apart from the rest of the channel: only the digest Lambda (and npm start) reads
 * the audit and published pages, so the escalation form and the Teams bot never bundle an HTML parser.
 */
import { randomUUID } from 'node:crypto';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { DynamoEscalationStore } from '#adapters/dynamodb-escalation-store.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoUnansweredStore } from '#adapters/dynamodb-unanswered-store.ts';
import { loadAuditReport } from '#shared/audit-report.ts';
import { checkPublishedNotices } from '#shared/published-notices.ts';
import { createDigestHandler } from './digest.ts';
import type { EscalationConfig } from './wire.ts';

export interface DigestConfig extends EscalationConfig {
  index: KnowledgeIndex;
  tables: EscalationConfig['tables'] & { unanswered: string };
  /** The notice audit kb:build wrote (AUDIT_PATH; default knowledge/build/audit.json), read once here. */
  auditPath?: string | undefined;
  /** Where the acknowledge links point, and the secret that signs them. */
  acknowledgeLink: { base: string; secret: string };
  /** Fetch each notice's published page and say which changed since import (the digest in AWS; not locally). */
  checkPublished?: boolean;
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
    ...(config.checkPublished
      ? { checkPublished: () => checkPublishedNotices([...config.index.notices.values()].map((n) => n.notice)) }
      : {}),
  });
}
