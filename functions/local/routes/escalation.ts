/**
 * Escalations locally, from the escalation channel's own composition roots (channels/escalation/wire.ts, wire-digest.ts): the HTTP
 * routes, the digest (its acknowledge links point here) and the mail retry, every minute as the schedule does in
 * AWS every five.
 */
import { wireDigest } from '../../channels/escalation/wire-digest.ts';
import {
  wireEscalation,
  wireEscalationRoutes,
  wireMailRetry,
  type EscalationConfig,
} from '../../channels/escalation/wire.ts';
import type { HttpHandler } from '#shared/http.ts';
import { loggedMetrics } from '#shared/metrics.ts';
import { localSarIntake } from './sar.ts';
import { LOCAL_TABLES, type LocalContext } from './route.ts';

/** How often the local run retries queued mail (the scheduled function in AWS). */
const RETRY_EVERY_MS = 60_000;

const config = (ctx: LocalContext): EscalationConfig & { index: LocalContext['index'] } => ({
  dynamo: ctx.dynamo,
  tables: { escalations: LOCAL_TABLES.escalations, mail: LOCAL_TABLES.mail },
  index: ctx.index,
  sender: ctx.outbox,
  logger: ctx.logger,
});

/** The use case's dependencies, for the Teams bot's "Escalate". */
export const localEscalation = (ctx: LocalContext) => wireEscalation(config(ctx));

/** POST /api/escalate and /api/complaints/acknowledge. */
export function escalationRoutes(ctx: LocalContext): Record<string, HttpHandler> {
  return wireEscalationRoutes({ ...config(ctx), allowedOrigins: ctx.allowedOrigins, ackLinkSecret: ctx.linkSecret });
}

/** The DPO digest, on demand; it reads knowledge/build/audit.json as the digest Lambda does. */
export function localDigest(ctx: LocalContext) {
  return wireDigest({
    ...config(ctx),
    tables: { escalations: LOCAL_TABLES.escalations, mail: LOCAL_TABLES.mail, unanswered: LOCAL_TABLES.unanswered },
    acknowledgeLink: { base: `${ctx.url}/api/complaints/acknowledge`, secret: ctx.linkSecret },
  });
}

/** Retries queued mail every minute until `stop`; as in AWS the SAR intake first queues mail owed by cases. */
export function startMailRetry(ctx: LocalContext): { stop(): void } {
  const retry = wireMailRetry({
    dynamo: ctx.dynamo,
    mailTable: LOCAL_TABLES.mail,
    sender: ctx.outbox,
    logger: ctx.logger,
    metrics: loggedMetrics(ctx.logger),
    queueOwedSarMail: () => localSarIntake(ctx).invoke({ action: 'queue-owed-mail' }),
  });
  const retrying = setInterval(() => void retry().catch(() => undefined), RETRY_EVERY_MS);
  retrying.unref();
  return { stop: () => clearInterval(retrying) };
}
