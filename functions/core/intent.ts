/**
 * What a question asks about, in residents' words (after language.ts has normalised it).
 * Weighted cues per topic; the caller weighs the result against what the notice actually says.
 */
import type { NoticeTopic } from './answer-contract.ts';
import { mayMatch } from './cue-prefilter.ts';
import { stem } from './language.ts';
import {
  COMPLAINT_WORD_PHRASES,
  INCIDENT_PHRASES,
  OFF_TOPIC_SUBJECT_PHRASES,
  OFF_TOPIC_TASK_PHRASES,
  PRIVACY_WORDS,
  PROMPT_INJECTION_PHRASES,
  QUESTION_CUES,
  WANTS_PERSON_PHRASES,
  ACCESS_QUESTION_PHRASES,
} from './question-cues.data.ts';

/** One phrase of a cue, compiled, with the cheap test that spares running (and compiling) its pattern. */
type Phrase = [RegExp, (text: string) => boolean];
/** A cue: any one of its phrases adds its weight to the topic. */
type Cue = [Phrase[], number];

const compile = (phrases: string[]) => new RegExp(phrases.join('|'));

/**
 * The cue lists (question-cues.data.ts), one pattern per phrase rather than one alternation per cue: V8 compiles a
 * pattern on its first run, and a phrase whose words are absent is never run (a long alternation cost more to
 * compile than its phrases together, and all of it whenever any one phrase's words were there).
 */
const CUES: Record<NoticeTopic, Cue[]> = Object.fromEntries(
  Object.entries(QUESTION_CUES).map(([topic, cues]) => [
    topic,
    cues.map((c) => [c.phrases.map((p) => [new RegExp(p), mayMatch(p)] as Phrase), c.weight] as Cue),
  ]),
) as Record<NoticeTopic, Cue[]>;

const sourcesOf = (cues: Cue[]) => cues.flatMap(([phrases]) => phrases.map(([pattern]) => pattern.source));

export interface Intent {
  /** The question text the cues were read from (normalised, slang and phrases expanded). */
  text: string;
  /** Topics ranked by strength, strongest first. */
  ranked: [NoticeTopic, number][];
  /** The person wants a human (a person, the DPO, to complain): offer the escalation. */
  wantsPerson: boolean;
  /** The person wants a copy of their data: offer the SAR hand-off. */
  wantsCopy: boolean;
}

/** The strongest cue's topic and score (score 0 and no topic when no cue fired). */
export function strongestCue(intent: Intent): { topic?: NoticeTopic; score: number } {
  const [topic, score = 0] = intent.ranked[0] ?? [];
  return topic ? { topic, score } : { score };
}

export function detectIntent(text: string): Intent {
  const ranked: [NoticeTopic, number][] = [];
  for (const [topic, cues] of Object.entries(CUES) as [NoticeTopic, Cue[]][]) {
    let score = 0;
    for (const [phrases, weight] of cues) if (phrases.some(([p, may]) => may(text) && p.test(text))) score += weight;
    if (score > 0) ranked.push([topic, score]);
  }
  // "how long do you keep X" is retention even though "keep" is also a data-collected cue.
  const retention = ranked.find(([t]) => t === 'retention');
  const accessRequest = ranked.find(([t]) => t === 'access-request');
  if (accessRequest && accessRequest[1] >= 5)
    for (const entry of ranked) if (entry[0] === 'data-collected' || entry[0] === 'rights') entry[1] -= 2;
  if (retention && retention[1] >= 4) for (const entry of ranked) if (entry[0] === 'data-collected') entry[1] -= 2;
  // "why do you need my X" asks for the purpose, whatever X is.
  // "Why do you need my NI number?" asks the purpose; "why are you asking what benefits I get" whether it is collected.
  const asksWhyAsked = /\bwhy (?:do|does|did|are|is|would) \S+(?: \S+)? (?:ask|asking|want to know)\b/.test(text);
  if (/^why\b/.test(text) && !asksWhyAsked && ranked[0]?.[0] === 'data-collected') bump(ranked, 'purposes', 3);
  // "can you delete my data" is the right to erasure, not a request for a copy.
  if (
    /\b(?:deleted|erased|removed|wiped|corrected|changed|fixed|taken (?:out of|off)|get rid of)\b/.test(text) &&
    accessRequest
  ) {
    bump(ranked, 'access-request', -4);
    bump(ranked, 'rights', 2);
  }
  // "do we need her consent to pass her info on" is a sharing question.
  if (/\bneed (?:\w+ )?(?:consent|permission) to (?:share|pass|give|send)\b/.test(text)) bump(ranked, 'sharing', 3);
  // "is it safe when you send it to the DfE" asks about security of the sharing, not who receives it.
  if (
    ranked.some(([t]) => t === 'sharing') &&
    /\b(?:safe|secure|securely|protected|encrypt\w*|password|by (?:normal |secure |plain )?e-?mail|verbal)\b/.test(text)
  ) {
    bump(ranked, 'security', 2.5);
  }
  // "who at the council gets to look at my DBS results": who may see it, inside (security) or out (sharing);
  // topic-choice.ts tells which by what the notice says of access.
  if (ACCESS_QUESTION.test(text) && !ranked.some(([t]) => t === 'sharing' || t === 'security'))
    bump(ranked, 'sharing', 3);
  if (reportsIncident(text)) bump(ranked, 'complaints', 5);
  ranked.sort((a, b) => b[1] - a[1] || TOPIC_PRIORITY.indexOf(a[0]) - TOPIC_PRIORITY.indexOf(b[0]));
  return {
    text,
    ranked: ranked.filter(([, score]) => score > 0),
    wantsPerson: WANTS_PERSON.test(text),
    wantsCopy: (accessRequest?.[1] ?? 0) >= 5,
  };
}

