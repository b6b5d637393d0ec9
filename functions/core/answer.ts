/**
 * The answering core: a question (+ notice, council, session context) → an answer with citations.
 * Plain TypeScript over the knowledge index: no AWS, no HTTP, no Bot Framework.
 *
 * refuse only on positive evidence (scope.ts) → understand (language.ts, intent.ts) → which notice
 * (resolve-notice.ts, which-service.ts) → which topic (topic-choice.ts) → which facts (select-facts.ts) → the
 * answer in the notice's own words, with confidence and hand-offs (answer-from-facts.ts, compose.ts, actions.ts).
 */
import { MAX_QUESTION_LENGTH, type Answer, type Question } from './answer-contract.ts';
import { escalate } from './actions.ts';
import { answerFromSelection } from './answer-from-facts.ts';
import { FUNCTION_TERMS, PRIVACY_ANCHOR, PROMPT_INJECTION, detectIntent, strongestCue, type Intent } from './intent.ts';
import { correctSpelling, type IndexedNotice, type KnowledgeIndex } from './knowledge-index.ts';
import { GENERIC_TERMS, STOPWORDS, expandSlang, normalise, stem, wordsOf } from './language.ts';
import { resolveNotice } from './resolve-notice.ts';
import { looksEnglish, offTopic, outOfScope } from './scope.ts';
import { mentions } from './not-stated.ts';
import { DATA_ACTIONS, VAGUE_NOUNS } from './question-cues.data.ts';
import { rankFacts, selectFacts, type AnalysedQuestion } from './select-facts.ts';
import { chooseTopic } from './topic-choice.ts';
import { TUNING } from './tuning.ts';
import { askWhichService, byNameWords, byServiceNamed, notCovered, serviceNotCovered } from './which-service.ts';

export class AnswerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerInputError';
  }
}

function clean(question: string): string {
  // Control characters (binary input) become spaces; the rest is kept as typed.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return question.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFD]/g, ' ').trim();
}

function validateContext(index: KnowledgeIndex, input: Question): string | undefined {
  const council = input.council ?? input.session?.council;
  if (
    council &&
    !index.councils.has(council) &&
    ![...index.notices.values()].some((n) => n.notice.council === council)
  ) {
    throw new AnswerInputError(
      `Unknown council "${council}". Known councils: ${[...index.councils.keys()].join(', ')}.`,
    );
  }
  for (const id of [input.notice, input.session?.notice]) {
    if (id && !index.notices.has(id)) throw new AnswerInputError(`Unknown notice "${id}".`);
  }
  return council;
}

export function answerQuestion(index: KnowledgeIndex, input: Question): Answer {
  const council = validateContext(index, input);
  const question = clean(input.question);
  const contextNotice = input.notice ? index.notices.get(input.notice) : undefined;
  const decline = (lead?: string, notice = contextNotice) => outOfScope(index, notice, council, lead);
  if (!question || !/[\p{L}\p{N}]/u.test(question)) {
    return decline(
      'Please type a question about how your personal information is used, for example "How long do you keep my records?"',
    );
  }
  if (question.length > MAX_QUESTION_LENGTH) {
    return decline(
      `That message is too long for me (${question.length} characters). Please ask one question in under ${MAX_QUESTION_LENGTH} characters.`,
    );
  }
  const normalised = expandSlang(normalise(question));
  if (PROMPT_INJECTION.test(normalised)) return decline();
  if (!looksEnglish(index, normalised)) {
    return decline('Sorry, I can only answer questions in English. The council can help in other languages:');
  }

  const heard = understand(index, normalised);
  const { intent, anchored, strongest } = heard;
  const onPage = input.notice ?? input.session?.notice;
  const resolution =
    (!onPage && (byServiceNamed(index, council, heard.corrected) ?? byNameWords(index, council, heard.typedTerms))) ||
    resolveNotice(index, input, council, heard.terms);
  // "Can a real person help?" is out of the notices' scope, but the person asked for a human: offer the DPO.
  const declineAfterIntent = (notice: IndexedNotice | undefined) => {
    const answer = decline(undefined, notice);
    return intent.wantsPerson ? { ...answer, actions: [escalate(notice?.notice.id)] } : answer;
  };
  // "How long do you keep children's services records?" on the page of a council with no such notice here: say
  // what is covered rather than answer from whichever of its notices shares a word, or decline.
  const guessed = !resolution.notice || resolution.source === 'clue' || resolution.source === 'council';
  const missing = council && guessed ? serviceNotCovered(index, council, heard.corrected) : undefined;
  if (missing && (anchored || strongest >= 3)) return notCovered(index, council!, missing, intent);

  // A task word inside a question about personal data ("what info do you take when I book an appointment") is the
  // occasion, not the question: only a task asked for itself is declined. A subject no notice covers needs more.
  // On a service's page (or in a conversation about one), a clear question about who gets it, how long it is kept…
  // is about that service's notice even when it mentions a fine or an appeal it does not cover.
  const off = offTopic(index, heard.text, resolution.notice ?? contextNotice);
  const inContext = !!onPage;
  const asksAboutData =
    (off === 'task' && anchored && strongest >= TUNING.weakCue) ||
    (off === 'subject' && (anchored || inContext) && strongest >= (inContext ? TUNING.clearCue : TUNING.decisiveCue));
  if (off && !asksAboutData) return declineAfterIntent(resolution.notice ?? contextNotice);
  if (missing) return notCovered(index, council!, missing, intent);

  if (!resolution.notice) {
    // With no service to answer from, only a clear privacy question is worth asking "which service?" for.
    const topicOnly = strongestCue(intent).topic;
    if (!anchored && (strongest < 3 || (topicOnly === 'contact' && strongest < 4)))
      return declineAfterIntent(undefined);
    return askWhichService(index, resolution.choices, question, intent, council);
  }

  const notice = resolution.notice;
  const analysed = analyse(index, notice, heard, normalised, input);
  const ranked = rankFacts(notice, analysed);
  const topic = chooseTopic(notice, heard, analysed, ranked, input, normalised);
  if (!topic) return declineAfterIntent(notice);
  const selection = selectFacts(notice, topic, analysed, ranked);
  return answerFromSelection(index, notice, resolution.source!, topic, intent, selection, strongest);
}

