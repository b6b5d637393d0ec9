import { indexOf } from '../helpers.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadSources } from '../../knowledge/sources.ts';

// A notice laid out unlike the seeds (numbered capitals, sub-numbered items, a | table, Email:/Phone:/Post: lines,
// a stripped "email us at"), for a council the registry does not know: it must answer with no code change.
const file = new URL('../knowledge/fixtures/westbrook-housing-register.txt', import.meta.url);
const { files, registry, thesaurus } = loadSources();
const index = indexOf(
  buildKnowledgeBase(
    [...files, parseNoticeFile(readFileSync(file, 'utf8'), 'westbrook-housing-register.txt')],
    registry,
    thesaurus,
  ),
);
const ask = (question: string, notice: string | undefined = 'westbrook-housing-register') =>
  answerQuestion(index, { question, ...(notice ? { notice } : {}) });

describe('a notice in a new layout', () => {
  it('reads a retention table row by row: the record asked about, with its period and trigger', () => {
    const answer = ask('how long do you keep medical stuff');
    expect(answer.text).toContain('Medical assessments — 2 years after the decision');
    expect(answer.text).not.toContain('Fraud investigation files');
  });

  it('finds the service from its name with no page context', () => {
    expect(ask('how long does the housing register keep my application', undefined)).toMatchObject({
      notice: 'westbrook-housing-register',
      topic: 'retention',
    });
  });

  it('keeps the sections under numbered capital headings apart', () => {
    const answer = ask('where do you get my information from');
    expect(answer.topic).toBe('sources');
    expect(answer.text).toContain('your current landlord');
    expect(answer.text).not.toContain('National Insurance');
  });

  it('fills "email us at" from the notice’s own Data Protection Officer and names every right a sentence lists', () => {
    expect(ask('how do i get a copy of my file').text).toContain('email us at dpo@westbrook.example');
    expect(ask('can you correct my details').text).toContain('ask us to correct it');
  });
});
