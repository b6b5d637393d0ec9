/**
 * What the notices do not cover, decided on positive evidence: council business (tasks always, subjects unless a
 * notice covers them), text that is not English, and the out-of-scope answer itself.
 */
import type { Answer, Suggestion } from './answer-contract.ts';
import { OFF_TOPIC_SUBJECT, OFF_TOPIC_TASK } from './intent.ts';
import type { IndexedNotice, KnowledgeIndex } from './knowledge-index.ts';
import { GENERIC_TERMS, STOPWORDS, stem, wordsOf } from './language.ts';

/**
 * Council business the notices do not cover (bins, parking, council tax…), unless a notice does cover it:
 * "council tax" is off-topic until a council adds its Council Tax Reduction notice.
 */
export function offTopic(
  index: KnowledgeIndex,
  text: string,
  notice: IndexedNotice | undefined,
): 'task' | 'subject' | undefined {
  if (OFF_TOPIC_TASK.test(text)) return 'task';
  const pattern = new RegExp(OFF_TOPIC_SUBJECT.source, 'g');
  // What the notice in context mentions is not off-topic: "noise" on the environmental health notice, "appeal" on school
  // admissions' (its facts say so), "planning application" where a planning notice is published.
  const covers = (t: string) => index.named.has(t) || (notice?.termCounts.get(t) ?? 0) >= 1;
  for (const match of text.matchAll(pattern)) {
    const stems = wordsOf(match[0])
      .filter((w) => !STOPWORDS.has(w))
      .map(stem);
    const specific = stems.filter((t) => !GENERIC_TERMS.has(t));
    const covered = specific.length > 0 && specific.every(covers);
    if (!covered) return 'subject';
  }
  return undefined;
}

/** English enough to answer: mostly Latin letters and mostly words the assistant knows (after spelling repair). */
export function looksEnglish(index: KnowledgeIndex, normalised: string): boolean {
  const words = normalised.split(' ').filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return true;
  const latin = words.filter((w) => /^[a-z@.\d-]+$/.test(w)).length;
  if (latin / words.length < 0.5) return false;
  // A word only known after spelling repair counts half: German "meine Daten" repairs to English-looking words.
  const known = words.reduce((n, w) => n + (index.knows(w) ? 1 : index.correct(w) !== w ? 0.5 : 0), 0);
  return known / words.length >= 0.5;
}

export function outOfScope(
  index: KnowledgeIndex,
  notice: IndexedNotice | undefined,
  councilId: string | undefined,
  lead?: string,
): Answer {
  const council = index.councils.get(notice?.notice.council ?? councilId ?? '');
  const covers =
    'I can answer questions about how the council uses your personal information under its privacy notices: what it holds about you, how long it keeps it, who it shares it with, and your rights.';
  const general = council?.general;
  const reach = general
    ? ` For anything else, contact ${council.name}${[general.phone && ` on ${general.phone}`, general.email && ` at ${general.email}`, general.url && ` or visit ${general.url}`].filter(Boolean).join('')}.`
    : ' For anything else, please contact the council directly.';
  const suggestions: Suggestion[] = [
    { label: 'What do you hold about me?', question: 'What information do you hold about me?' },
    { label: 'How long do you keep it?', question: 'How long do you keep my information?' },
    { label: 'Who do you share it with?', question: 'Who do you share my information with?' },
  ].map((s) => (notice ? { ...s, notice: notice.notice.id } : s));
  return {
    topic: 'out-of-scope',
    notice: null,
    outcome: 'out-of-scope',
    text: `${lead ? `${lead} ` : ''}${covers}${reach}`,
    citations: [],
    confidence: 0,
    suggestions,
    actions: [],
  };
}
