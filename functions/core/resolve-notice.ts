/**
 * Which notice a question is about: the service it names, the page it was asked on, the session, or the
 * words only one service uses ("adoption" → children's services). Ambiguous questions get the choices.
 */
import type { Question } from './answer-contract.ts';
import { CUE_TERMS, FUNCTION_TERMS } from './intent.ts';
import type { IndexedNotice, KnowledgeIndex } from './knowledge-index.ts';
import { GENERIC_TERMS } from './language.ts';

export type NoticeSource = 'context' | 'session' | 'named' | 'clue' | 'council';

export interface Resolution {
  notice?: IndexedNotice;
  source?: NoticeSource;
  /** Candidates when the service is ambiguous, most likely first. */
  choices: IndexedNotice[];
}

export function resolveNotice(
  index: KnowledgeIndex,
  input: Question,
  givenCouncil: string | undefined,
  terms: string[],
): Resolution {
  // "how long does kent adult education keep my data": a council named in the question narrows the services.
  // On a service's page, or following up an answer from one, that service's council is the context: another
  // council's service is never meant.
  const page = input.notice ?? input.session?.notice;
  const contextCouncil = page ? index.notices.get(page)?.notice.council : undefined;
  const council = givenCouncil ?? input.session?.council ?? contextCouncil ?? councilNamed(index, terms);
  const inCouncil = (n: IndexedNotice) => !council || n.notice.council === council;
  // A question that names a service wins over the page it was asked on ("on the Connexions page, about adoption…").
  const hits = new Map<string, number>();
  for (const term of new Set(terms))
    for (const id of index.named.get(term) ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  const named = [...hits]
    .map(([id, count]) => ({ n: index.notices.get(id)!, share: count / index.notices.get(id)!.nameTerms.size }))
    .filter((x) => x.share >= 0.5 && inCouncil(x.n))
    .sort((a, b) => b.share - a.share || a.n.notice.id.localeCompare(b.n.notice.id));
  const current = input.notice ?? input.session?.notice;
  if (named[0] && (!named[1] || named[0].share > named[1].share)) {
    if (!current || named[0].share >= 0.99) return { notice: named[0].n, source: 'named', choices: [] };
  }
  if (input.notice) return { notice: index.notices.get(input.notice)!, source: 'context', choices: [] };
  if (input.session?.notice)
    return { notice: index.notices.get(input.session.notice)!, source: 'session', choices: [] };

  // The council's own name says which council, not which of its services.
  const councilWords = new Set(council ? councilWordsOf(index, council) : []);
  const candidates = council ? [...index.notices.values()].filter(inCouncil).length : index.notices.size;
  const clues = clueScores(
    index,
    inCouncil,
    terms.filter((t) => !councilWords.has(t)),
    candidates,
  );
  const [first, second] = clues;
  if (first && (second ? first.score >= 2 && first.score >= second.score * 1.6 : first.score >= 1)) {
    return { notice: first.notice, source: 'clue', choices: [] };
  }
  const councilNotices = council ? [...index.notices.values()].filter(inCouncil) : [];
  if (councilNotices.length === 1) return { notice: councilNotices[0]!, source: 'council', choices: [] };
  const choices = named.length > 1 ? named.map((x) => x.n) : clues.length ? clues.map((c) => c.notice) : councilNotices;
  return { choices: choices.slice(0, 6) };
}

/** How strongly the question's words point at each notice: words few notices use, used often by one. */
function clueScores(
  index: KnowledgeIndex,
  allowed: (n: IndexedNotice) => boolean,
  terms: string[],
  candidates: number,
) {
  const scores = new Map<string, number>();
  for (const term of terms) {
    // Words that say what is asked ("sell", "keep") never say which service it is asked of.
    if (FUNCTION_TERMS.has(term) || GENERIC_TERMS.has(term) || CUE_TERMS.has(term)) continue;
    // Distinctive among the services in question: "adult" is common across councils but only one Kent service says it.
    const postings = (index.postings.get(term) ?? []).filter((id) => allowed(index.notices.get(id)!));
    if (!postings.length || postings.length > Math.max(1, candidates * 0.4)) continue;
    const idf = Math.log(1 + candidates / postings.length);
    for (const id of postings) {
      const count = index.notices.get(id)!.termCounts.get(term) ?? 0;
      scores.set(id, (scores.get(id) ?? 0) + idf * Math.log2(1 + count));
    }
  }
  return [...scores]
    .map(([id, score]) => ({ notice: index.notices.get(id)!, score }))
    .sort((a, b) => b.score - a.score || a.notice.notice.id.localeCompare(b.notice.notice.id));
}

const GENERIC_COUNCIL_WORD = /^(?:council|city|county|borough|district|metropolitan|of|on|sea|the|and)$/;

/** A council's id and the distinctive words of its name ("kent"; not "county", "council"). */
function councilWordsOf(index: KnowledgeIndex, id: string): string[] {
  const name = index.councils.get(id)?.name ?? '';
  return [id, ...name.toLowerCase().split(/[^a-z]+/)].filter((w) => w && !GENERIC_COUNCIL_WORD.test(w));
}

/** The one council whose id or distinctive name word the question uses, if exactly one. */
function councilNamed(index: KnowledgeIndex, terms: string[]): string | undefined {
  const found = [...index.councils.keys()].filter((id) => councilWordsOf(index, id).some((w) => terms.includes(w)));
  return found.length === 1 ? found[0] : undefined;
}
