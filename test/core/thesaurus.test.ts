import { describe, expect, it } from 'vitest';
import { compileThesaurus } from '#core/thesaurus.ts';
import { loadThesaurus } from '../../knowledge/sources.ts';

const thesaurus = compileThesaurus(loadThesaurus());
const implied = (text: string) => thesaurus.expand(text).slice(text.length).trim().split(' ');

describe('the thesaurus (knowledge/thesaurus.yaml)', () => {
  it.each([
    ['will you pass my details to bailiffs', 'enforcement'],
    ['do you tell the job centre', 'dwp'],
    ['does the tax office get my income', 'hmrc'],
    ['i got a court letter about a fine', 'traffic'],
    ['will this affect my credit check', 'reference'],
    ['is my mum s care home told', 'residential'],
    ['does my probation officer see it', 'probation'],
    ['can the people who run the computer system see my file', 'supplier'],
    ['do you pass it on to the council tax team', 'share'],
  ])("reads %j in the notices' words (%s)", (question, word) => {
    expect(implied(question)).toContain(word);
  });

  it('works both ways for terms that mean the same: a notice saying "enforcement agents" is found by "bailiffs"', () => {
    expect(implied('we may pass your debt to enforcement agents')).toContain('bailiff');
  });

  it('matches by stem and across a gap of up to three words, and no further', () => {
    expect(implied('they passed my notes on')).toContain('share');
    expect(thesaurus.expand('pass the red blue green yellow on')).toBe('pass the red blue green yellow on');
  });

  it('adds nothing to a text none of its phrases are in', () => {
    expect(thesaurus.expand('how long do you keep it')).toBe('how long do you keep it');
  });
});
