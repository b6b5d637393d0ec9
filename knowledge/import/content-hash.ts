/**
 * The hash kb:import writes into a notice's front-matter (`contentHash`) and kb:check and the digest compare: of the
 * text as imported, whitespace collapsed, so a page's markup changing alone is no change. Node's crypto only, so a
 * Lambda can use it without the import's other modules.
 */
import { createHash } from 'node:crypto';

export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}