/** What the question says once normalised: spelling repaired, read through the thesaurus, its cues weighed. */
export interface Heard {
  corrected: string;
  /** The corrected text with every word the thesaurus implies appended. */
  text: string;
  intent: Intent;
  /** Stems of the expanded text's words (stopwords left out). */
  terms: string[];
  /** Stems of the words as typed (after spelling repair): evidence the thesaurus did not add. */
  typedTerms: Set<string>;
  /** The strongest cue's score. */
  strongest: number;
  /** A word that marks a question about personal data at all. */
  anchored: boolean;
}

export function understand(index: KnowledgeIndex, normalised: string): Heard {
  const corrected = correctSpelling(index, normalised);
  const text = index.thesaurus.expand(corrected);
  const intent = detectIntent(index.thesaurus.expand(corrected, { names: false }));
  const words = wordsOf(text).filter((w) => !STOPWORDS.has(w));
  return {
    corrected,
    text,
    intent,
    terms: [...new Set(words.map(stem))],
    typedTerms: new Set(wordsOf(corrected).map(stem)),
    strongest: strongestCue(intent).score,
    anchored: PRIVACY_ANCHOR.test(text),
  };
}

const PASS_VERB =
  /\bpass(?:es|ed|ing)? (?:it|them|this|that|my|your|her|his|their|our|on|to|along|over|round|around|any|anything)\b/;
const PASS_NOUN =
  /\b(?:bus|travel|concessionary|freedom|disabled person|companion|parking|gate|visitor|my|a|the) pass(?:es)?\b/;

const DATA_ACTION_STEMS = new Set(DATA_ACTIONS.map(stem));
const VAGUE = new Set(VAGUE_NOUNS);

/** A thesaurus concept's term (thesaurus.ts `conceptToken`). */
const CONCEPT = /^syn\d+$/;

/** Where a clause giving the occasion begins ("… if I miss a payment", "… when I book a class"). */
const OCCASION = /\b(?:if|when|whenever|once|after|before|because|cos|while|unless)\b/;

/** The question as the ranking reads it against one notice: its content terms, apart from the service's name. */
export function analyse(
  index: KnowledgeIndex,
  notice: IndexedNotice,
  heard: Heard,
  normalised: string,
  input: Question,
): AnalysedQuestion {
  // The service's own name, in the notice's words or the resident's ("council tax support" for Council Tax
  // Reduction), says which notice, not what is asked of it.
  const naming = index.thesaurus.wordsNaming(heard.corrected, notice.nameConcepts);
  // "who else do you pass it to": the verb, which names nothing (a bus pass is a thing).
  const verbOnly = PASS_VERB.test(heard.corrected) && !PASS_NOUN.test(heard.corrected);
  const isContent = (t: string) =>
    !(verbOnly && t === 'pass') &&
    !FUNCTION_TERMS.has(t) &&
    !GENERIC_TERMS.has(t) &&
    !notice.nameTerms.has(t) &&
    !notice.nameConcepts.has(t) &&
    !naming.has(t);
  const { terms, typedTerms } = heard;
  // Quoted in "the notice does not mention …": words the person typed, as typed, that name a thing: a word whose
  // commonest use is as a noun, a name, or something done with data ("sell", "encrypted"); not "onto" or "applied".
  const thing = (word: string) =>
    !VAGUE.has(word) && !/^\d+$/.test(word) && (!index.notAThing(word) || DATA_ACTION_STEMS.has(stem(word)));
  const typed = wordsOf(normalised);
  const content = (w: string) => !STOPWORDS.has(w) && isContent(stem(index.correct(w)));
  // …or the word before one, that names which ("direct debit", "facial recognition").
  const contentWords = typed.filter(
    (w, i) =>
      content(w) &&
      (thing(index.correct(w)) ||
        (typed[i + 1] !== undefined && content(typed[i + 1]!) && thing(index.correct(typed[i + 1]!)))),
  );
  // Words the notice says in other words ("next door" where it says "neighbours"), through the thesaurus.
  const concepts = new Set(terms.filter((t) => CONCEPT.test(t) && notice.idf.has(t)));
  const synonymous = concepts.size ? index.thesaurus.wordsNaming(heard.corrected, concepts) : new Set<string>();
  // Only what the main clause asks about: in "… if I miss a payment" the payment is the occasion.
  const asked = new Set(wordsOf(normalised.split(OCCASION)[0]!));
  const unsaid = contentWords.filter((w) => {
    const word = index.correct(w);
    return asked.has(w) && !synonymous.has(stem(word)) && !mentions(notice, word);
  });
  return {
    text: heard.text,
    intent: heard.intent,
    contentTerms: terms.filter(isContent),
    implied: new Set(terms.filter((t) => !typedTerms.has(t))),
    terms: terms.filter((t) => !GENERIC_TERMS.has(t)),
    contentWords,
    unsaid,
    unmentioned: unsaid.filter((w) => (index.noticeFrequency.get(stem(index.correct(w))) ?? 0) > 0),
    ...(input.session?.topic ? { sessionTopic: input.session.topic } : {}),
  };
}
