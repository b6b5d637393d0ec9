/**
 * What the notices fail to answer: questions the assistant could not answer from a notice, redacted and
 * counted per council, ISO week, notice and question "fingerprint", for the weekly digest for the DPO
 * (unanswered-digest.ts) that puts the most asked of them beside the same notice's Article 13/14 audit gaps.
 *
 * Pure: no I/O, no clock. The store is a port (UnansweredStore, below).
 *
 * Answers a person said did not help ("Did this answer your question? No") are recorded the same way, as records
 * of kind 'unhelpful' in the same store, and the digest lists them beside the questions nothing answered.
 *
 * Privacy: a record holds the redacted question and no session id, time of day or anything else that would
 * tie it to a person; the week is the finest time it keeps.
 */
import type { Answer } from './answer-contract.ts';
import { expandSlang, normalise, stem, STOPWORDS } from './language.ts';
import { redactPersonalData } from './redact.ts';
import { isValidReference } from './sar/reference.ts';
import { addDays, fromEpochDay, isoWeekday, parseLocalDate, toEpochDay, type LocalDate } from './sar/local-date.ts';

// ---------------------------------------------------------------- which answers count as unanswered

/** Below this the answer is not trusted to answer the question from the notice. */
export const UNANSWERED_CONFIDENCE = 0.6;

/**
 * True for an answer the notices did not give: out of scope, confidence below 0.6, or the notice does not
 * state what was asked (`outcome: 'not-stated'`). Not recorded:
 * - a complaint: the notice answered with its route, whatever the escalation;
 * - "which service is your question about?" (no notice yet, choices offered): the person picks a service and
 *   the answer to that turn is the one judged — counting the clarification too would fill the digest with
 *   questions no notice was even asked.
 */
export function shouldRecord(answer: Answer): boolean {
  if (answer.outcome === 'out-of-scope') return true;
  if (answer.outcome === 'which-service') return false;
  if (answer.confidence < UNANSWERED_CONFIDENCE) return true;
  return answer.outcome === 'not-stated' && answer.topic !== 'complaints';
}

// ---------------------------------------------------------------- the record

/**
 * 'unanswered': the assistant could not answer from a notice (recorded by the chat turn itself);
 * 'unhelpful': an answer the person said did not answer their question (POST /api/feedback).
 */
export type RecordKind = 'unanswered' | 'unhelpful';

export interface UnansweredRecord {
  /** Absent in records written before answers could be rated: 'unanswered'. */
  kind?: RecordKind;
  council: string;
  /** The notice id the answer was about, or 'none' (out of scope, or no notice resolved). */
  notice: string;
  /** The topic the assistant guessed (answer.topic). */
  topicGuess: string;
  /** The question with personal data redacted, whitespace collapsed, at most 500 characters. */
  question: string;
  /** Groups the same question asked in other words (see `fingerprint`). */
  fingerprint: string;
  /** ISO 8601 week, '2026-W48'. */
  week: string;
}

export const MAX_RECORDED_QUESTION = 500;
/** Council recorded when the channel knows none (it then appears in no council's digest). */
export const UNKNOWN_COUNCIL = 'unknown';
export const NO_NOTICE = 'none';

/** What a record keeps of the answer: its topic and the notice it was about (an Answer, or what the widget rates). */
export interface RatedAnswer {
  topic: Answer['topic'];
  notice?: string | null | undefined;
}

/**
 * Builds the record for an unanswered question (check `shouldRecord` first). `at` is when it was asked: a
 * Date or ISO timestamp (its UK calendar date is used) or a plain 'YYYY-MM-DD'.
 */
export function unansweredRecord(
  question: string,
  answer: RatedAnswer,
  at: Date | string,
  council?: string,
): UnansweredRecord {
  const redacted = redactQuestion(question);
  return {
    council: council?.trim() || UNKNOWN_COUNCIL,
    notice: answer.notice ?? NO_NOTICE,
    topicGuess: answer.topic,
    question: redacted,
    fingerprint: fingerprint(redacted),
    week: isoWeek(at),
  };
}

