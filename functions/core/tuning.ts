/**
 * Every tunable of the answering path, named and documented in one place (as MiniSearch documents
 * `defaultBM25params`). Values were set against the main and dev evaluation sets (`npm run eval`); change one
 * only with those figures before and after.
 */
export const TUNING = {
  /**
   * IDF weight of a question's content words a fact must contain to count as a lexical match: below it a
   * fact shares a word with the question, above it the fact is about what was asked.
   */
  lexicalMatch: 2.5,
  /** Below this cue score the cue words do not decide the topic: the best-matching fact does. */
  weakCue: 2,
  /**
   * A cue this strong on a service's page makes a question about that notice even when it mentions a subject the
   * notice does not cover ("if I appeal my fine, who gets the pictures?").
   */
  clearCue: 3,
  /** From this cue score on the cue decides ("how long do you keep…" is retention whatever else matches). */
  decisiveCue: 4,
  /**
   * Between the two, a fact on another topic wins when its match is this many times the best match on the
   * cue's topic and its neighbours, plus `lexicalMatch`.
   */
  lexicalDominance: 2,
  /** A word only the thesaurus implied counts this much of a typed one; in one fact only the best of them counts. */
  impliedWeight: 1,
  /**
   * When a question names something, how much a matching fact filed under a neighbouring topic (or any other)
   * counts against one on the asked topic: "what do you hold about me on the electoral roll" is answered by what
   * is held, not by a purpose that mentions the register.
   */
  relatedTopicWeight: 0.5,
  otherTopicWeight: 0.4,
  /**
   * A question that only names something ("what about the police?"): facts whose match is at least this share of
   * the best match count as naming it equally, and the topic is chosen among them by what is asked first of a
   * named thing (answer.ts `namedTopic`).
   */
  namedThingTie: 0.85,
  /** How many facts must name a service ("adoption") for a notice to cover it without its title saying so. */
  serviceMentions: 3,
  /**
   * How many facts outside the complaints and rights sections must speak of complaints or reports for them to be
   * the service's business (trading standards, noise, anti-social behaviour have 11-17; others 0-7).
   */
  businessMentions: 10,
} as const;
