/**
 * Which notices changed on the council's website since they were imported, for the DPO's weekly digest in AWS: each
 * notice's `url` is fetched (a bounded wait), its text read as kb:import reads a web page (knowledge/import/html.ts)
 * and hashed as kb:import hashed it (content-hash.ts), then compared with the `contentHash` its front-matter keeps.
 *
 * Hash level only: what the assistant would now answer differently (the fact-level diff) needs the build pipeline,
 * which no Lambda imports; `npm run kb:check` prints it. Read-only: it never changes the knowledge base, and every
 * failure (no answer, an HTTP error, a page it cannot read) is a line in the report, never a failed digest.
 */
import type { Notice } from '#core/knowledge-schema.ts';
import { contentHash } from '../../knowledge/import/content-hash.ts';
import { htmlToNotice } from '../../knowledge/import/html.ts';

export const PUBLISHED_CHECK_TIMEOUT_MS = 10_000;

export type PublishedCheck = { notice: string; council: string } & (
  | { status: 'unchanged' }
  | { status: 'changed'; url: string }
  | { status: 'unreachable'; error: string }
  /** No `url` in the front-matter: nothing to compare with. */
  | { status: 'no-url' }
  /** Not imported with kb:import (no `contentHash`), or published as a PDF or Word file: kb:check compares those. */
  | { status: 'not-checked'; reason: string }
);

type Fetched = { ok: true; html: string } | { ok: false; error: string } | { ok: false; reason: string };

async function fetchPage(url: string, timeoutMs: number, fetcher: typeof fetch): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetcher(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'privacy-notice-assistant digest', accept: 'text/html,*/*' },
      redirect: 'follow',
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { ok: false, error: timedOut ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message };
  }
  try {
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    const head = new TextDecoder().decode(bytes.slice(0, 5));
    if (head.startsWith('%PDF') || (bytes[0] === 0x50 && bytes[1] === 0x4b))
      return { ok: false, reason: 'published as a PDF or Word file: npm run kb:check compares it' };
    return { ok: true, html: new TextDecoder().decode(bytes) };
  } catch (error) {
    return { ok: false, error: `the page could not be read: ${(error as Error).message}` };
  }
}

function compare(notice: Notice, fetched: Fetched): PublishedCheck {
  const base = { notice: notice.id, council: notice.council };
  if ('error' in fetched) return { ...base, status: 'unreachable', error: fetched.error };
  if ('reason' in fetched) return { ...base, status: 'not-checked', reason: fetched.reason };
  try {
    const now = contentHash(htmlToNotice(fetched.html).text);
    return now === notice.contentHash
      ? { ...base, status: 'unchanged' }
      : { ...base, status: 'changed', url: notice.url! };
  } catch (error) {
    return { ...base, status: 'unreachable', error: `the page could not be read: ${(error as Error).message}` };
  }
}

/** Every notice's published page compared with its import; one fetch per address, all at once. */
export async function checkPublishedNotices(
  notices: readonly Notice[],
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<PublishedCheck[]> {
  const timeoutMs = options.timeoutMs ?? PUBLISHED_CHECK_TIMEOUT_MS;
  const fetcher = options.fetch ?? fetch;
  const pages = new Map<string, Promise<Fetched>>();
  return Promise.all(
    notices.map(async (notice): Promise<PublishedCheck> => {
      const base = { notice: notice.id, council: notice.council };
      if (!notice.url) return { ...base, status: 'no-url' };
      if (!notice.contentHash)
        return {
          ...base,
          status: 'not-checked',
          reason: 'not imported with kb:import, so there is no hash to compare',
        };
      if (!pages.has(notice.url)) pages.set(notice.url, fetchPage(notice.url, timeoutMs, fetcher));
      return compare(notice, await pages.get(notice.url)!);
    }),
  );
}

/** The digest's lines for one council's notices. */
export function formatPublishedChecks(checks: readonly PublishedCheck[]): string[] {
  return checks.map((c) => {
    switch (c.status) {
      case 'unchanged':
        return `  ${c.notice}: unchanged since import`;
      case 'changed':
        return `  ${c.notice}: CHANGED since import — the assistant answers from the imported text until it is re-imported (npm run kb:import -- ${c.url} --council ${c.council} --replace; npm run kb:diff shows what it would answer differently)`;
      case 'unreachable':
        return `  ${c.notice}: could not check (${c.error})`;
      case 'no-url':
        return `  ${c.notice}: no url in its front-matter, not checked`;
      case 'not-checked':
        return `  ${c.notice}: not checked here (${c.reason})`;
    }
  });
}
