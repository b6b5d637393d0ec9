import { describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import { realIndex } from '../helpers.ts';
import { loadEvalSet, passRate, score, toQuestion } from './evaluate.ts';

/**
 * Regression floor for the evaluation set. `npm run eval` holds the product target (95%); this floor is the
 * pass rate the matcher has actually reached, so a change that makes answers worse fails CI. Raise it as
 * matching improves; never lower it to make a change pass.
 */
const REGRESSION_FLOOR = 0.93;

describe('evaluation set', () => {
  const results = loadEvalSet().map((item) => score(item, answerQuestion(realIndex(), toQuestion(item))));

  it(`passes at least ${REGRESSION_FLOOR * 100}% of questions`, () => {
    expect(passRate(results)).toBeGreaterThanOrEqual(REGRESSION_FLOOR);
  });

  it('never gives a confident privacy answer to an out-of-scope question', () => {
    const confident = results.filter(
      (r) => r.item.expect.topic === 'out-of-scope' && r.answer.topic !== 'out-of-scope' && r.answer.confidence >= 0.85,
    );
    expect(confident.map((r) => r.item.q)).toEqual([]);
  });
});
