import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import {
  ADAPTIVE_CARD_VERSION,
  answerCard,
  helpCard,
  type AdaptiveCard,
} from '../../../functions/channels/teams/cards.ts';
import { realIndex } from '../../helpers.ts';
import { createTeamsConversation } from '../../../functions/channels/teams/conversation.ts';
import { CARDS } from './card-catalogue.ts';

// Microsoft's own Adaptive Cards library parses each card as Teams' renderer would, at the schema version Teams
// supports (1.5): unknown element types or properties and invalid values are reported as parse events, duplicate
// input ids and missing required properties by its validation. (Its ESM build does not resolve under Node; the
// UMD build does.)
interface Reported {
  message: string;
}
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Reported[] };
  };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): Reported };
  Version: new (major: number, minor: number) => unknown;
};

function problems(card: AdaptiveCard): string[] {
  const [major, minor] = ADAPTIVE_CARD_VERSION.split('.').map(Number);
  const context = new AC.SerializationContext(new AC.Version(major!, minor!));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...events, ...parsed.validateProperties().validationEvents.map((e) => e.message)];
}

const index = realIndex();

describe('the Teams bot’s Adaptive Cards, checked by the Adaptive Cards library at version 1.5', () => {
  it('the checker catches a broken card (so the checks below can fail)', () => {
    const broken = {
      ...helpCard(),
      body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }, { type: 'Carousel' }],
    };
    expect(problems(broken as AdaptiveCard).length).toBeGreaterThanOrEqual(2);
  });

  it.each(CARDS)('%s', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(problems(card)).toEqual([]);
  });
});

describe('the answer card', () => {
  const bodyTexts = (card: AdaptiveCard) =>
    (card.body as { type: string; text?: string }[]).filter((b) => b.type === 'TextBlock').map((b) => b.text!);

  it('opens with the leading fact and gives the citation once', () => {
    const answer = answerQuestion(index, { question: 'how long do you keep adoption records' });
    const texts = bodyTexts(answerCard(index, answer));
    expect(texts[0]).toMatch(/^100 years for adoption records/);
    expect(texts.filter((t) => t.includes('100 years'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('From the '))).toHaveLength(1);
  });

  it('quotes the cited sentence when the answer is not already that sentence', () => {
    const answer = answerQuestion(index, { question: 'what is connexions', notice: 'southend-connexions' });
    const card = answerCard(index, { ...answer, text: 'A summary in other words.' });
    expect(bodyTexts(card)).toContain(`“${answer.citations[0]!.sentence}”`);
  });

  it('offers "Log a SAR for this person" for the service when someone asks how to get their data', () => {
    const answer = answerQuestion(index, {
      question: 'how does a caller get a copy of their records',
      notice: 'kent-connect-to-work',
    });
    const sar = (answerCard(index, answer).actions as { title: string; data: unknown }[]).find(
      (a) => a.title === 'Log a SAR for this person',
    );
    expect(sar?.data).toEqual({ command: 'open-log-sar', notice: 'kent-connect-to-work' });
    expect(
      answerCard(index, answerQuestion(index, { question: 'how long do you keep adoption records' })).actions,
    ).toBeUndefined();
  });

  it('puts the notice link with the citation, and each follow-up on a row of its own', () => {
    const card = answerCard(index, answerQuestion(index, { question: 'how long do you keep adoption records' }));
    const body = card.body as { type: string; text?: string; actions?: { type: string }[]; selectAction?: unknown }[];
    const citation = body.findIndex((b) => b.type === 'TextBlock' && b.text?.startsWith('From'));
    expect(body[citation + 1]?.actions?.[0]?.type).toBe('Action.OpenUrl');
    expect(body.filter((b) => b.type === 'Container' && b.selectAction).length).toBeGreaterThanOrEqual(2);
  });
});

describe('"Log a SAR for this person" pressed under an answer', () => {
  it('opens the SAR form with that service already chosen', async () => {
    const converse = createTeamsConversation({ index });
    const [reply] = await converse({ text: '', value: { command: 'open-log-sar', notice: 'kent-connect-to-work' } });
    const body = (reply as { card: AdaptiveCard }).card.body as { id?: string; value?: string }[];
    expect(body.find((b) => b.id === 'notice')?.value).toBe('kent-connect-to-work');
    expect(body.some((b) => b.id === 'requester.name')).toBe(true);
  });
});
