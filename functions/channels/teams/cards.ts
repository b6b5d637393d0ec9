/**
 * Adaptive Cards for the Teams bot, as plain JSON (schema 1.5, what Teams renders on desktop, web and mobile).
 * No Bot Framework import here: the adapter module wraps these as attachments.
 */
import type { Answer } from '#core/answer-contract.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';

export const ADAPTIVE_CARD_VERSION = '1.5';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: unknown[];
  actions?: unknown[];
}

const card = (body: unknown[], actions: unknown[] = []): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: ADAPTIVE_CARD_VERSION,
  body,
  ...(actions.length ? { actions } : {}),
});

const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});

/** What a card button sends back: the question to ask, and the service it is about when one is picked. */
export interface AskValue {
  ask: string;
  notice?: string;
}

/** The answer, its citation in the notice's own words, a button to the notice, follow-ups as buttons. */
export function answerCard(index: KnowledgeIndex, answer: Answer): AdaptiveCard {
  const body: unknown[] = [text(answer.text)];
  const cited = answer.citations[0];
  if (cited) {
    const notice = index.notices.get(cited.notice)?.notice;
    body.push(
      text(`From the ${notice?.service ?? cited.notice} privacy notice, "${cited.section}"`, {
        size: 'Small',
        isSubtle: true,
        spacing: 'Medium',
      }),
      text(`“${cited.sentence}”`, { size: 'Small', isSubtle: true, spacing: 'None' }),
    );
  }
  const actions: unknown[] = [];
  for (const action of answer.actions) {
    if (action.kind === 'open-notice' && action.url)
      actions.push({ type: 'Action.OpenUrl', title: action.label, url: action.url });
  }
  for (const suggestion of answer.suggestions.slice(0, 5)) {
    const value: AskValue = { ask: suggestion.question, ...(suggestion.notice ? { notice: suggestion.notice } : {}) };
    actions.push({ type: 'Action.Submit', title: suggestion.label, data: value });
  }
  return card(body, actions);
}

/** What the bot can do, shown for "help" and anything it does not recognise as a command or a question. */
export function helpCard(): AdaptiveCard {
  return card([
    text('Privacy notice assistant', { weight: 'Bolder', size: 'Medium' }),
    text(
      'Ask how the council uses personal information in a service, for example "how long do we keep adoption records?" or "who does Connect to Work share data with?". Name the service in the question, or pick it when asked.',
    ),
  ]);
}
