import { describe, expect, it } from 'vitest';
import { leadingLiterals, mayMatch } from '#core/cue-prefilter.ts';
import { expandSlang, normalise } from '#core/language.ts';
import { QUESTION_CUES } from '#core/question-cues.data.ts';
import { DEV_SET, loadEvalSet, questionsOf } from '../eval/evaluate.ts';

describe('the words a cue pattern needs', () => {
  it.each([
    [String.raw`\bhow long\b`, ['how long']],
    [String.raw`\b(?:can|could|may) (?:i|she)\b`, ['can', 'could', 'may']],
    [String.raw`(?<!\bon )\b(?:the|by|a) phone\b`, ['the', 'by', 'a']],
    [String.raw`\bwho hosts\b|\bhosted\b`, ['who hosts', 'hosted']],
    [String.raw`\bkept?\b`, ['kep']],
    [String.raw`\be-?mails?\b(?! address)`, ['mail']],
  ])('%s needs one of %j', (phrase, literals) => {
    expect(leadingLiterals(phrase)).toEqual(literals);
  });

  it.each([String.raw`\b(?:a |an )?(?:disgrace)\b`, String.raw`\b\w+ wants\b`, String.raw`\bfoo|\b\d{4} act\b`])(
    'cannot tell for %s, so that cue always runs',
    (phrase) => {
      expect(leadingLiterals(phrase)).toBeUndefined();
      expect(mayMatch([phrase])('anything at all')).toBe(true);
    },
  );

  it('never skips a phrase that would have matched, on every question of the main and dev sets', () => {
    const texts = [...loadEvalSet(), ...questionsOf(DEV_SET)].map((i) => expandSlang(normalise(i.q)));
    const missed: string[] = [];
    let skipped = 0;
    for (const phrase of Object.values(QUESTION_CUES).flatMap((cues) => cues.flatMap((cue) => cue.phrases))) {
      const pattern = new RegExp(phrase);
      const may = mayMatch([phrase]);
      for (const text of texts) {
        if (!may(text)) skipped++;
        if (!may(text) && pattern.test(text)) missed.push(`${phrase} on ${text}`);
      }
    }
    expect(missed).toEqual([]);
    expect(skipped).toBeGreaterThan(0); // it does spare patterns
  });
});
