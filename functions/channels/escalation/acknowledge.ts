/**
 * `/api/complaints/acknowledge?ref=…&exp=…&sig=…`: the signed link in the DPO digest that marks a complaint
 * acknowledged, so it leaves the digest. GET only shows a confirm button and POST acknowledges: mail security
 * scanners (Microsoft Safe Links and the like) fetch every link in an email, and a GET that changed state would
 * acknowledge every complaint before the DPO had read it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { EscalationStore } from '#core/ports.ts';
import { requireCloudFront } from '#shared/http.ts';
import { verifyLink } from '#shared/signed-link.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small self-contained page: no script, no external resources, nothing a CSP would need to allow. */
const page = (status: number, text: string, form?: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
  },
  body:
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Acknowledge complaint</title>' +
    `<main><p>${escapeHtml(text)}</p>${form ?? ''}</main></html>`,
});

export function createAcknowledgeHandler(deps: {
  store: Pick<EscalationStore, 'acknowledge'>;
  secret: string;
  now: () => Date;
  today: () => string;
  logger: Logger;
  /** CloudFront's `x-origin-verify` secret (env ORIGIN_VERIFY): the links must point at the CloudFront address. */
  originVerify?: string | undefined;
}) {
  return requireCloudFront(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const claims = verifyLink(
      'acknowledge-complaint',
      event.queryStringParameters ?? {},
      deps.secret,
      Math.floor(deps.now().getTime() / 1000),
    );
    if (!claims)
      return page(
        403,
        'This link is not valid or has expired. Ask for a new digest, or acknowledge the complaint in Teams.',
      );
    if (event.requestContext?.http?.method !== 'POST') {
      const action = `?${new URLSearchParams(event.queryStringParameters as Record<string, string>).toString()}`;
      return page(
        200,
        `Mark complaint ${claims.reference} as acknowledged?`,
        `<form method="post" action="${escapeHtml(action)}"><button type="submit">Mark acknowledged</button></form>`,
      );
    }
    const escalation = await deps.store.acknowledge(claims.reference, deps.today());
    if (!escalation) return page(404, 'No complaint with that reference.');
    deps.logger.info('Complaint acknowledged', { council: escalation.council });
    return page(
      200,
      `Complaint ${escalation.reference} is marked acknowledged on ${escalation.acknowledgedOn}. It will no longer appear in the digest.`,
    );
  }, deps);
}
