/**
 * The knowledge-base pipeline: notice files + council registry → validated, deterministic knowledge base.
 * segment → split sentences → classify topics → extract structured fields → repair broken sentences.
 */
import type { NoticeTopic } from '#core/answer-contract.ts';
import { detectIntent, strongestCue } from '#core/intent.ts';
import { expandSlang, normalise } from '#core/language.ts';
import {
  KB_SCHEMA_VERSION,
  parseKnowledgeBase,
  type Citation,
  type Contact,
  type Council,
  type Fact,
  type FactKind,
  type KnowledgeBase,
  type Notice,
  type ThesaurusEntry,
} from '#core/knowledge-schema.ts';
import {
  extractActs,
  extractBases,
  extractContact,
  extractRetention,
  extractRights,
  isSpecialCategory,
} from './extract.ts';
import { removeClutter } from './clutter.ts';
import type { NoticeFile } from './notice-file.ts';
import { repairFacts, type ContactSource } from './repair.ts';
import { segment, type Section } from './segment.ts';
import { splitSentences } from './sentences.ts';
import { hasContactDetail } from './text.ts';
import { bestTopic, listItemTopics, scoreTopics } from './topic-rules.ts';

/** Short service name for answers and choices: the title without "Privacy Notice" and its asides. */
export function serviceName(title: string): string {
  const name = title
    .replace(/\bprivacy (?:notice|policy|statement)\b/i, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:–-]+|[\s:–-]+$/g, '');
  return name || title;
}

/** The topic a section's heading announces, or null when the heading says nothing about one ("Further information"). */
function sectionTopic(section: Section): NoticeTopic | null {
  // A heading that only brushes a topic ("The National Pupil Database" → database → security) sets no prior.
  const best = bestTopic(scoreTopics([section.heading, ...section.parents].join(' \n ')));
  if (best && best[1] >= 2) return best[0];
  // A question-and-answer notice heads each answer with a resident's question ("What information do you
  // collect?", "Do you collect anything sensitive?"), and some notices head sections with plain sentences
  // ("Sometimes we need to tell other people"): read them as the assistant reads residents' questions.
  if (!/\?\s*$/.test(section.heading) && !SENTENCE_HEADING.test(section.heading)) return null;
  const asked = strongestCue(detectIntent(expandSlang(normalise(section.heading))));
  return asked.topic && asked.score >= QUESTION_HEADING_CUE ? asked.topic : null;
}

/** A heading that is a sentence, not a name ("The National Pupil Database" names a thing, and says nothing of it). */
const SENTENCE_HEADING = /^(?=(?:\S+\s+){3})[^.]*\b(?:we|you|is|are|do|does|can|will|need|needs|have|has)\b/i;

/** How strong a question heading's cue must be to head its answers' topic (a clear cue, as tuning.ts has it). */
const QUESTION_HEADING_CUE = 3;

function kindFor(topic: NoticeTopic, text: string, inList: boolean): FactKind {
  switch (topic) {
    case 'data-collected':
      return inList || /\bsuch as\b|\binclude/i.test(text) ? 'data-category' : 'statement';
    case 'sources':
      return 'source';
    case 'purposes':
      return inList ? 'purpose' : 'statement';
    case 'sharing':
      return inList ? 'recipient' : 'statement';
    case 'retention':
      return 'retention';
    case 'lawful-basis':
      return /\b(?:act|regulations?)\b[^.]*\d{4}/i.test(text) && inList ? 'act' : 'lawful-basis';
    case 'rights':
      return 'right';
    case 'access-request':
      return inList || hasContactDetail(text) ? 'sar-route' : 'statement';
    case 'international':
      return 'transfer';
    case 'consent':
      return /\bwithdraw|\bchange your mind|\bremove your consent|\bunsubscribe/i.test(text) || inList
        ? 'consent-withdrawal'
        : 'statement';
    case 'complaints':
      return 'complaint-route';
    case 'security':
      return 'security-measure';
    case 'controller':
      return 'controller';
    case 'contact':
      return 'contact';
    default:
      return 'statement';
  }
}

const RIGHT_OFFERED =
  /\bautomated\b|\bautomatically\b|\bby (?:a |the |our )?(?:\w+ )?(?:computer|software)\b|\bprofiling\b|\byou (?:can|may|have the right)\b|\bwe (?:agree|will)\b[^.]{0,40}\bdelete\b|\bask us to\b/i;

