/** POST /api/messages: the Bot Framework endpoint Teams calls, as an API Gateway (HTTP API v2) handler. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { API_RESPONSE_HEADERS, jsonError, requireCloudFront } from '#shared/http.ts';
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
    const method = event.requestContext?.http?.method;
    if (method !== 'POST')
      return jsonError(
        405,
        'method-not-allowed',
        `This address takes POST requests, not ${method}.`,
        {},
        {
          ...API_RESPONSE_HEADERS,
          allow: 'POST',
        },
      );
    const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const started = performance.now();
    try {
      const response = await deps.endpoint(event.headers?.authorization, body);
      // Status and timing only: the message is a staff member's words about a resident.
      deps.logger.info('Teams activity', {
        status: response.status,
        latencyMs: Math.round(performance.now() - started),
      });
      if (response.error)
        return jsonError(response.status, response.error.code, response.error.message, {}, API_RESPONSE_HEADERS);
      return { statusCode: response.status, headers: { ...API_RESPONSE_HEADERS } };
    } catch (error) {
      deps.logger.error('Teams activity failed', { error: (error as Error).name });
      return jsonError(500, 'internal', 'Sorry, something went wrong on our side.', {}, API_RESPONSE_HEADERS);
    }
  }, deps);
}
