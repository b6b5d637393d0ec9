/** POST /api/messages: the Bot Framework endpoint Teams calls, as an API Gateway (HTTP API v2) handler. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { requireCloudFront } from '../../shared/http.ts';
import type { BotResponse } from './bot-framework.ts';

export function createTeamsHandler(deps: {
  endpoint: (authorization: string | undefined, body: string | undefined) => Promise<BotResponse>;
  logger: Logger;
  /**
   * CloudFront's `x-origin-verify` secret (env ORIGIN_VERIFY): Teams must reach the bot through CloudFront and
   * its WAF like every other route, so the messaging endpoint registered for the bot is the CloudFront address.
   */
  originVerify?: string | undefined;
}) {
  return requireCloudFront(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    if (event.requestContext?.http?.method !== 'POST') return { statusCode: 405, headers: { allow: 'POST' } };
    const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const started = performance.now();
    try {
      const response = await deps.endpoint(event.headers?.authorization, body);
      // Status and timing only: the message is a staff member's words about a resident.
      deps.logger.info('Teams activity', {
        status: response.status,
        latencyMs: Math.round(performance.now() - started),
      });
      return {
        statusCode: response.status,
        ...(response.body ? { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: response.body } : {}),
      };
    } catch (error) {
      deps.logger.error('Teams activity failed', { error: (error as Error).name });
      return { statusCode: 500 };
    }
  }, deps);
}
