import { describe, expect, it } from 'vitest';
import type { Answer } from '#core/answer-contract.ts';
import { answerQuestion } from '#core/answer.ts';
import {
  fingerprint,
  isIsoWeek,
  isoWeek,
  isoWeekMonday,
  redactQuestion,
  shouldRecord,
  unansweredRecord,
  unhelpfulRecord,
  type UnansweredRecord,
  type UnansweredTally,
} from '#core/unanswered.ts';
import { weeklyDigest } from '#core/unanswered-digest.ts';
import { auditKnowledgeBase } from '../../knowledge/audit/index.ts';
import { realIndex, realKnowledgeBase } from '../helpers.ts';

const answer = (over: Partial<Answer> = {}): Answer => ({
  topic: 'retention',
  notice: 'southend-connexions',
  outcome: 'answered',
  text: 'Information is kept for 6 years.',
  citations: [],
  confidence: 0.9,
  suggestions: [],
  actions: [{ kind: 'open-notice', label: 'Read the Connexions privacy notice', notice: 'southend-connexions' }],
  ...over,
});
const escalate = { kind: 'escalate', label: 'Contact the Data Protection Officer' } as const;

const ask = (question: string, context: { notice?: string; council?: string } = {}) =>
  answerQuestion(realIndex(), { question, ...context });

describe('which answers are recorded', () => {
  it('records out-of-scope answers, low confidence, and escalations because the notice does not say', () => {
    expect(
      shouldRecord(
        answer({ topic: 'out-of-scope', outcome: 'out-of-scope', notice: null, confidence: 0, actions: [] }),
      ),
    ).toBe(true);
    expect(shouldRecord(answer({ confidence: 0.59 }))).toBe(true);
    expect(
      shouldRecord(
        answer({
          confidence: 0.7,
          outcome: 'not-stated',
          text: 'The Connexions privacy notice does not give a retention period.\nThe Data Protection Officer can tell you more: dataprotection@southend.gov.uk.',
          actions: [escalate],
        }),
      ),
    ).toBe(true);
  });

  it('does not record confident answers, escalations people asked for, complaints, or "which service?"', () => {
    expect(shouldRecord(answer({ confidence: 0.6 }))).toBe(false);
    expect(shouldRecord(answer({ topic: 'contact', confidence: 0.81, actions: [escalate] }))).toBe(false);
    expect(shouldRecord(answer({ topic: 'complaints', confidence: 0.9, actions: [escalate] }))).toBe(false);
    const whichService = answer({
      topic: 'sharing',
      notice: null,
      outcome: 'which-service',
      confidence: 0,
      text: 'Each service at Kent County Council has its own privacy notice. Which service is your question about?',
      suggestions: [
        { label: 'Connect to Work', question: 'who do you share my data with', notice: 'kent-connect-to-work' },
      ],
      actions: [],
    });
    expect(shouldRecord(whichService)).toBe(false);
  });

  it('agrees with the real assistant on questions the notices do and do not answer', () => {
    expect(shouldRecord(ask('how long do you keep my data', { notice: 'southend-connexions' }))).toBe(true);
    expect(shouldRecord(ask('do you send my data abroad', { notice: 'sefton-at-work' }))).toBe(true);
    expect(shouldRecord(ask('when are my bins collected'))).toBe(true);
    expect(shouldRecord(ask('how long do you keep adoption records'))).toBe(false);
    expect(shouldRecord(ask('I want to complain', { notice: 'kent-connect-to-work' }))).toBe(false);
    expect(shouldRecord(ask('who do you share my information with', { council: 'kent' }))).toBe(false);
  });
});

