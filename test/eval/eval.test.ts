import { describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { realIndex } from '../helpers.ts';
import {
  DEV_SET,
  LOCKED_SET,
  indexWith,
  loadEvalSet,
  passRate,
  questionsOf,
  score,
  toQuestion,
  type EvalItem,
} from './evaluate.ts';

/**
 * Regression floors for the evaluation sets. `npm run eval` holds the product's bars (main 95%, dev 90%, locked
 * 85%); these floors are the pass rates the matcher has actually reached, so a change that makes answers worse
 * fails CI. Raise them as matching improves; never lower one to make a change pass. The locked set is scored
 * here as an aggregate only.
 */
// The dev floor fell when blind-dev-3 (62.7% unseen), blind-dev-4 (71.9%), blind-dev-5 (58.1%) and blind-dev-6
// (57.2%) joined it, not by a change.
const FLOORS = { main: 0.96, dev: 0.83, locked: 0.8 };

const run = (index: KnowledgeIndex, items: EvalItem[]) =>
  items.map((item) => score(item, answerQuestion(index, toQuestion(item))));

describe('evaluation sets', () => {
  const main = run(realIndex(), loadEvalSet());

  it(`main: passes at least ${FLOORS.main * 100}% of questions`, () => {
    expect(passRate(main)).toBeGreaterThanOrEqual(FLOORS.main);
  });

  it(`dev: passes at least ${FLOORS.dev * 100}% of questions`, () => {
    expect(passRate(run(indexWith(DEV_SET), questionsOf(DEV_SET)))).toBeGreaterThanOrEqual(FLOORS.dev);
  });

  it(`locked: passes at least ${FLOORS.locked * 100}% of questions`, () => {
    expect(passRate(run(indexWith(LOCKED_SET), questionsOf(LOCKED_SET)))).toBeGreaterThanOrEqual(FLOORS.locked);
  });

  it('never gives a confident privacy answer to an out-of-scope question', () => {
    const confident = main.filter(
      (r) => r.item.expect.topic === 'out-of-scope' && r.answer.topic !== 'out-of-scope' && r.answer.confidence >= 0.85,
    );
    expect(confident.map((r) => r.item.q)).toEqual([]);
  });
});
