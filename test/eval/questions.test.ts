/**
 * Integrity checks for the evaluation set (test/eval/questions.jsonl).
 *
 * The set is written from the notices alone, independently of the answering code; this test only
 * makes sure an edit to the set cannot silently break it: every line has the documented shape, the
 * coverage floors hold, and every expected fact really is in a notice of the right council.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { TOPICS } from '../../functions/core/answer-contract.ts';

const here = dirname(fileURLToPath(import.meta.url));
const NOTICES_DIR = join(here, '..', '..', 'knowledge', 'notices');
const QUESTIONS_FILE = join(here, 'questions.jsonl');

// ---------------------------------------------------------------- notices

interface Notice {
  id: string;
  council: string;
  /** The notice text, front-matter stripped, normalised for matching. */
  text: string;
}

/** Case-insensitive, whitespace-normalised, typographic quotes folded to ASCII. */
function normalise(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201B]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function loadNotices(): Notice[] {
  return readdirSync(NOTICES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(NOTICES_DIR, file), 'utf8').replace(/^\uFEFF/, '');
      const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(raw);
      if (!m) throw new Error(`${file}: no front-matter block`);
      const [block, frontMatter = ''] = m;
      const field = (name: string): string => {
        const value = new RegExp(`^${name}:[ \\t]*(.+?)[ \\t]*$`, 'm').exec(frontMatter)?.[1];
        if (!value) throw new Error(`${file}: front-matter has no ${name}`);
        return value.replace(/^['"]|['"]$/g, '');
      };
      const id = field('id');
      if (`${id}.txt` !== file) throw new Error(`${file}: front-matter id ${id} does not match the file name`);
      return { id, council: field('council'), text: normalise(raw.slice(block.length)) };
    });
}

const notices = loadNotices();
const noticeById = new Map(notices.map((n) => [n.id, n]));
const councils = new Set(notices.map((n) => n.council));

/**
 * An ICO contact may be expected for any council: a notice that lost the ICO's address (Kent CLS ends
 * "may be contacted at or telephone ...") is filled from the ICO details another notice gives.
 */
const ICO_CONTACT =
  /ico\.org\.uk|information commissioner|wycliffe|wilmslow|sk9 5af|0303 ?123 ?1113|03031 ?231113|01625 ?545 ?745/i;

function factFound(alternative: string, council: string): boolean {
  const needle = normalise(alternative);
  if (notices.some((n) => n.council === council && n.text.includes(needle))) return true;
  return ICO_CONTACT.test(alternative) && notices.some((n) => n.text.includes(needle));
}

// ---------------------------------------------------------------- schema

const STYLES = [
  'plain',
  'paraphrase',
  'typo',
  'slang',
  'staff',
  'young-person',
  'service-named',
  'ambiguous',
  'follow-up',
  'handoff',
  'out-of-scope',
  'bad-input',
] as const;

const nonBlank = z.string().refine((s) => s.trim().length > 0, 'must not be blank');
const Fact = z.union([nonBlank, z.array(nonBlank).min(1)]);