describe('the record', () => {
  const personal: [string, string[]][] = [
    [
      'My name is Sarah Jones, DOB 04/05/1987, NI AB123456C, I live at SS2 6ER — why did you send my file to the police?',
      ['Sarah', 'Jones', '04/05/1987', 'AB123456C', 'SS2 6ER'],
    ],
    [
      "I'm Tom Baker, email tom.baker@example.com or ring 07700 900123, why was my son's referral shared?",
      ['Tom', 'Baker', 'tom.baker@example.com', '07700 900123'],
    ],
    ['my NHS number is 943 476 5919, do you share it with my GP?', ['943 476 5919']],
    ['born 12 March 2010, landline 01632 960999, how long do you keep it', ['12 March 2010', '01632 960999']],
    ['I asked about SAR-BMYM-DXPX and case 12345678 last week, where is it?', ['BMYM', 'DXPX', '12345678']],
  ];

  it.each(personal)('keeps no personal data from %j', (question, details) => {
    const record = unansweredRecord(question, answer({ confidence: 0.3 }), '2026-11-23', 'southend');
    for (const detail of details) {
      expect(JSON.stringify(record)).not.toContain(detail);
      expect(JSON.stringify(record).toLowerCase()).not.toContain(detail.toLowerCase());
    }
  });

  it('redacts, normalises and describes the question', () => {
    const record = unansweredRecord(
      '  My name is Sarah Jones, DOB 04/05/1987, NI AB123456C, I live at SS2 6ER —\n\n why did you send my file to the police?  ',
      answer({ topic: 'sharing', notice: 'southend-childrens-services', confidence: 0.4 }),
      '2026-11-26T10:15:00Z',
      'southend',
    );
    expect(record).toEqual<UnansweredRecord>({
      council: 'southend',
      notice: 'southend-childrens-services',
      topicGuess: 'sharing',
      question:
        'My name is [name], DOB [date], NI [ni-number], I live at [postcode] — why did you send my file to the police?',
      // The self-introduction is dropped from the key: it counts with the same question asked plainly.
      fingerprint: fingerprint('Why did you send my file to the police?'),
      week: '2026-W48',
    });
    expect(record.fingerprint).toBe('file polic send why');
  });

  it("uses 'none' without a notice and 'unknown' without a council, and caps the question at 500 characters", () => {
    const long = `why ${'really '.repeat(200)}do you keep this`;
    const record = unansweredRecord(long, answer({ topic: 'out-of-scope', notice: null }), '2026-11-23');
    expect(record.notice).toBe('none');
    expect(record.council).toBe('unknown');
    expect(record.question.length).toBeLessThanOrEqual(500);
    expect(record.question.startsWith('why really really')).toBe(true);
  });

  it('never cuts a redaction short by capping first', () => {
    const question = `${'x '.repeat(245)}email me at jane.smith@example.co.uk please`;
    expect(redactQuestion(question)).not.toMatch(/jane|smith/);
  });

  it('leaves ordinary eight-letter words that are not references alone', () => {
    expect(redactQuestion('SAR request about whatever happened')).toBe('SAR request about whatever happened');
  });
});

