/**
 * What the Teams bot does with a turn, as plain TypeScript: a typed message or a card button in, cards out.
 * The Bot Framework adapter (bot-framework.ts) only moves activities; the behaviour lives here.
 */
import { answerQuestion } from '#core/answer.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { answerCard, helpCard, type AdaptiveCard, type AskValue } from './cards.ts';

export interface TeamsTurn {
  /** The message text with the bot's @mention removed. */
  text: string;
  /** A card button's data, when the turn is a card submit. */
  value?: unknown;
}

export type TeamsReply = { card: AdaptiveCard } | { text: string };

const HELP = /^(?:help|\?|hi|hello|what can you do)\W*$/i;

export function createTeamsConversation(deps: { index: KnowledgeIndex }) {
  return (turn: TeamsTurn): TeamsReply[] => {
    const value = turn.value as Partial<AskValue> | undefined;
    if (value && typeof value.ask === 'string') {
      const notice =
        typeof value.notice === 'string' && deps.index.notices.has(value.notice) ? value.notice : undefined;
      return [
        {
          card: answerCard(
            deps.index,
            answerQuestion(deps.index, { question: value.ask, ...(notice ? { notice } : {}) }),
          ),
        },
      ];
    }
    const text = turn.text.trim();
    if (!text || HELP.test(text)) return [{ card: helpCard() }];
    return [{ card: answerCard(deps.index, answerQuestion(deps.index, { question: text })) }];
  };
}