/**
 * The record for an answer a person said did not help: an unanswered question's record (redacted, the week only,
 * no session), of kind 'unhelpful', so the digest counts and lists it apart from the questions nothing answered.
 */
export function unhelpfulRecord(
  question: string,
  answer: RatedAnswer,
  at: Date | string,
  council?: string,
): UnansweredRecord {
  return { kind: 'unhelpful', ...unansweredRecord(question, answer, at, council) };
}

/** "SAR-7K4M-Q9TX", "sar 7k4m q9tx", "7K4MQ9TX": replaced only when the check symbol matches (and, without the prefix, only with a digit in it, so an ordinary eight-letter word is never taken for one). */
const SAR_REFERENCE = /\b(SAR[\s-]*)?[A-Z0-9]{4}[\s-]?[A-Z0-9]{4}\b/gi;

/**
 * redactPersonalData plus two things it does not cover that a stored question must not keep: SAR references
 * (SAR-7K4M-Q9TX: tied to a person) and runs of six or more digits (case, account or phone numbers in odd formats).
 * Then control characters out, whitespace collapsed, capped at 500 characters (after redaction, so a cut can
 * never leave half an email address unredacted).
 */
export function redactQuestion(question: string): string {
  const withoutReferences = question
    .normalize('NFKC')
    .replace(SAR_REFERENCE, (match, prefix: string | undefined) =>
      isValidReference(match) && (prefix || /\d/.test(match)) ? '[reference]' : match,
    );
  const text = redactPersonalData(withoutReferences)
    .replace(/\d(?:-?\d){5,}/g, '[number]')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= MAX_RECORDED_QUESTION) return text;
  return `${text.slice(0, MAX_RECORDED_QUESTION - 1).trimEnd()}…`;
}

// ---------------------------------------------------------------- fingerprint

/** Question words are kept (unlike the answering stop-words): "why did you share…" and "who did you share…with" are different gaps. */
const QUESTION_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how']);
/** Words that differ between paraphrases of one question without changing it. */
const FINGERPRINT_STOPWORDS = new Set(['personal', 'please', 'hi', 'hello']);
/** Synonyms people use for the same thing, mapped to one word. */
const SAME_AS: Record<string, string> = { information: 'data', info: 'data', details: 'data', detail: 'data' };
const MAX_FINGERPRINT = 300;
/** A redaction placeholder with the words that introduced it ("DOB [date]", "I live at [postcode]", "my name is [name]"). */
const SELF_DETAIL = new RegExp(
  String.raw`(?:\b(?:my\s+)?(?:(?:dob|d\.o\.b\.?|date of birth|born(?: on)?|ni|national insurance|nhs|post ?code|e-?mail|phone|mobile|tel(?:ephone)?|ref(?:erence)?|case|address)(?:\s+(?:number|no\.?|address))?|number|name)\s*(?:is|was|:|=|-)?\s*|\b(?:i live at|i am|i'm|this is|called|on|at)\s+)?\[[a-z-]+\]`,
  'gi',
);

/**
 * A stable key for counting one question however it is typed. Built from the redacted question:
 * - personal details already redacted are dropped with the words that introduced them ("DOB [date]",
 *   "my name is [name]"), so a question counts the same with or without them;
 * - text-speak expanded ("u" → "you"), lower-case, punctuation stripped;
 * - stop-words removed, except the question words (what, which, who, when, where, why, how): "why did you
 *   share…" and "who did you share… with" are different gaps for the DPO;
 * - a few synonyms merged (information, info, details → data; "personal" dropped);
 * - each word stemmed (keeping → keep, records → record), duplicates dropped, the words sorted.
 *
 * So "How long do you keep my data?", "how long u keep my data" and "How long do you keep my personal
 * information?" are all 'data how keep long'; "Why did you send my file to the police?" is 'file polic send why'.
 * Sorting ignores word order on purpose (it rarely changes a privacy question and often differs between
 * paraphrases); the cost is that a rare pair like "did the police send it to you" / "did you send it to the
 * police" shares one count. No fuzzy matching: the key must be exact so the store can count it atomically.
 * Readable rather than hashed so the stored key explains itself; capped at 300 characters (on a word);
 * '-' when nothing is left (a question of stop-words only, such as "hello?").
 */
