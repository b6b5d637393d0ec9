/**
 * `GET /api/complaints/acknowledge?ref=…&exp=…&sig=…`: the signed link in the DPO digest that marks a complaint
 * acknowledged, so it leaves the digest. A plain page answers, since a person clicked it from an email.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { EscalationStore } from '../../adapters/dynamodb-escalation-store.ts';
import { verifyLink } from '../../shared/signed-link.ts';

const page = (status: number, text: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  },
  body: text,
});

export function createAcknowledgeHandler(deps: {
  store: Pick<EscalationStore, 'acknowledge'>;
  secret: string;
  now: () => Date;
  today: () => string;
  logger: Logger;
}) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
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
    const escalation = await deps.store.acknowledge(claims.reference, deps.today());
    if (!escalation) return page(404, 'No complaint with that reference.');
    deps.logger.info('Complaint acknowledged', { council: escalation.council });
    return page(
      200,
      `Complaint ${escalation.reference} is marked acknowledged on ${escalation.acknowledgedOn}. It will no longer appear in the digest.`,
    );
  };
}
