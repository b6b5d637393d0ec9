/**
 * The prebuilt index (knowledge/build/kb-index.json, read by a cold start instead of building the index) answers
 * exactly as the index buildIndex makes: every eval question, same text, topic, notice, citations and suggestions.
 * And the loader uses it only when it was built from the kb.json beside it, saying so when it builds instead.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '#core/answer-contract.ts';
import { answerQuestion } from '#core/answer.ts';
import { buildIndex, indexFromJson, type KnowledgeIndex } from '#core/knowledge-index.ts';
import { parseKnowledgeBase, type KnowledgeBase } from '#core/knowledge-schema.ts';
import { INDEX_FILE, loadKnowledgeIndex, prebuiltIndexText } from '#adapters/knowledge-file.ts';
import { ENGLISH_WORDS_OUTPUT, NON_NOUNS_OUTPUT, KB_OUTPUT } from '../../knowledge/sources.ts';
import { DEV_SET, knowledgeBaseWith, loadEvalSet, questionsOf, toQuestion } from '../eval/evaluate.ts';
import { isEnglish } from '../helpers.ts';

/** An index the way a cold start gets it: the data written as JSON text, parsed, wired. */
const fromFile = (kb: KnowledgeBase, kbText = JSON.stringify(kb)): KnowledgeIndex =>
  indexFromJson(kb, JSON.parse(prebuiltIndexText(kbText, kb)), { isEnglish });

/** What a person sees of an answer, and what the next turn is built on. */
const seen = (a: Answer) => ({
  text: a.text,
  topic: a.topic,
  notice: a.notice,
  outcome: a.outcome,
  citations: a.citations,
  suggestions: a.suggestions,
  actions: a.actions,
  confidence: a.confidence,
});

describe('prebuilt index', () => {
  let kbText: string;
  let kb: KnowledgeBase;
  beforeAll(() => {
    kbText = readFileSync(KB_OUTPUT, 'utf8');
    kb = parseKnowledgeBase(JSON.parse(kbText));
  });

  it('answers every question of test/eval/questions.jsonl exactly as the built index does', () => {
    const built = buildIndex(kb, { isEnglish });
    const loaded = fromFile(kb, kbText);
    const questions = loadEvalSet().map(toQuestion);
    expect(questions.length).toBeGreaterThan(300);
    const differing = questions.filter(
      (q) => JSON.stringify(seen(answerQuestion(built, q))) !== JSON.stringify(seen(answerQuestion(loaded, q))),
    );
    expect(differing.map((q) => q.question)).toEqual([]);
    // Spot check the comparison itself: the answers have citations to compare.
    expect(answerQuestion(loaded, questions[0]!).citations.length).toBeGreaterThan(0);
  });

  it('answers the dev set (other councils and layouts) exactly as the built index does, misspellings included', () => {
    const devKb = knowledgeBaseWith(DEV_SET);
    const built = buildIndex(devKb, { isEnglish });
    const loaded = fromFile(devKb);
    const questions = questionsOf(DEV_SET).map(toQuestion);
    const differing = questions.filter(
      (q) => JSON.stringify(seen(answerQuestion(built, q))) !== JSON.stringify(seen(answerQuestion(loaded, q))),
    );
    expect(differing.map((q) => q.question)).toEqual([]);
    for (const word of ['adopshun', 'infomation', 'recods', 'storing'])
      expect(loaded.correct(word)).toBe(built.correct(word));
  });

  it('holds the same terms, weights and lookups as the built index', () => {
    const built = buildIndex(kb, { isEnglish });
    const loaded = fromFile(kb, kbText);
    const plain = (index: KnowledgeIndex) =>
      JSON.stringify(
        {
          notices: [...index.notices.values()].map((n) => ({
            ...n,
            notice: n.notice.id,
            facts: n.facts.map((f) => ({ ...f, fact: f.fact.id })),
          })),
          noticeFrequency: index.noticeFrequency,
          postings: index.postings,
          named: index.named,
        },
        (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value),
      );
    expect(plain(loaded)).toBe(plain(built));
  });

  it('refuses data that is not for this knowledge base', () => {
    const json = JSON.parse(prebuiltIndexText(kbText, kb)) as { notices: unknown[]; format: number };
    expect(() => indexFromJson(kb, { ...json, notices: json.notices.slice(1) }, { isEnglish })).toThrow(/notices/);
    expect(() => indexFromJson(kb, { ...json, format: 0 }, { isEnglish })).toThrow(/format/);
  });
});

describe('loadKnowledgeIndex', () => {
  /** kb.json and the word lists in a fresh folder, as a Lambda bundle has them. */
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    copyFileSync(KB_OUTPUT, join(dir, 'kb.json'));
    copyFileSync(ENGLISH_WORDS_OUTPUT, join(dir, 'english-words.txt'));
    copyFileSync(NON_NOUNS_OUTPUT, join(dir, 'non-noun-words.txt'));
    return dir;
  };
  const load = (dir: string) => {
    const warnings: string[] = [];
    const index = loadKnowledgeIndex(join(dir, 'kb.json'), { warn: (m) => warnings.push(m) });
    return { index, warnings };
  };
  const question = { question: 'how long do you keep adoption records' };

  it('reads the prebuilt index, without a word, when it was built from that kb.json by this code', () => {
    const dir = folder();
    // What kb:build writes (its own kb-index.json may predate a change to the core made since).
    const kbText = readFileSync(join(dir, 'kb.json'), 'utf8');
    writeFileSync(join(dir, INDEX_FILE), prebuiltIndexText(kbText, parseKnowledgeBase(JSON.parse(kbText))));
    const { index, warnings } = load(dir);
    expect(warnings).toEqual([]);
    expect(answerQuestion(index, question).text).toMatch(/adoption/i);
  });

  it('builds the index, and says why, when kb-index.json is missing, stale or broken', () => {
    const dir = folder();
    expect(load(dir).warnings).toEqual([expect.stringContaining(`no ${INDEX_FILE}`)]);

    // Built from another kb.json: the notices changed since (here, one fewer).
    const other = JSON.parse(readFileSync(KB_OUTPUT, 'utf8')) as KnowledgeBase;
    const changed = { ...other, notices: other.notices.slice(0, -1) };
    writeFileSync(join(dir, INDEX_FILE), prebuiltIndexText(JSON.stringify(changed), changed));
    const stale = load(dir);
    expect(stale.warnings).toEqual([expect.stringContaining('built from another kb.json')]);
    expect(stale.index.notices.size).toBe(other.notices.length);
    expect(answerQuestion(stale.index, question).text).toMatch(/adoption/i);

    writeFileSync(join(dir, INDEX_FILE), '{"format":');
    expect(load(dir).warnings).toEqual([expect.stringContaining('unreadable')]);
  });
});
