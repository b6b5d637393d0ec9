/**
 * The weekly digest for the DPO: for one council and ISO week, the questions its notices did not answer (and the
 * answers people rated unhelpful), most asked first, beside the same notice's Article 13/14 audit gaps. What is
 * recorded, and how it is redacted and counted, is unanswered.ts.
 *
 * Pure: no I/O, no clock. The audit report is plain data that `kb:build` writes (knowledge/audit, to
 * knowledge/build/audit.json); only the part of its shape the digest reads is typed here.
 */
import { longDate } from './long-date.ts';
import { addDays } from './sar/local-date.ts';
import { isoWeekMonday, NO_NOTICE, redactQuestion, type UnansweredTally } from './unanswered.ts';

/** The part of knowledge/audit's NoticeAudit the digest reads (an AuditReport can be passed as it is). */
export interface AuditGapItem {
  id: string;
  /** UK GDPR provision ("13(2)(a)"). */
  article: string;
  label: string;
  status: 'stated' | 'vague' | 'missing' | 'not-applicable';
  summary: string;
  recommendation?: string;
}
export interface NoticeAuditGaps {
  notice: string;
  council: string;
  title?: string;
  service?: string;
  items: readonly AuditGapItem[];
  broken?: readonly unknown[];
}
export interface AuditGaps {
  notices: readonly NoticeAuditGaps[];
}

export interface WeeklyDigestInput {
  council: string;
  councilName: string;
  week: string;
  /** The week's tallies as `listWeek` returns them: unanswered questions and answers rated unhelpful alike. */
  unanswered: readonly UnansweredTally[];
  /** The audit report kb:build wrote (all councils; the digest keeps this council's notices). */
  auditGaps: AuditGaps;
  /** Questions listed per notice before "and N more" (default 10). */
  maxQuestionsPerNotice?: number;
}

export interface WeeklyDigest {
  subject: string;
  text: string;
}

const GAP_MARK = { vague: '~ vague', missing: '✘ missing' } as const;
/** Which audit items a question's topic bears on, to flag a gap people asked about this week. */
const TOPIC_ITEMS: Record<string, readonly string[]> = {
  controller: ['controller'],
  contact: ['dpo'],
  'data-collected': ['data-categories', 'requirement-to-provide'],
  sources: ['sources'],
  purposes: ['purposes'],
  'lawful-basis': ['lawful-basis', 'special-category-condition', 'legitimate-interests'],
  sharing: ['recipients'],
  retention: ['retention'],
  international: ['international-transfers'],
  rights: ['rights', 'automated-decisions'],
  'access-request': ['sar-route'],
  consent: ['withdraw-consent'],
  complaints: ['complain-to-ico'],
};

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The DPO's to-do list for one council and week: per notice, the questions people asked that it did not answer
 * (most asked first, with the redacted wording and the topic guessed) beside the items its audit found missing
 * or vague (a gap on a topic people asked about this week is flagged with how often); then questions tied to no notice; then the notices with nothing to report. Examples are redacted
 * again here, so a record written by anything else still shows no personal data.
 */
export function weeklyDigest(input: WeeklyDigestInput): WeeklyDigest {
  const view = digestView(input);
  const { asked, unhelpfulAnswers, toDo, fine, councilName } = view;
  const lines = digestSummary(input, view);
  for (const notice of toDo) lines.push(...noticeSection(view, notice));
  lines.push(...noNoticeSection(view));

  lines.push('', '## Fine this week', '');
  lines.push(
    fine.length
      ? `Nothing to report for: ${fine.map((n) => nameOf(view, n)).join('; ')}.`
      : 'None: every notice has something above.',
  );
  lines.push(
    '',
    'Sent weekly by the privacy notice assistant. No personal data: questions are redacted before they are stored.',
  );

  const rated = unhelpfulAnswers ? `, ${plural(unhelpfulAnswers, 'unhelpful answer')}` : '';
  const subject = oneLine(
    `Privacy notices: ${plural(asked, 'unanswered question')}${rated} and ${plural(toDo.length, 'notice')} to review — ${councilName}, ${input.week}`,
  );
  return { subject, text: `${lines.join('\n')}\n` };
}

