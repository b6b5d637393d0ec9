/**
 * `POST /api/escalate`: the person's message to the Data Protection Officer, over HTTP. The use case is the core's
 * (core/escalation/submit.ts); this says its outcomes in HTTP: 201 with the reference, 400 with what to correct,
 * 429 once a limit is reached.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  submitEscalation,
  type EscalationOutcome,
  type SubmitEscalationDependencies,
} from '#core/escalation/submit.ts';
import { httpStack, json, jsonError, type HttpHandler } from '#shared/http.ts';

export interface EscalationDependencies extends SubmitEscalationDependencies {
  logger: Logger;
  allowedOrigins: string[];
  /** CloudFront's `x-origin-verify` secret (env ORIGIN_VERIFY); see HttpStackOptions. */
  originVerify?: string | undefined;
}

/** An outcome as the widget reads it: the same body shape as every endpoint (`ok`, or `error` in the one shape). */
export function escalationResponse(outcome: EscalationOutcome) {
  switch (outcome.kind) {
    case 'accepted': {
      const { kind: _kind, ...accepted } = outcome;
      return json(201, { ok: true, ...accepted });
    }
    case 'invalid':
      return jsonError(400, 'invalid', outcome.message, outcome.fields);
    case 'unknown-context':
      return jsonError(400, 'unknown-context', outcome.message);
    case 'rate-limited':
      return jsonError(429, 'too-many', outcome.message);
  }
}

export function createEscalationHandler(deps: EscalationDependencies): HttpHandler {
  return httpStack(async (event) => escalationResponse(await submitEscalation(deps, event.body)), {
    allowedOrigins: deps.allowedOrigins,
    logger: deps.logger,
    originVerify: deps.originVerify,
  });
}
