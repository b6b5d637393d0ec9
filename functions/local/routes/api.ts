/**
 * The HTTP API's routes (/api/chat, /api/feedback, /api/sar, /api/escalate, /api/complaints/acknowledge) mapped to
 * API Gateway v2 events for the Lambda handlers, each taking only the methods API Gateway routes for it; any other
 * /api/ path is a 404 in the one error shape.
 */
import { byPath, type HttpHandler } from '#shared/http.ts';
import { localContext, readBody, toEvent, writeResult } from '../api-gateway.ts';
import { allowed, sendError } from '../guard.ts';
import type { LocalRoute } from './route.ts';

/** The API's routes and the methods API Gateway routes for each (OPTIONS: the CORS preflight). */
const API_ROUTES: Record<string, string[]> = {
  '/api/chat': ['POST', 'OPTIONS'],
  '/api/feedback': ['POST', 'OPTIONS'],
  '/api/sar': ['POST', 'OPTIONS'],
  '/api/escalate': ['POST', 'OPTIONS'],
  '/api/complaints/acknowledge': ['GET', 'POST'],
};

export function apiRoute(handlers: Record<string, HttpHandler>): LocalRoute {
  const api = byPath(handlers);
  return {
    matches: (path) => path.startsWith('/api/'),
    async serve(request, response, path) {
      const methods = Object.hasOwn(API_ROUTES, path) ? API_ROUTES[path] : undefined;
      if (!methods) return sendError(response, 404, 'not-found', `No route for ${path}.`);
      if (!allowed(response, request.method, methods)) return;
      const body = await readBody(request);
      return writeResult(response, await api(toEvent(request, body), localContext('web-chat')));
    },
  };
}