/** What the digest is written from: this council's audits and the week's tallies by notice, the notices ordered. */
interface DigestView {
  councilName: string;
  /** Questions listed per notice before "and N more". */
  limit: number;
  audits: Map<string, NoticeAuditGaps>;
  byNotice: Map<string, UnansweredTally[]>;
  unhelpfulByNotice: Map<string, UnansweredTally[]>;
  /** Asks unanswered, and answers rated unhelpful, this week in all. */
  asked: number;
  unhelpfulAnswers: number;
  /** The notices with something to report, most asked first; the others, by id. */
  toDo: string[];
  fine: string[];
}

type Gap = AuditGapItem & { status: 'vague' | 'missing' };

const sumCounts = (tallies: readonly UnansweredTally[] | undefined) => (tallies ?? []).reduce((n, t) => n + t.count, 0);
const askedOf = (view: DigestView, notice: string) => sumCounts(view.byNotice.get(notice));
const unhelpfulOf = (view: DigestView, notice: string) => sumCounts(view.unhelpfulByNotice.get(notice));
const gapsOf = (view: DigestView, notice: string) =>
  (view.audits.get(notice)?.items ?? []).filter((i): i is Gap => i.status === 'missing' || i.status === 'vague');

function nameOf(view: DigestView, notice: string): string {
  const audit = view.audits.get(notice);
  const name = audit?.service ?? audit?.title;
  return name ? `${oneLine(name)} (${notice})` : notice;
}

function groupByNotice(tallies: readonly UnansweredTally[]): Map<string, UnansweredTally[]> {
  const map = new Map<string, UnansweredTally[]>();
  for (const tally of tallies) map.set(tally.notice, [...(map.get(tally.notice) ?? []), tally]);
  return map;
}

function digestView(input: WeeklyDigestInput): DigestView {
  const { council } = input;
  const unansweredTallies = input.unanswered.filter((t) => (t.kind ?? 'unanswered') === 'unanswered');
  const unhelpfulTallies = input.unanswered.filter((t) => t.kind === 'unhelpful');
  const partial: DigestView = {
    councilName: oneLine(input.councilName) || council,
    limit: Math.max(1, input.maxQuestionsPerNotice ?? 10),
    audits: new Map(input.auditGaps.notices.filter((n) => n.council === council).map((n) => [n.notice, n])),
    byNotice: groupByNotice(unansweredTallies),
    unhelpfulByNotice: groupByNotice(unhelpfulTallies),
    asked: sumCounts(unansweredTallies),
    unhelpfulAnswers: sumCounts(unhelpfulTallies),
    toDo: [],
    fine: [],
  };
  const notices = [
    ...new Set([...partial.audits.keys(), ...partial.byNotice.keys(), ...partial.unhelpfulByNotice.keys()]),
  ].filter((n) => n !== NO_NOTICE);
  const total = (n: string) => askedOf(partial, n);
  const unhelpful = (n: string) => unhelpfulOf(partial, n);
  const gaps = (n: string) => gapsOf(partial, n).length;
  const toDo = notices
    .filter((n) => total(n) > 0 || unhelpful(n) > 0 || gaps(n) > 0)
    .sort((a, b) => total(b) - total(a) || unhelpful(b) - unhelpful(a) || gaps(b) - gaps(a) || a.localeCompare(b));
  return { ...partial, toDo, fine: notices.filter((n) => !toDo.includes(n)).sort() };
}

/** The most asked questions first, as asked (redacted again), then how many more. */
function questionLines(view: DigestView, tallies: UnansweredTally[]): string[] {
  const sorted = [...tallies].sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint));
  const lines = sorted
    .slice(0, view.limit)
    .map((t) => `  ${String(t.count).padStart(4)} × "${redactQuestion(t.example)}" (topic: ${t.topicGuess})`);
  const rest = sorted.slice(view.limit);
  if (rest.length) {
    const asks = rest.reduce((n, t) => n + t.count, 0);
    lines.push(`       … and ${plural(rest.length, 'other question')} (${plural(asks, 'ask')})`);
  }
  return lines;
}