const CONTENTS_LEAD_IN =
  /\b(?:this|the) (?:privacy )?(?:notice|policy|statement) (?:will )?(?:tells?|advises?|explains?|sets out|covers?|describes?)(?: you)?(?: on| about)?\s*:/i;

interface Candidate {
  sentence: string;
  leadIn?: string;
  inList: boolean;
  /** Which list of the notice the item belongs to (list items only). */
  list?: number;
  section: Section;
  prior: NoticeTopic | null;
  /** Complaints are what the service handles (see complaintsAreItsBusiness): "complaint" alone says no topic. */
  complaintsBusiness?: boolean;
}

/** Topics a sentence is about: the best, plus a second when the sentence clearly states both. */
/** Below this a fact's topic rests on too little evidence: `kb:build` lists it for a person to check. */
const CONFIDENT_TOPIC_SCORE = 2.5;

interface Classified {
  topics: NoticeTopic[];
  /** False when the evidence for the first topic is weak. */
  confident: boolean;
}

/**
 * Topics a sentence is about: the best, plus a second when the sentence clearly states both. Evidence: the
 * sentence's own cues, its list's lead-in, the section heading's prior, and for a list item its own shape.
 */
function topicsOf(candidate: Candidate): Classified {
  const own = scoreTopics(candidate.sentence);
  const scores = new Map(own);
  const add = (topic: NoticeTopic, score: number) => scores.set(topic, (scores.get(topic) ?? 0) + score);
  if (candidate.leadIn) for (const [topic, score] of scoreTopics(candidate.leadIn)) add(topic, score * 0.8);
  if (candidate.prior) add(candidate.prior, candidate.inList ? 3 : 2);
  if (candidate.complaintsBusiness && !COMPLAINT_ABOUT_DATA.test(candidate.sentence)) scores.delete('complaints');
  // A list whose heading and lead-in say little ("We may also:"): its items' own shape decides.
  if (candidate.inList && Math.max(0, ...scores.values()) < CONFIDENT_TOPIC_SCORE)
    for (const [topic, score] of listItemTopics(candidate.sentence)) add(topic, score);
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [first, second] = ranked;
  if (!first) return { topics: ['about'], confident: false };
  const topics: NoticeTopic[] = [first[0]];
  if (second && (own.get(second[0]) ?? 0) >= SECOND_TOPIC_SCORE && second[1] >= first[1] * 0.5) topics.push(second[0]);
  return { topics, confident: first[1] >= CONFIDENT_TOPIC_SCORE };
}

/** A complaint about the handling of personal data: to the DPO or the ICO, about how we used your information. */
const COMPLAINT_ABOUT_DATA =
  /\binformation commissioner|\bico\b|\b(?:unhappy|not happy|dissatisfied|concerned) (?:with|about) (?:how|the way) we\b|\bdata protection officer\b/i;

/** A notice for a service that handles complaints (complaints and FOI, trading standards, noise): many sentences say so. */
const complaintsAreItsBusiness = (sections: Section[]) =>
  sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => (b.kind === 'list' ? b.items : splitSentences(b.text)))
    .filter((sentence) => /\bcomplain/i.test(sentence)).length >= COMPLAINTS_BUSINESS_SENTENCES;
const COMPLAINTS_BUSINESS_SENTENCES = 8;

function candidatesOf(section: Section, prior: NoticeTopic | null, lists: { count: number }): Candidate[] {
  const out: Candidate[] = [];
  for (const block of section.blocks) {
    if (block.kind === 'paragraph') {
      for (const sentence of withAnswersJoined(splitSentences(block.text)))
        out.push({ sentence, inList: false, section, prior });
      continue;
    }
    // A lead-in paragraph may hold whole sentences before the one that introduces the list.
    const leadSentences = block.leadIn ? splitSentences(block.leadIn) : [];
    const leadIn = leadSentences.pop();
    for (const sentence of leadSentences) out.push({ sentence, inList: false, section, prior });
    // "This notice will tell you: - What information we collect …" is the notice's own contents, not facts.
    if (leadIn && CONTENTS_LEAD_IN.test(leadIn)) continue;
    const list = lists.count++;
    for (const item of block.items) out.push({ sentence: item, leadIn, inList: true, list, section, prior });
  }
  return out;
}

