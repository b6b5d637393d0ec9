/**
 * The actions and follow-up suggestions an answer offers: read the notice, request a copy (SAR), contact the DPO.
 */
import type { Action, NoticeTopic, Suggestion } from './answer-contract.ts';
import type { IndexedNotice } from './knowledge-index.ts';

const FOLLOW_UPS: [NoticeTopic, string][] = [
  ['data-collected', 'What information do you hold about me?'],
  ['retention', 'How long do you keep my information?'],
  ['sharing', 'Who do you share my information with?'],
  ['access-request', 'How do I get a copy of my information?'],
  ['rights', 'What are my rights?'],
];

export function followUps(notice: IndexedNotice, topic: NoticeTopic): Suggestion[] {
  return FOLLOW_UPS.filter(([t]) => t !== topic)
    .slice(0, 3)
    .map(([, question]) => ({ label: question, question, notice: notice.notice.id }));
}

export function openNotice({ notice }: IndexedNotice): Action {
  return {
    kind: 'open-notice',
    label: `Read the ${notice.service} privacy notice`,
    notice: notice.id,
    ...(notice.url ? { url: notice.url } : {}),
  };
}
export function startSar(notice: string | undefined): Action {
  return { kind: 'start-sar', label: 'Request a copy of my data', ...(notice ? { notice } : {}) };
}
export function escalate(notice: string | undefined): Action {
  return { kind: 'escalate', label: 'Contact the Data Protection Officer', ...(notice ? { notice } : {}) };
}