/** The heading, the week, and the week's figures. */
function digestSummary(input: WeeklyDigestInput, view: DigestView): string[] {
  const { week } = input;
  const { asked, unhelpfulAnswers, toDo } = view;
  const monday = isoWeekMonday(week);
  const lines: string[] = [];
  lines.push(`What people asked that the privacy notices did not answer — ${view.councilName}`);
  lines.push(`Week ${week}: Monday ${longDate(monday)} to Sunday ${longDate(addDays(monday, 6))}`, '');
  lines.push(
    asked
      ? `${plural(asked, 'question')} went unanswered this week (${plural(input.unanswered.length, 'different question')}).`
      : 'No questions went unanswered this week.',
  );
  if (unhelpfulAnswers)
    lines.push(
      `People said ${plural(unhelpfulAnswers, 'answer')} did not answer their question (they pressed "No" under "Did this answer your question?").`,
    );
  lines.push(
    toDo.length
      ? `${plural(toDo.length, 'notice')} to look at, most asked first. Questions are shown as asked, with personal details removed; the topic is the assistant's guess.`
      : 'Nothing to do: every notice answered what it was asked and its audit found nothing missing or vague.',
  );
  return lines;
}

/** One notice to look at: its unanswered questions, the answers rated unhelpful, and its audit's gaps. */
function noticeSection(view: DigestView, notice: string): string[] {
  const lines = ['', `## ${nameOf(view, notice)}`, ''];
  const tallies = view.byNotice.get(notice) ?? [];
  if (tallies.length) {
    lines.push(`Unanswered questions (${plural(askedOf(view, notice), 'ask')}):`, ...questionLines(view, tallies));
  } else {
    lines.push('Unanswered questions: none this week.');
  }
  const rated = view.unhelpfulByNotice.get(notice) ?? [];
  if (rated.length)
    lines.push(
      '',
      `Answers people said did not help (${plural(unhelpfulOf(view, notice), 'time')}), with the question asked:`,
      ...questionLines(view, rated),
    );
  lines.push('', ...auditLines(view, notice));
  return lines;
}

/** What the notice's audit found missing or vague, each gap flagged when people asked about its topic this week. */
function auditLines(view: DigestView, notice: string): string[] {
  const lines: string[] = [];
  const gaps = gapsOf(view, notice);
  if (!view.audits.has(notice)) {
    lines.push('Audit: this notice is not in the current audit report (rebuild the knowledge base to audit it).');
  } else if (gaps.length) {
    lines.push(`What the notice is missing or leaves vague (UK GDPR Articles 13/14), ${plural(gaps.length, 'item')}:`);
    for (const gap of gaps) {
      const askedAbout = [...(view.byNotice.get(notice) ?? []), ...(view.unhelpfulByNotice.get(notice) ?? [])]
        .filter((t) => TOPIC_ITEMS[t.topicGuess]?.includes(gap.id))
        .reduce((n, t) => n + t.count, 0);
      const flag = askedAbout ? ` [asked about ${askedAbout}× this week]` : '';
      lines.push(`  ${GAP_MARK[gap.status]} — ${gap.article} ${gap.label}: ${oneLine(gap.summary)}${flag}`);
      if (gap.recommendation) lines.push(`      → What to add: ${oneLine(gap.recommendation)}`);
    }
  } else {
    lines.push('Audit: every Article 13/14 item that applies is stated.');
  }
  const broken = view.audits.get(notice)?.broken?.length ?? 0;
  if (broken)
    lines.push(`  Also ${plural(broken, 'broken sentence')} to fix in the published text (see the audit report).`);
  return lines;
}

/** Questions tied to no notice: out of scope, or asked before a service was known. */
function noNoticeSection(view: DigestView): string[] {
  const loose = view.byNotice.get(NO_NOTICE) ?? [];
  const looseRated = view.unhelpfulByNotice.get(NO_NOTICE) ?? [];
  if (!loose.length && !looseRated.length) return [];
  const lines = ['', '## Not about a particular notice', ''];
  if (loose.length)
    lines.push(
      'Out of scope for the assistant or asked before a service was known. A privacy question here may mean a notice does not use the words people use:',
      ...questionLines(view, loose),
    );
  if (looseRated.length)
    lines.push(
      ...(loose.length ? [''] : []),
      'Answers given without a notice (out of scope) that people said did not help:',
      ...questionLines(view, looseRated),
    );
  return lines;
}