describe('fingerprints', () => {
  it('are equal for paraphrases with the same words', () => {
    const key = fingerprint('How long do you keep my data?');
    expect(fingerprint('how long u keep my data')).toBe(key);
    expect(fingerprint('HOW LONG do you keep my data??!')).toBe(key);
    expect(fingerprint('my data — how long do you keep it?')).toBe(key);
    expect(fingerprint('How long do you keep my personal information?')).toBe(key);
    expect(fingerprint('Why did you send my file to the police?')).toBe(
      fingerprint('why did u send my file 2 the police'),
    );
  });

  it('are different for different questions', () => {
    const keys = [
      'How long do you keep my data?',
      'Do you keep my data?',
      'Why did you send my file to the police?',
      'Who did you send my file to?',
      'Do you send my data abroad?',
      'Is my data stored in the cloud?',
    ].map(fingerprint);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are never empty', () => {
    expect(fingerprint('hello?')).toBe('-');
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2025-12-29', '2026-W01'], // Monday: 2026's first Thursday is 1 January
    ['2025-12-28', '2025-W52'],
    ['2027-01-01', '2026-W53'], // Friday: 2026 has 53 weeks
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2026-11-23', '2026-W48'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
    expect(isoWeek(`${date}T12:00:00Z`)).toBe(week);
    expect(isoWeek(new Date(`${date}T12:00:00Z`))).toBe(week);
  });

  it('counts an instant by its UK date, whatever the server time zone', () => {
    // 23:30 UTC on Sunday 28 June 2026 is 00:30 BST on Monday 29 June: the new week in the UK.
    expect(isoWeek('2026-06-28T23:30:00Z')).toBe('2026-W27');
    expect(isoWeek('2026-06-28T22:30:00Z')).toBe('2026-W26');
    // In winter the UK is on GMT: 23:30 UTC on a Sunday is still Sunday.
    expect(isoWeek('2026-11-29T23:30:00Z')).toBe('2026-W48');
    expect(isoWeek('2026-11-30T00:30:00+01:00')).toBe('2026-W48');
    // A zone-less timestamp keeps its own date.
    expect(isoWeek('2025-12-29T00:10:00')).toBe('2026-W01');
  });

  it('finds the Monday of a week and rejects impossible ones', () => {
    expect(isoWeekMonday('2026-W01')).toBe('2025-12-29');
    expect(isoWeekMonday('2026-W53')).toBe('2026-12-28');
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2027-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-48')).toBe(false);
    expect(() => isoWeek('not a date')).toThrow(RangeError);
    expect(() => isoWeek('2026-02-30')).toThrow(RangeError);
  });
});

