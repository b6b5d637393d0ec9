/** The council and notice a request names, checked against the knowledge base, and where its notices go. */
import type { KnowledgeIndex } from '#core/knowledge-index.ts';

/** A checker for the council and notice a request names: a message when either is unknown. */
export function contextChecker(index: KnowledgeIndex) {
  return (council: string, notice?: string): string | undefined => {
    const councilKnown =
      index.councils.has(council) || [...index.notices.values()].some((n) => n.notice.council === council);
    if (!councilKnown) return `Unknown council "${council}".`;
    const found = notice ? index.notices.get(notice) : undefined;
    if (notice && (!found || found.notice.council !== council))
      return `Unknown notice "${notice}" for council "${council}".`;
    return undefined;
  };
}

/** Where a council's SAR notices go: the DPO mailbox from the council registry. */
export function councilMailboxes(index: KnowledgeIndex) {
  return (council: string) => {
    const entry = index.councils.get(council);
    return { name: entry?.name ?? council, ...(entry?.dpo?.email ? { dpoEmail: entry.dpo.email } : {}) };
  };
}
