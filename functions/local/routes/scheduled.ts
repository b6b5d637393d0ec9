/**
 * The scheduled functions on demand: POST /local/reminders (the daily SAR reminders) and /local/digest (the DPO's
 * weekly digest for this week so far, each council's in the outbox). From this machine only, so curl works and a
 * web page does not.
 */
import { isoWeek } from '#core/unanswered.ts';
import { allowed, fromThisMachine, sendError, sendJson } from '../guard.ts';
import type { LocalRoute } from './route.ts';

export function scheduledRoute(jobs: {
  reminders: () => Promise<unknown>;
  digest: (event: { week: string }) => Promise<unknown>;
}): LocalRoute {
  return {
    matches: (path) => path === '/local/reminders' || path === '/local/digest',
    async serve(request, response, path) {
      if (!allowed(response, request.method, ['POST'])) return;
      const refused = fromThisMachine(request);
      if (refused) return sendError(response, 403, 'forbidden', refused);
      const result =
        path === '/local/reminders' ? await jobs.reminders() : await jobs.digest({ week: isoWeek(new Date()) });
      return sendJson(response, 200, result);
    },
  };
}
