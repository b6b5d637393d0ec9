/**
 * The weekly digest's check of the councils' published notices: `npm run kb:check`'s own check
 * (knowledge/import/check.ts, so the two cannot drift), run over the knowledge base the Lambda ships. Each notice's
 * `url` is fetched (a bounded wait per page and for the whole run, each address once); on a change the fresh
 * notice is built with the pipeline and diffed fact by fact, so the DPO reads what the assistant would now answer
 * differently. Read-only: it never changes the knowledge base, and a page that does not answer, answers an error
 * or cannot be read is a line, never a failed digest.
 *
 * Only the digest Lambda's entry imports this module (test/architecture.test.ts): it brings the build pipeline,
 * the HTML parser and the PDF and Word readers, which no other function may bundle.
 */
import type { KnowledgeBase } from '#core/knowledge-schema.ts';
import { checkNotices, formatCheck, type Fetcher } from '#knowledge/import/check.ts';
import { fetchDocument } from '#knowledge/import/fetch.ts';
import type { PublishedNotice } from './digest.ts';

/** How long one page may take to answer. */
export const PUBLISHED_PAGE_TIMEOUT_MS = 10_000;
/** How long all the pages may take together, well inside the digest Lambda's two minutes. */
export const PUBLISHED_CHECK_BUDGET_MS = 60_000;

export interface PublishedCheckOptions {
  /** One page's wait (default PUBLISHED_PAGE_TIMEOUT_MS). */
  timeoutMs?: number;
  /** All pages' wait together (default PUBLISHED_CHECK_BUDGET_MS): pages after it is spent are not fetched. */
  budgetMs?: number;
  now?: () => number;
}

/**
 * fetchDocument with a bounded wait: each page at most `timeoutMs`, and no page is asked for once `budgetMs` is
 * spent, so a run of slow council sites cannot outlast the Lambda. A page several notices share is fetched once.
 */
export function boundedFetcher(options: PublishedCheckOptions = {}): Fetcher {
  const { timeoutMs = PUBLISHED_PAGE_TIMEOUT_MS, budgetMs = PUBLISHED_CHECK_BUDGET_MS, now = Date.now } = options;
  const deadline = now() + budgetMs;
  const pages = new Map<string, Promise<Uint8Array>>();
  return (url) => {
    let page = pages.get(url);
    if (!page) {
      const left = deadline - now();
      page =
        left <= 0
          ? Promise.reject(new Error(`not fetched: the digest's ${budgetMs / 1000} s for published pages were spent`))
          : fetchDocument(url, Math.min(timeoutMs, left)).then((fetched) => fetched.bytes);
      pages.set(url, page);
    }
    // Each notice reads its own copy: a reader may take over the buffer it is given (pdf.js does).
    return page.then((bytes) => bytes.slice());
  };
}

/** Every notice in `kb` compared with its published document, as kb:check reports it, one entry per notice. */
export async function checkPublishedNotices(
  kb: KnowledgeBase,
  options: PublishedCheckOptions & { fetcher?: Fetcher } = {},
): Promise<PublishedNotice[]> {
  const outcomes = await checkNotices(kb, options.fetcher ?? boundedFetcher(options));
  return outcomes.map((outcome) => ({
    notice: outcome.notice,
    council: outcome.council,
    status: outcome.status,
    lines: formatCheck([outcome]).split('\n'),
  }));
}