describe('the weekly digest', () => {
  const report = auditKnowledgeBase(realKnowledgeBase());
  const week = '2026-W48';
  const asked: [string, Partial<Answer>][] = [
    ['How long do you keep my data?', { topic: 'retention', notice: 'southend-connexions', confidence: 0.54 }],
    [
      'My name is Sarah Jones, DOB 04/05/1987, NI AB123456C, I live at SS2 6ER — how long u keep my data',
      { topic: 'retention', notice: 'southend-connexions', confidence: 0.54 },
    ],
    ['how long do you keep my information', { topic: 'retention', notice: 'southend-connexions', confidence: 0.54 }],
    [
      'Do you use automated decision making? email sarah.jones@example.com',
      { topic: 'rights', notice: 'southend-connexions', confidence: 0.5 },
    ],
    [
      'Why did you send my file to the police? My NHS number is 943 476 5919',
      { topic: 'sharing', notice: 'southend-childrens-services', confidence: 0.4 },
    ],
    ['when are my bins collected', { topic: 'out-of-scope', notice: null, confidence: 0 }],
  ];
  /** What the store would return: counts by (notice, fingerprint), first wording kept. */
  function tallies(records: UnansweredRecord[]): UnansweredTally[] {
    const byKey = new Map<string, UnansweredTally>();
    for (const r of records) {
      const key = `${r.notice}#${r.fingerprint}`;
      const t = byKey.get(key);
      if (t) t.count += 1;
      else
        byKey.set(key, {
          fingerprint: r.fingerprint,
          notice: r.notice,
          topicGuess: r.topicGuess,
          example: r.question,
          count: 1,
        });
    }
    return [...byKey.values()].sort((a, b) => b.count - a.count);
  }
  const records = asked.map(([q, a]) => unansweredRecord(q, answer(a), '2026-11-24T09:00:00Z', 'southend'));
  const digest = weeklyDigest({
    council: 'southend',
    councilName: 'Southend-on-Sea City Council',
    week,
    unanswered: tallies(records),
    auditGaps: report,
  });
  const section = (heading: string) => {
    const start = digest.text.indexOf(`## ${heading}`);
    expect(start).toBeGreaterThan(-1);
    const next = digest.text.indexOf('\n## ', start + 3);
    return digest.text.slice(start, next === -1 ? undefined : next);
  };

  it('has a subject naming the council, the week and the counts', () => {
    expect(digest.subject).toBe(
      'Privacy notices: 6 unanswered questions and 2 notices to review — Southend-on-Sea City Council, 2026-W48',
    );
    expect(digest.text).toContain('Week 2026-W48: Monday 23 November 2026 to Sunday 29 November 2026');
  });

  it('lists questions by count under the right notice, with the audit gaps beside them', () => {
    const connexions = section('Connexions (southend-connexions)');
    const lines = connexions.split('\n');
    const retention = lines.findIndex((l) => /^\s+3 × "How long do you keep my data\?" \(topic: retention\)$/.test(l));
    const automated = lines.findIndex((l) => / 1 × "Do you use automated decision making\? email \[email\]"/.test(l));
    expect(retention).toBeGreaterThan(-1);
    expect(automated).toBeGreaterThan(retention);
    expect(connexions).not.toContain('police');

    const gaps = report.notices
      .find((n) => n.notice === 'southend-connexions')!
      .items.filter((i) => i.status === 'missing' || i.status === 'vague');
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(connexions).toContain(`${gap.article} ${gap.label}: ${gap.summary}`);
    // Connexions gives no retention period: the gap people asked about is flagged with how often.
    expect(connexions).toMatch(
      /(?:✘ missing|~ vague) — 13\(2\)\(a\) How long the information is kept: .*\[asked about 3× this week\]/,
    );

    const childrens = section("Young Person and Children's Services (southend-childrens-services)");
    expect(childrens).toMatch(/ 1 × "Why did you send my file to the police\? My NHS number is \[nhs-number\]"/);
    // Notices with the most unanswered questions come first.
    expect(digest.text.indexOf('## Connexions')).toBeLessThan(digest.text.indexOf("## Young Person and Children's"));
  });

  it('keeps questions tied to no notice apart, and only this council’s notices', () => {
    expect(section('Not about a particular notice')).toContain(
      '1 × "when are my bins collected" (topic: out-of-scope)',
    );
    expect(digest.text).not.toMatch(/kent-|sefton-/);
  });

  it('contains no personal data', () => {
    for (const detail of [
      'Sarah',
      'Jones',
      'sarah.jones@example.com',
      '04/05/1987',
      'AB123456C',
      'SS2 6ER',
      '943 476 5919',
    ])
      expect(digest.text + digest.subject).not.toContain(detail);
  });

  it('redacts examples again in case a record was stored unredacted', () => {
    const text = weeklyDigest({
      council: 'kent',
      councilName: 'Kent County Council',
      week,
      unanswered: [
        {
          fingerprint: 'x',
          notice: 'kent-connect-to-work',
          topicGuess: 'rights',
          example: 'my email is jo@example.org, what rights do I have',
          count: 2,
        },
      ],
      auditGaps: report,
    }).text;
    expect(text).toContain('2 × "my email is [email], what rights do I have"');
    expect(text).not.toContain('jo@example.org');
  });

  it('lists the answers people said did not help beside the questions nothing answered (issue 13)', () => {
    const rated = unhelpfulRecord(
      'How long do you keep my records? My name is Sarah Jones',
      { topic: 'retention', notice: 'kent-connect-to-work' },
      '2026-11-24T09:00:00Z',
      'kent',
    );
    expect(rated).toMatchObject({ kind: 'unhelpful', council: 'kent', week: '2026-W48' });
    expect(rated.question).not.toMatch(/Sarah|Jones/);
    const outOfScope = unhelpfulRecord('when are my bins collected', { topic: 'out-of-scope' }, '2026-11-25', 'kent');
    expect(outOfScope.notice).toBe('none');
    const tally = (r: UnansweredRecord, count: number): UnansweredTally => ({
      kind: r.kind ?? 'unanswered',
      fingerprint: r.fingerprint,
      notice: r.notice,
      topicGuess: r.topicGuess,
      example: r.question,
      count,
    });
    const unanswered = unansweredRecord(
      'do you sell my data to advertisers',
      answer({ notice: 'kent-connect-to-work', topic: 'sharing', outcome: 'not-stated', confidence: 0.3 }),
      '2026-11-24',
      'kent',
    );
    const digest = weeklyDigest({
      council: 'kent',
      councilName: 'Kent County Council',
      week,
      unanswered: [tally(rated, 3), tally(unanswered, 1), tally(outOfScope, 2)],
      auditGaps: report,
    });
    expect(digest.subject).toMatch(
      /^Privacy notices: 1 unanswered question, 5 unhelpful answers and \d+ notices? to review/,
    );
    expect(digest.text).toContain('People said 5 answers did not answer their question');
    expect(digest.text).toContain('1 question went unanswered this week');
    const start = digest.text.indexOf('## Connect to Work');
    const section = digest.text.slice(start, digest.text.indexOf('\n## ', start + 3));
    expect(section).toContain('Unanswered questions (1 ask):');
    expect(section).toMatch(/ 1 × "do you sell my data to advertisers" \(topic: sharing\)/);
    expect(section).toContain('Answers people said did not help (3 times), with the question asked:');
    expect(section).toMatch(/ 3 × "How long do you keep my records\? My name is \[name\]" \(topic: retention\)/);
    // The unanswered list comes first, the rated answers after it.
    expect(section.indexOf('Unanswered questions')).toBeLessThan(section.indexOf('Answers people said'));
    expect(digest.text).toContain('Answers given without a notice (out of scope) that people said did not help:');
    expect(digest.text).toMatch(/ 2 × "when are my bins collected" \(topic: out-of-scope\)/);
    expect(digest.text).not.toMatch(/Sarah|Jones/);
  });

  it('says a notice is fine when it has nothing to report', () => {
    const clean = {
      notices: [
        {
          notice: 'demo-fine',
          council: 'demo',
          service: 'Fine Service',
          items: [
            { id: 'retention', article: '13(2)(a)', label: 'Retention', status: 'stated' as const, summary: 'ok' },
          ],
        },
        {
          notice: 'demo-gappy',
          council: 'demo',
          service: 'Gappy Service',
          items: [
            {
              id: 'retention',
              article: '13(2)(a)',
              label: 'How long information is kept',
              status: 'missing' as const,
              summary: 'No retention period.',
              recommendation: 'Add one.',
            },
          ],
        },
      ],
    };
    const quiet = weeklyDigest({
      council: 'demo',
      councilName: 'Demo Council',
      week,
      unanswered: [],
      auditGaps: clean,
    });
    expect(quiet.subject).toBe(
      'Privacy notices: 0 unanswered questions and 1 notice to review — Demo Council, 2026-W48',
    );
    expect(quiet.text).toContain('No questions went unanswered this week.');
    expect(quiet.text).toContain('Nothing to report for: Fine Service (demo-fine).');
    expect(quiet.text).toContain('Unanswered questions: none this week.');
    expect(quiet.text).toContain('✘ missing — 13(2)(a) How long information is kept: No retention period.');
    expect(quiet.text).toContain('→ What to add: Add one.');

    const allFine = weeklyDigest({
      council: 'demo',
      councilName: 'Demo Council',
      week,
      unanswered: [],
      auditGaps: { notices: [clean.notices[0]!] },
    });
    expect(allFine.text).toContain('Nothing to do');
    expect(allFine.text).toContain('Nothing to report for: Fine Service (demo-fine).');
  });

  it('lists the most asked questions first and summarises the rest', () => {
    const many: UnansweredTally[] = Array.from({ length: 12 }, (_, i) => ({
      fingerprint: `q${i}`,
      notice: 'demo-gappy',
      topicGuess: 'retention',
      example: `question ${i}`,
      count: i + 1,
    }));
    const text = weeklyDigest({
      council: 'demo',
      councilName: 'Demo Council',
      week,
      unanswered: many,
      auditGaps: { notices: [] },
      maxQuestionsPerNotice: 3,
    }).text;
    expect(text.indexOf('12 × "question 11"')).toBeLessThan(text.indexOf('11 × "question 10"'));
    expect(text).toContain('10 × "question 9"');
    expect(text).not.toContain('"question 8"');
    expect(text).toContain('… and 9 other questions (45 asks)');
    expect(text).toContain('not in the current audit report');
  });
});
