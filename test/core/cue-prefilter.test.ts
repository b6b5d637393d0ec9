import { describe, expect, it } from 'vitest';
import { mayMatch, requiredLiterals } from '#core/cue-prefilter.ts';
import { expandSlang, normalise } from '#core/language.ts';
import { QUESTION_CUES } from '#core/question-cues.data.ts';
import { DEV_SET, loadEvalSet, questionsOf } from '../eval/evaluate.ts';

describe('the words a cue pattern needs', () => {
  it.each([
    [String.raw`\bhow long\b`, [['how long']]],
    [String.raw`\b(?:can|could|may) (?:i|she)\b`, [['can', 'could', 'may']]],
    // The rarest required word first: "phone" says more than "the".
    [String.raw`(?<!\bon )\b(?:the|by|a) phone\b`, [[' phone']]],
    [String.raw`\bwho hosts\b|\bhosted\b`, [['who hosts', 'hosted']]],
    [String.raw`\bkept?\b`, [['kep']]],
    [String.raw`\b\w+ (?:wants?|would like)\b`, [['want', 'would like']]],
    [String.raw`\be-?mails?\b(?! address)`, [['mail']]],
    [String.raw`\b(?:calls?|conversations?) (?:are |being )?recorded\b`, [['recorded'], ['call', 'conversation']]],
    [String.raw`\b(?:a |an )?(?:disgrace|shocking)\b`, [['disgrace', 'shocking']]],
    [String.raw`\b\w+ wants\b|\b\d{4} act\b`, [[' wants', ' act']]],
    [String.raw`\bdo (?:\w+ ){0,3}(?:record|film)\b[\w ]{0,9}(?: me)`, [['record', 'film'], ['do '], [' me']]],
  ])('%s needs %j', (phrase, literals) => {
    expect(requiredLiterals(phrase)).toEqual(literals);
  });

  it.each([String.raw`\b\w+\b`, String.raw`^(?:so )?[\w ]+\??$`, String.raw`\bfoo|\b\w+\b`])(
    'cannot tell for %s, so that phrase always runs',
    (phrase) => {
      expect(requiredLiterals(phrase)).toBeUndefined();
      expect(mayMatch(phrase)('anything at all')).toBe(true);
    },
  );

  it('never skips a phrase that would have matched, on every question of the main and dev sets', () => {
    const texts = [...loadEvalSet(), ...questionsOf(DEV_SET)].map((i) => expandSlang(normalise(i.q)));
    const missed: string[] = [];
    let skipped = 0;
    for (const phrase of Object.values(QUESTION_CUES).flatMap((cues) => cues.flatMap((cue) => cue.phrases))) {
      const pattern = new RegExp(phrase);
      const may = mayMatch(phrase);
      for (const text of texts) {
        if (!may(text)) skipped++;
        if (!may(text) && pattern.test(text)) missed.push(`${phrase} on ${text}`);
      }
    }
    expect(missed).toEqual([]);
    expect(skipped).toBeGreaterThan(0); // it does spare patterns
  });
});
