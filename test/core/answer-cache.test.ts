import { describe, expect, it } from 'vitest';
import { ANSWER_CACHE_SIZE, answerRemembered } from '#core/answer-cache.ts';
import { AnswerInputError, answerQuestion } from '#core/answer.ts';
import { chatTurn } from '#core/chat.ts';
import type { UnansweredRecord } from '#core/unanswered.ts';
import { indexOf, realIndex, realKnowledgeBase } from '../helpers.ts';

describe('answers to repeated questions', () => {
  it('gives a repeat the same answer the answering path gives, without answering again', () => {
    const index = realIndex();
    const input = { question: 'who do you share my information with', notice: 'southend-connexions' };
    const first = answerRemembered(index, input);
    expect(first).toEqual(answerQuestion(index, input));
    expect(answerRemembered(index, { ...input })).toBe(first);
  });

  it('keeps answers apart by their context: the page, the council and the conversation', () => {
    const index = realIndex();
    const question = 'how long do you keep it';
    const onConnexions = answerRemembered(index, { question, notice: 'southend-connexions' });
    const onChildren = answerRemembered(index, { question, notice: 'southend-childrens-services' });
    expect(onConnexions.notice).toBe('southend-connexions');
    expect(onChildren.notice).toBe('southend-childrens-services');
    const followUp = answerRemembered(index, { question: 'and who sees it', session: { notice: 'sefton-at-work' } });
    expect(followUp.notice).toBe('sefton-at-work');
  });

  it('hands out frozen answers, so no caller can change what the next person is told', () => {
    const answer = answerRemembered(realIndex(), { question: 'what do you hold about me', notice: 'sefton-at-work' });
    expect(Object.isFrozen(answer)).toBe(true);
    expect(Object.isFrozen(answer.citations)).toBe(true);
    expect(() => (answer.citations as unknown[]).push({})).toThrow(TypeError);
  });

  it('still refuses an unknown notice every time, and keeps no refusal', () => {
    const index = realIndex();
    for (let i = 0; i < 2; i++)
      expect(() => answerRemembered(index, { question: 'hello', notice: 'no-such-notice' })).toThrow(AnswerInputError);
  });

  it('holds at most ANSWER_CACHE_SIZE answers, dropping the least recently asked', () => {
    const index = indexOf(realKnowledgeBase()); // its own, empty memo
    const ask = (n: number) => answerRemembered(index, { question: `how long do you keep record ${n}` });
    const first = ask(0);
    const kept = ask(1);
    for (let n = 2; n <= ANSWER_CACHE_SIZE; n++) {
      ask(n);
      if (n === ANSWER_CACHE_SIZE - 1) expect(ask(1)).toBe(kept); // asked again: now the most recent
    }
    expect(ask(0)).not.toBe(first); // the oldest went when the memo was full
    expect(ask(0)).toEqual(first);
    expect(ask(1)).toBe(kept);
  });

  it('answers a long question afresh rather than keep one person’s story', () => {
    const index = realIndex();
    const question = `${'I have a long story about my situation and my family. '.repeat(8)}How long do you keep my file?`;
    const input = { question, notice: 'southend-childrens-services' };
    expect(answerRemembered(index, input)).not.toBe(answerRemembered(index, input));
  });

  it('records each unanswered turn for the DPO, a repeat included', async () => {
    const records: UnansweredRecord[] = [];
    const deps = {
      index: realIndex(),
      newSessionId: () => 'session',
      unanswered: { record: async (r: UnansweredRecord) => void records.push(r), listWeek: async () => [] },
    };
    const request = { message: 'Is my data stored abroad?', notice: 'southend-connexions' };
    chatTurn(deps, request);
    chatTurn(deps, request);
    await Promise.resolve();
    expect(records).toHaveLength(2);
  });
});