const COMPLAINT_WORDS = new Set(COMPLAINT_WORD_PHRASES);

/** A complaint about the council in other words than "complain" itself: "unhappy", "the ICO", "you told my ex". */
export function complainsOfTheCouncil(text: string): boolean {
  if (reportsIncident(text)) return true;
  return CUES.complaints.some(([phrases]) =>
    phrases.some(([pattern, may]) => !COMPLAINT_WORDS.has(pattern.source) && may(text) && pattern.test(text)),
  );
}

function bump(ranked: [NoticeTopic, number][], topic: NoticeTopic, by: number): void {
  const entry = ranked.find(([t]) => t === topic);
  if (entry) entry[1] += by;
  else ranked.push([topic, by]);
}

/** Tie-break order: the more specific topic wins. */
const TOPIC_PRIORITY: NoticeTopic[] = [
  'access-request',
  'retention',
  'international',
  'consent',
  'complaints',
  'sources',
  'lawful-basis',
  'sharing',
  'security',
  'controller',
  'rights',
  'purposes',
  'data-collected',
  'contact',
  'about',
];

/** Words that mark a question as one about personal data at all. */
export const PRIVACY_ANCHOR = new RegExp(`\\b(?:${PRIVACY_WORDS.join('|')})\\b`);

/** Council business that is not about these notices: tasks always, subjects unless a notice covers them. */
export const OFF_TOPIC_TASK = compile(OFF_TOPIC_TASK_PHRASES);
export const OFF_TOPIC_SUBJECT = compile(OFF_TOPIC_SUBJECT_PHRASES);

export const PROMPT_INJECTION = compile(PROMPT_INJECTION_PHRASES);

export const ACCESS_QUESTION = compile(ACCESS_QUESTION_PHRASES);

const WANTS_PERSON = compile(WANTS_PERSON_PHRASES);
const INCIDENT = compile(INCIDENT_PHRASES);

/** "I need to talk to someone, the bailiff knew about my health": a person asked for because something went wrong. */
const reportsIncident = (text: string) => WANTS_PERSON.test(text) && INCIDENT.test(text);

/** Every word the cue patterns know, so spelling correction never "corrects" a word the assistant understands. */
export function cueVocabulary(): string[] {
  const sources = Object.values(CUES).flatMap(sourcesOf);
  sources.push(PRIVACY_ANCHOR.source, OFF_TOPIC_TASK.source, OFF_TOPIC_SUBJECT.source, PROMPT_INJECTION.source);
  return [
    ...new Set(
      sources
        .join(' ')
        .replace(/\\[a-zA-Z]/g, ' ')
        .match(/[a-z]{3,}/g) ?? [],
    ),
  ];
}

/** Stems of words that say what kind of question it is rather than what it is about ("how long", "share"). */
export const FUNCTION_TERMS = new Set(
  `long keep kept retain retention delete deleted destroy destroyed share shared sharing store stored hold held collect
  collected use used why need needs right rights access copy see contact email phone number address complain complaint
  consent permission withdraw protect protected secure security safe law legal lawful basis source sources purpose
  purposes outside uk abroad request subject time years year months month long much who whom get given give send sent
  find found say says said tell told able allowed allow happen happens done do make made ask asked dpo officer
  protection data information personal detail details record records file files stuff council service notice privacy
  person people someone human speak talk write ring call answer question questions help period what exercise
  private secret look looking looked view viewed come comes came else never let ago everything everyone everybody
  goes`
    .split(/\s+/)
    .map(stem),
);

const cueTermCache = new Map<NoticeTopic, Set<string>>();
/** Stems of the words a topic's cues are made of ("store", "secure" for security). */
export function cueTermsOf(topic: NoticeTopic): Set<string> {
  let terms = cueTermCache.get(topic);
  if (!terms) {
    const source = sourcesOf(CUES[topic]).join(' ');
    terms = new Set((source.replace(/\\[a-zA-Z]/g, ' ').match(/[a-z]{3,}/g) ?? []).map(stem));
    cueTermCache.set(topic, terms);
  }
  return terms;
}

/** Stems of every word any topic cue is made of: words that say what is asked, never which service. */
export const CUE_TERMS: Set<string> = new Set(
  (Object.keys(CUES) as NoticeTopic[]).flatMap((topic) => [...cueTermsOf(topic)]),
);