/** "Yes." or "Yes, in two cases." answers the heading's question: it says nothing alone, so it leads the next sentence. */
const BARE_ANSWER = /^(?:yes|no)\b[^.!?]{0,30}[.!]$/i;

function withAnswersJoined(sentences: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    if (BARE_ANSWER.test(sentence) && i + 1 < sentences.length) out.push(`${sentence} ${sentences[++i]}`);
    else out.push(sentence);
  }
  return out;
}

/** A sentence's own words this strong on a second topic file it under that topic too. */
const SECOND_TOPIC_SCORE = 3;

/** An item's own words decide its topic against its list's only with this much evidence ("…contact us at x@y"). */
const DECISIVE_OWN_SCORE = 6;

/**
 * The items of one list are one kind of thing: in a list most of whose items are about one topic (the data
 * collected, the recipients), an item whose own words brush another ("the name and contact details of the person
 * complaining", "housing associations, where the noise comes from their tenants") is about the list's topic too,
 * unless its own evidence is decisive; what its own words clearly state stays as its second topic.
 */
function coherentLists(candidates: Candidate[], classified: Classified[]): Classified[] {
  const byList = new Map<number, number[]>();
  candidates.forEach((c, i) => {
    if (c.list !== undefined) byList.set(c.list, [...(byList.get(c.list) ?? []), i]);
  });
  const out = [...classified];
  for (const members of byList.values()) {
    if (members.length < 3) continue;
    const counts = new Map<NoticeTopic, number>();
    for (const i of members) counts.set(classified[i]!.topics[0]!, (counts.get(classified[i]!.topics[0]!) ?? 0) + 1);
    const [topic, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    if (count < members.length * 0.6) continue;
    for (const i of members) {
      const own = scoreTopics(candidates[i]!.sentence);
      const decisive = (t: NoticeTopic) => (own.get(t) ?? 0) >= DECISIVE_OWN_SCORE;
      const topics = classified[i]!.topics;
      if (topics[0] !== topic && decisive(topics[0]!)) continue;
      // What its own words clearly state stays as its second topic ("things professionals tell us": a source).
      // A person's "contact details" in a list of what is collected are not the council's contact.
      const stated = topics.filter(
        (t) =>
          t !== topic &&
          (own.get(t) ?? 0) >= SECOND_TOPIC_SCORE &&
          (t !== 'contact' || hasContactDetail(candidates[i]!.sentence)),
      );
      out[i] = { ...classified[i]!, topics: [topic, ...stated].slice(0, 2) };
    }
  }
  return out;
}

function factsOf(
  noticeId: string,
  sections: Section[],
  topics: (NoticeTopic | null)[],
  uncertain: string[] = [],
): Fact[] {
  const facts: Fact[] = [];
  let order = 0;
  const lists = { count: 0 };
  const complaintsBusiness = complaintsAreItsBusiness(sections);
  sections.forEach((section, index) => {
    const candidates = candidatesOf(section, topics[index] ?? null, lists).map((c) => ({ ...c, complaintsBusiness }));
    const classifiedAll = coherentLists(candidates, candidates.map(topicsOf));
    for (const [at, candidate] of candidates.entries()) {
      order++;
      const context = `${candidate.leadIn ?? ''} ${section.heading}`;
      const classified = classifiedAll[at]!;
      if (!classified.confident) uncertain.push(candidate.sentence);
      classified.topics.forEach((topic, n) => {
        const text = candidate.sentence;
        const fact: Fact = {
          id: `${noticeId}#${order}${n ? String.fromCharCode(96 + n) : ''}`,
          topic,
          kind: kindFor(topic, text, candidate.inList),
          section: section.heading,
          sentence: text,
          text,
          order,
        };
        if (candidate.leadIn) fact.leadIn = candidate.leadIn;
        if (topic === 'data-collected' && (isSpecialCategory(text) || /special categor/i.test(context)))
          fact.special = true;
        if (topic === 'retention') {
          const retention = extractRetention(text);
          if (retention) fact.retention = retention;
        }
        // A right can be stated anywhere ("you can contact us at any time and we agree to delete your record").
        if (topic === 'rights' || topic === 'access-request' || topic === 'consent' || RIGHT_OFFERED.test(text)) {
          const rights = extractRights(text);
          if (rights.length) fact.rights = rights;
        }
        const contact = extractContact(text);
        if (contact) fact.contacts = [contact];
        const bases = topic === 'lawful-basis' ? extractBases(text) : [];
        if (bases.length) fact.bases = bases;
        const acts = extractActs(text);
        if (acts.length) fact.acts = acts;
        facts.push(fact);
      });
    }
  });
  return facts;
}

export interface RegistryEntry extends Omit<Council, 'teams'> {
  teams?: Council['teams'];
}

/** What `kb:build` tells the person adding a notice, per notice. */
export interface NoticeBuildReport {
  notice: string;
  /** Lines dropped as website clutter (cookie banners, breadcrumbs, "Print this page"…). */
  dropped: string[];
  /** Addresses the site hid ("[email protected]"), now filled from the council's contacts or cut. */
  hiddenEmails: number;
  /** Sentences whose topic rests on weak evidence: worth a look, and a heading the pipeline may not know. */
  uncertain: string[];
}

/** Builds the knowledge base. Pure: the same files and registry always give the same result. */
export function buildKnowledgeBase(
  files: NoticeFile[],
  registry: RegistryEntry[],
  thesaurus: ThesaurusEntry[],
): KnowledgeBase {
  return buildWithReport(files, registry, thesaurus).kb;
}

/** The knowledge base and, per notice, what the build dropped and what it was unsure of. */
export function buildWithReport(
  files: NoticeFile[],
  registry: RegistryEntry[],
  thesaurus: ThesaurusEntry[],
): { kb: KnowledgeBase; report: NoticeBuildReport[] } {
  const sorted = [...files].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const report: NoticeBuildReport[] = [];
  const notices: Notice[] = sorted.map((file) => {
    const { text, dropped, hiddenEmails } = removeClutter(file.body);
    const uncertain: string[] = [];
    report.push({ notice: file.meta.id, dropped, hiddenEmails, uncertain });
    const sections = segment(text, file.meta.title);
    const topics: (NoticeTopic | null)[] = [];
    sections.forEach((section, i) => {
      const own = sectionTopic(section);
      // "Personal information:" under "How the law allows us to use your information" is still about the law.
      topics.push(
        section.subheading && i > 0 && (own === null || own === 'data-collected') ? (topics[i - 1] ?? own) : own,
      );
    });
    const notice: Notice = {
      id: file.meta.id,
      council: file.meta.council,
      title: file.meta.title,
      service: file.meta.service ?? serviceName(file.meta.title),
      sourceHash: file.sourceHash,
      sections: sections.map((s, i) => ({ heading: s.heading, topic: topics[i] ?? 'about', order: i })),
      facts: factsOf(file.meta.id, sections, topics, uncertain),
    };
    if (file.meta.url) notice.url = file.meta.url;
    if (file.meta.reviewed) notice.reviewed = file.meta.reviewed;
    if (file.meta.contentHash) notice.contentHash = file.meta.contentHash;
    return notice;
  });

  const councils: Council[] = registry
    .map((entry) => ({ ...entry, teams: entry.teams ?? [] }))
    .sort((a, b) => a.id.localeCompare(b.id));
  // Contacts each council publishes anywhere, so a notice whose address was stripped can borrow its sibling's.
  const known: ContactSource[] = [];
  for (const notice of notices) {
    for (const fact of notice.facts) {
      for (const contact of fact.contacts ?? []) {
        const citation: Citation = { notice: notice.id, section: fact.section, sentence: fact.sentence };
        known.push({ council: notice.council, contact, citation });
      }
    }
  }
  for (const council of councils) {
    const registryContacts: Contact[] = [
      ...(council.dpo ? [{ role: 'dpo' as const, ...council.dpo }] : []),
      ...council.teams.map((team) => ({ role: 'data-protection-team' as const, ...team })),
    ];
    for (const contact of registryContacts) known.push({ council: council.id, contact });
  }
  for (const notice of notices) notice.facts = repairFacts(notice, known);

  return { kb: parseKnowledgeBase({ schemaVersion: KB_SCHEMA_VERSION, councils, notices, thesaurus }), report };
}