const EvalQuestion = z
  .object({
    id: z.string().regex(/^[a-z]+(?:-[a-z]+)*-\d{3}$/, 'id like "cs-ret-001"'),
    q: z.string().min(1).max(2000),
    notice: z.string().min(1).optional(),
    council: z.string().min(1).optional(),
    session: z
      .object({ notice: z.string().min(1) })
      .strict()
      .optional(),
    style: z.enum(STYLES),
    expect: z
      .object({
        topic: z.enum(TOPICS),
        notice: z.string().min(1).nullable(),
        facts: z.array(Fact).max(3),
        actions: z
          .array(z.enum(['start-sar', 'escalate']))
          .min(1)
          .optional(),
        asksService: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();
type EvalQuestion = z.infer<typeof EvalQuestion>;

// ---------------------------------------------------------------- load the set

const lines = readFileSync(QUESTIONS_FILE, 'utf8')
  .split('\n')
  .map((text, i) => ({ text, line: i + 1 }))
  .filter((l) => l.text.trim() !== '');

const parsed = lines.map(({ text, line }) => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { line, error: `not JSON: ${(e as Error).message}` };
  }
  const r = EvalQuestion.safeParse(json);
  return r.success ? { line, q: r.data } : { line, error: z.prettifyError(r.error) };
});
const questions: EvalQuestion[] = parsed.flatMap((p) => (p.q ? [p.q] : []));

const countBy = (key: (q: EvalQuestion) => string | null | undefined): Map<string, number> => {
  const m = new Map<string, number>();
  for (const q of questions) {
    const k = key(q);
    if (k != null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
};
const alternatives = (fact: string | string[]): string[] => (Array.isArray(fact) ? fact : [fact]);

// ---------------------------------------------------------------- tests

describe('eval set: format', () => {
  it('reads five or more notices, each with an id and a council', () => {
    expect(notices.length).toBeGreaterThanOrEqual(5);
    for (const n of notices) expect(n.text.length, n.id).toBeGreaterThan(500);
  });

  it('every line parses against the schema', () => {
    const errors = parsed.filter((p) => p.error).map((p) => `line ${p.line}: ${p.error}`);
    expect(errors).toEqual([]);
  });

  it('has at least 200 questions', () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
  });

  it('ids are unique', () => {
    const seen = new Set<string>();
    const dupes = questions.filter((q) => (seen.has(q.id) ? true : (seen.add(q.id), false))).map((q) => q.id);
    expect(dupes).toEqual([]);
  });

  it('the same question in the same context is not asked twice', () => {
    const key = (q: EvalQuestion) =>
      JSON.stringify([normalise(q.q), q.notice ?? null, q.council ?? null, q.session?.notice ?? null]);
    const seen = new Set<string>();
    const dupes = questions.filter((q) => (seen.has(key(q)) ? true : (seen.add(key(q)), false))).map((q) => q.id);
    expect(dupes).toEqual([]);
  });
});

describe('eval set: references', () => {
  it('expect.notice, notice and session.notice are existing notice ids', () => {
    const bad: string[] = [];
    for (const q of questions) {
      for (const [field, id] of [
        ['expect.notice', q.expect.notice],
        ['notice', q.notice],
        ['session.notice', q.session?.notice],
      ] as const) {
        if (id != null && !noticeById.has(id)) bad.push(`${q.id}: ${field} ${id}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('council is an existing council id', () => {
    const bad = questions.filter((q) => q.council != null && !councils.has(q.council)).map((q) => q.id);
    expect(bad).toEqual([]);
  });

  it('the context never points at another council than the expected notice', () => {
    const bad: string[] = [];
    for (const q of questions) {
      const expected = q.expect.notice ? noticeById.get(q.expect.notice) : undefined;
      if (!expected) continue;
      const contextCouncils = [
        q.council,
        noticeById.get(q.notice ?? '')?.council,
        noticeById.get(q.session?.notice ?? '')?.council,
      ];
      for (const c of contextCouncils) if (c != null && c !== expected.council) bad.push(`${q.id}: context ${c}`);
      if (q.notice != null && q.notice !== q.expect.notice)
        bad.push(`${q.id}: widget on ${q.notice}, expects ${q.expect.notice}`);
    }
    expect(bad).toEqual([]);
  });

  it('every expected fact (or one of its alternatives) is in a notice of the expected council', () => {
    const missing: string[] = [];
    for (const q of questions) {
      if (q.expect.notice == null) continue;
      const council = noticeById.get(q.expect.notice)?.council;
      if (!council) continue; // reported by the reference test
      for (const fact of q.expect.facts) {
        if (!alternatives(fact).some((alt) => factFound(alt, council)))
          missing.push(`${q.id}: ${JSON.stringify(fact)}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('eval set: consistency of each entry', () => {
  const problems = (check: (q: EvalQuestion) => string | undefined): string[] =>
    questions.flatMap((q) => {
      const p = check(q);
      return p ? [`${q.id}: ${p}`] : [];
    });

  it('out-of-scope and bad input expect topic out-of-scope, no notice, no facts', () => {
    expect(
      problems((q) => {
        if (q.style !== 'out-of-scope' && q.style !== 'bad-input') return undefined;
        if (q.expect.topic !== 'out-of-scope') return 'topic must be out-of-scope';
        if (q.expect.notice !== null) return 'notice must be null';
        if (q.expect.facts.length) return 'facts must be empty';
        if (q.expect.asksService) return 'must not ask for a service';
        return undefined;
      }),
    ).toEqual([]);
  });

  it('topic out-of-scope goes with notice null, and a notice topic with a notice unless ambiguous', () => {
    expect(
      problems((q) => {
        if (q.expect.topic === 'out-of-scope')
          return q.expect.notice === null ? undefined : 'out-of-scope with a notice';
        if (q.style === 'ambiguous') return undefined;
        return q.expect.notice === null ? 'a notice topic needs expect.notice' : undefined;
      }),
    ).toEqual([]);
  });

  it('ambiguous questions have no notice in context, expect no notice and no facts, and ask which service', () => {
    expect(
      problems((q) => {
        if (q.style !== 'ambiguous')
          return q.expect.asksService ? 'asksService is only for ambiguous questions' : undefined;
        if (q.notice != null || q.session?.notice != null) return 'a notice in context is not ambiguous';
        if (q.council != null && notices.filter((n) => n.council === q.council).length < 2)
          return 'a council with a single notice is not ambiguous';
        if (q.expect.notice !== null) return 'notice must be null';
        if (q.expect.facts.length) return 'facts must be empty';
        if (q.expect.asksService !== true) return 'asksService must be true';
        if (q.expect.topic === 'out-of-scope') return 'an ambiguous question is still about a notice topic';
        return undefined;
      }),
    ).toEqual([]);
  });

  it('service-named questions have no notice in context; follow-ups carry the session notice', () => {
    expect(
      problems((q) => {
        if (q.style === 'service-named' && (q.notice != null || q.session != null))
          return 'service-named with a notice in context';
        if (q.style === 'follow-up' && q.session?.notice !== q.expect.notice)
          return 'follow-up must carry session.notice = expect.notice';
        return undefined;
      }),
    ).toEqual([]);
  });

  it('handoffs expect start-sar or escalate; access requests from people start a SAR', () => {
    expect(
      problems((q) => {
        const actions = q.expect.actions ?? [];
        if (q.style === 'handoff' && !actions.includes('start-sar') && !actions.includes('escalate'))
          return 'handoff without start-sar or escalate';
        if (q.expect.topic === 'access-request' && q.expect.notice && !actions.includes('start-sar'))
          return 'access-request without start-sar';
        if (actions.length && q.expect.notice === null) return 'actions on a question with no notice';
        return undefined;
      }),
    ).toEqual([]);
  });

  it('an answerable question has 1-3 facts; no facts only where the notice is silent (escalate)', () => {
    expect(
      problems((q) => {
        if (q.expect.notice === null) return undefined;
        if (q.expect.facts.length === 0 && !(q.expect.actions ?? []).includes('escalate'))
          return 'no facts and no escalate: what must the answer say?';
        return undefined;
      }),
    ).toEqual([]);
  });
});

describe('eval set: coverage', () => {
  it('every topic except about has at least 6 questions', () => {
    const byTopic = countBy((q) => q.expect.topic);
    const short = TOPICS.filter((t) => t !== 'about' && (byTopic.get(t) ?? 0) < 6).map(
      (t) => `${t}: ${byTopic.get(t) ?? 0}`,
    );
    expect(short).toEqual([]);
  });

  it('every notice has at least 30 questions', () => {
    const byNotice = countBy((q) => q.expect.notice);
    const short = notices
      .filter((n) => (byNotice.get(n.id) ?? 0) < 30)
      .map((n) => `${n.id}: ${byNotice.get(n.id) ?? 0}`);
    expect(short).toEqual([]);
  });

  it('has enough of the hard styles', () => {
    const byStyle = countBy((q) => q.style);
    const n = (s: string) => byStyle.get(s) ?? 0;
    expect(n('ambiguous'), 'ambiguous').toBeGreaterThanOrEqual(15);
    expect(n('out-of-scope'), 'out-of-scope').toBeGreaterThanOrEqual(15);
    expect(n('handoff'), 'handoff').toBeGreaterThanOrEqual(10);
    expect(n('follow-up'), 'follow-up').toBeGreaterThanOrEqual(10);
    expect(n('typo') + n('slang'), 'typo + slang').toBeGreaterThanOrEqual(20);
  });

  it('asks for a copy of their data (start-sar) and for a person or complaint (escalate) in several notices', () => {
    const noticesWith = (action: 'start-sar' | 'escalate') =>
      new Set(questions.filter((q) => q.expect.actions?.includes(action)).map((q) => q.expect.notice)).size;
    expect(noticesWith('start-sar')).toBeGreaterThanOrEqual(notices.length);
    expect(noticesWith('escalate')).toBeGreaterThanOrEqual(notices.length);
  });
});
