/**
 * Every kind of card the Teams bot sends, built from the real knowledge base: the schema test
 * (cards.test.ts) and the rendering test (test/browser/teams-cards.test.ts) check the same list.
 */
import { answerQuestion } from '#core/answer.ts';
import {
  answerCard,
  escalateCard,
  escalatedCard,
  helpCard,
  logSarCard,
  sarLoggedCard,
  type AdaptiveCard,
} from '../../../functions/channels/teams/cards.ts';
import { realIndex } from '../../helpers.ts';

const index = realIndex();
const services = [...index.notices.values()].map((n) => ({ id: n.notice.id, name: n.notice.service }));
const answer = (question: string, context: { notice?: string; council?: string } = {}) =>
  answerCard(index, answerQuestion(index, { question, ...context }));

export const CARDS: [string, AdaptiveCard][] = [
  ['answer-retention', answer('how long do you keep adoption records')],
  // The service with the longest name, as the issue saw it: its notice link and follow-ups must still fit.
  ['answer-long-service', answer('who do you share my information with', { notice: 'southend-childrens-services' })],
  ['answer-sar-route', answer('how does a caller get a copy of their records', { notice: 'kent-connect-to-work' })],
  ['answer-not-stated', answer('how long do you keep my information', { notice: 'southend-connexions' })],
  ['which-service', answer('who do you share my data with')],
  ['out-of-scope', answer('when are my bins collected')],
  ['help', helpCard()],
  ['sar-form', logSarCard({ idempotencyKey: 'k-12345678' }, { today: '2026-11-23', services })],
  [
    'sar-form-errors',
    logSarCard(
      { idempotencyKey: 'k-12345678', 'requester.name': 'Pat' },
      { today: '2026-11-23', services, errors: { 'requester.email': 'Give at least one way…', form: 'Try again.' } },
    ),
  ],
  ['sar-logged', sarLoggedCard('SAR-ABCD-EFGH', '2026-12-21', 'Quote your reference.')],
  ['escalate-errors', escalateCard({ message: 'hello' }, { 'contact.email': 'Give an email…' })],
  ['escalated', escalatedCard('ESC-ABCD-EFGH', 'The DPO will reply.')],
];
