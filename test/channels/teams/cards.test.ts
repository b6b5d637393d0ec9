import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import {
  ADAPTIVE_CARD_VERSION,
  answerCard,
  escalateCard,
  escalatedCard,
  helpCard,
  logSarCard,
  sarLoggedCard,
  type AdaptiveCard,
} from '../../../functions/channels/teams/cards.ts';
import { realIndex } from '../../helpers.ts';

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
const services = [...index.notices.values()].map((n) => ({ id: n.notice.id, name: n.notice.service }));

describe('the Teams bot’s Adaptive Cards, checked by the Adaptive Cards library at version 1.5', () => {
  it('the checker catches a broken card (so the checks below can fail)', () => {
    const broken = {
      ...helpCard(),
      body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }, { type: 'Carousel' }],
    };
    expect(problems(broken as AdaptiveCard).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    [
      'an answer with citation and follow-ups',
      answerCard(index, answerQuestion(index, { question: 'how long do you keep adoption records' })),
    ],
    [
      'a "which service?" answer',
      answerCard(index, answerQuestion(index, { question: 'who do you share my data with', council: 'kent' })),
    ],
    ['help', helpCard()],
    ['the SAR form', logSarCard({ idempotencyKey: 'k-12345678' }, { today: '2026-11-23', services })],
    [
      'the SAR form with errors',
      logSarCard(
        { idempotencyKey: 'k-12345678', 'requester.name': 'Pat' },
        { today: '2026-11-23', services, errors: { 'requester.email': 'Give at least one way…', form: 'Try again.' } },
      ),
    ],
    ['the SAR confirmation', sarLoggedCard('SAR-ABCD-EFGH', '2026-12-21', 'Quote your reference.')],
    ['the escalation form with errors', escalateCard({ message: 'hello' }, { 'contact.email': 'Give an email…' })],
    ['the escalation confirmation', escalatedCard('ESC-ABCD-EFGH', 'The DPO will reply.')],
  ])('%s', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(problems(card)).toEqual([]);
  });
});
