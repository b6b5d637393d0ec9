import { describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import { sortedWordList } from '#core/word-list.ts';
import { isEnglish, realIndex, words } from '../helpers.ts';

describe('the English word list', () => {
  it('finds every word of a sorted list, first and last included, and nothing else', () => {
    const test = sortedWordList(['apple', 'bailiff', 'storing', 'strong', 'zebra'].join('\n'));
    for (const w of ['apple', 'bailiff', 'storing', 'strong', 'zebra']) expect(test(w)).toBe(true);
    for (const w of ['', 'a', 'appl', 'stor', 'zebras', 'zzz']) expect(test(w)).toBe(false);
  });

  it('is the real dictionary: common and British words are in it, typos are not', () => {
    for (const w of ['storing', 'organisations', 'bailiffs', 'colour']) expect(isEnglish(w)).toBe(true);
    for (const w of ['infomation', 'recieve', 'shair', 'adopshun']) expect(isEnglish(w)).toBe(false);
  });

  it('knows the words whose commonest use is not as a noun, and no nouns or names among them', () => {
    for (const w of ['onto', 'hang', 'applied', 'through', 'mortified']) expect(words.notAThing!(w)).toBe(true);
    for (const w of ['police', 'passport', 'insurance', 'nursery', 'cctv', 'ofsted'])
      expect(words.notAThing!(w)).toBe(false);
  });
});

describe('spelling repair', () => {
  const index = realIndex();
  it('never changes a real English word into a notice word', () => {
    expect(index.correct('storing')).toBe('storing');
    expect(index.correct('infomation')).toBe('information');
  });

  it('never says the notice "does not mention" a word the person did not type', () => {
    const answer = answerQuestion(index, {
      question: 'do you share my infomation with my storing company',
      notice: 'southend-connexions',
    });
    const quoted = /does not mention "([^"]+)"/.exec(answer.text)?.[1];
    if (quoted)
      for (const word of quoted.split(' '))
        expect('do you share my infomation with my storing company').toContain(word);
  });
});
