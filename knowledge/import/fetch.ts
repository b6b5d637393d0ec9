/** Fetching a published notice: a bounded wait, a clear error, never a crash (kb:check reports it and goes on). */
import { ImportError } from './import-error.ts';

export const FETCH_TIMEOUT_MS = 15_000;

export async function fetchDocument(
  url: string,
  timeoutMs = FETCH_TIMEOUT_MS,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'privacy-notice-assistant kb:import', accept: 'text/html,application/pdf,*/*' },
      redirect: 'follow',
    });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message;
    throw new ImportError(`could not fetch ${url}: ${reason}`);
  }
  if (!response.ok) throw new ImportError(`could not fetch ${url}: HTTP ${response.status}`);
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    contentType: response.headers.get('content-type') ?? '',
  };
}
