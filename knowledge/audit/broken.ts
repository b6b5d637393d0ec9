/** Sentences the pipeline had to repair (a contact filled in, a broken tail cut) or leave out, for the DPO to fix. */
import type { KnowledgeBase, Notice } from '#core/knowledge-schema.ts';
import { EMAIL, WEB } from './cues.ts';
import { hasOwnChannel, recoveredOf, unique } from './helpers.ts';
import type { BrokenSentence } from './types.ts';

export function brokenSentences(notice: Notice, kb: KnowledgeBase): BrokenSentence[] {
  const out: BrokenSentence[] = [];
  const seen = new Set<number>();
  const facts = [...notice.facts].sort((a, b) => a.order - b.order);
  for (const fact of facts) {
    if (!fact.repair || seen.has(fact.order)) continue;
    seen.add(fact.order);
    if (fact.repair.kind === 'filled') {
      const recovered = recoveredOf(fact, notice, kb);
      const broken: BrokenSentence = {
        kind: 'filled',
        section: fact.section,
        sentence: fact.sentence,
        text: fact.text,
        recommendation: `The published sentence lost its link or address; restore it${recovered ? ` (${recovered.value})` : ''}.`,
      };
      if (recovered) broken.recoveredFrom = recovered;
      out.push(broken);
    } else {
      // What was cut off: if it still holds a link or address, the published sentence was only oddly punctuated.
      const kept = fact.text.replace(/[.]$/, '');
      const removed = fact.sentence.startsWith(kept) ? fact.sentence.slice(kept.length) : '';
      const stillThere = hasOwnChannel(removed) ? (removed.match(EMAIL)?.[0] ?? WEB.exec(removed)?.[0]) : undefined;
      out.push({
        kind: 'cut',
        section: fact.section,
        sentence: fact.sentence,
        text: fact.text,
        recommendation: stillThere
          ? `The published sentence does give ${stillThere}, after stray punctuation that made it look broken and the assistant drops it; tidy the punctuation.`
          : 'The sentence ends where a link or address was stripped; add the missing link or address.',
      });
    }
  }
  // A gap in reading order is a sentence the pipeline left out as unusable (a pointer whose link was stripped).
  const orders = unique(facts.map((f) => f.order));
  for (let i = 1; i < orders.length; i++) {
    const [prev, next] = [orders[i - 1]!, orders[i]!];
    if (next - prev <= 1) continue;
    const before = facts.find((f) => f.order === prev)!;
    out.push({
      kind: 'dropped',
      section: facts.find((f) => f.order === next)!.section,
      sentence: null,
      after: before.sentence,
      recommendation: `${next - prev - 1} sentence(s) after this one could not be used (most likely a pointer whose link was stripped); check the published notice and restore the link.`,
    });
  }
  return out.sort((a, b) => orderOf(notice, a) - orderOf(notice, b));
}

function orderOf(notice: Notice, broken: BrokenSentence): number {
  const sentence = broken.sentence ?? broken.after;
  const order = notice.facts.find((f) => f.sentence === sentence)?.order ?? 0;
  return broken.kind === 'dropped' ? order + 0.5 : order;
}