export function fingerprint(question: string): string {
  const text = question.replace(SELF_DETAIL, ' ');
  const words = expandSlang(normalise(text))
    .split(' ')
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((w) => w && /[\p{L}\p{N}]/u.test(w))
    .filter((w) => QUESTION_WORDS.has(w) || (!STOPWORDS.has(w) && !FINGERPRINT_STOPWORDS.has(w)))
    .map((w) => SAME_AS[w] ?? w)
    .map((w) => (QUESTION_WORDS.has(w) ? w : stem(w)));
  const key = [...new Set(words)].sort().join(' ');
  if (!key) return '-';
  if (key.length <= MAX_FINGERPRINT) return key;
  const cut = key.slice(0, MAX_FINGERPRINT);
  return cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : MAX_FINGERPRINT);
}

// ---------------------------------------------------------------- ISO week

const UK_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/**
 * The UK calendar date (GMT or BST) of a Date or a timestamp with a zone ('…Z', '…+01:00'), whatever the
 * server's time zone; a plain 'YYYY-MM-DD' or a zone-less 'YYYY-MM-DDThh:mm' gives its own date.
 */
export function ukDate(at: Date | string): LocalDate {
  // A plain date, or a wall-clock timestamp with no zone: its own calendar date, never the server's reading of it.
  const plain = typeof at === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?$/.exec(at.trim()) : null;
  if (plain) {
    parseLocalDate(plain[1]!);
    return plain[1]!;
  }
  const instant = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a date or timestamp: ${JSON.stringify(String(at))}`);
  const parts = Object.fromEntries(UK_DATE.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The ISO 8601 week ('2026-W48') of a date: weeks start on Monday and belong to the year of their Thursday, so
 * Mon 29 Dec 2025 is 2026-W01 and Fri 1 Jan 2027 is 2026-W53. A Date or timestamp counts by its UK calendar
 * date (00:30 BST on a Monday is already the new week); a 'YYYY-MM-DD' string is taken as it is. Whole-day
 * arithmetic only: no local-time Date maths, so no time-zone or daylight-saving surprises.
 */
export function isoWeek(at: Date | string): string {
  const date = ukDate(at);
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(`${thursday.slice(0, 4)}-01-01`)) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week ('2026-W48' → '2026-11-23'); throws a RangeError for a malformed or impossible week. */
export function isoWeekMonday(week: string): LocalDate {
  const match = ISO_WEEK.exec(week);
  if (!match) throw new RangeError(`Not an ISO week (expected YYYY-Www): ${JSON.stringify(week)}`);
  const year = match[1]!;
  const n = Number(match[2]);
  // Week 1 is the week with 4 January in it.
  const jan4 = `${year}-01-04`;
  const monday = fromEpochDay(toEpochDay(jan4) - (isoWeekday(jan4) - 1) + (n - 1) * 7);
  if (n < 1 || isoWeek(monday) !== week) throw new RangeError(`No such ISO week: ${week}`);
  return monday;
}

export function isIsoWeek(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    isoWeekMonday(value);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- the store (port)

/** One question's count for a week: what `listWeek` returns. */
export interface UnansweredTally {
  /** 'unanswered' when absent. */
  kind?: RecordKind;
  fingerprint: string;
  notice: string;
  topicGuess: string;
  /** The first redacted wording recorded this week. */
  example: string;
  count: number;
}

/** Where unanswered questions are counted. Recording is best effort: callers must not fail an answer on it. */
export interface UnansweredStore {
  /** Adds one to the record's (council, week, kind, notice, fingerprint) count; safe under concurrent calls. */
  record(r: UnansweredRecord): Promise<void>;
  /** A council's tallies for one ISO week, highest count first. */
  listWeek(council: string, week: string): Promise<UnansweredTally[]>;
}
