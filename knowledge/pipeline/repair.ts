/**
 * Broken sentences: published notices lose their links, leaving "contact the … Team at" with nothing after it.
 * A hole is filled from a contact the same council publishes elsewhere (or the registry), citing where the
 * value came from; a hole that cannot be filled is cut, and a sentence that was only a pointer is dropped.
 */
import type { Citation, Contact, Fact, Notice } from '#core/knowledge-schema.ts';
import { squash } from './text.ts';

export interface ContactSource {
  council: string;
  contact: Contact;
  /** The notice sentence the contact was read from; absent when it comes from the registry. */
  citation?: Citation;
}

/**
 * "at" followed by nothing, a comma, "or", "and" or "to": where an address or link was stripped. "Visit" is the
 * verb pointing somewhere ("please visit."), not the noun ("2 years after the last visit, and…") nor the verb of a
 * clause ("the other websites you visit.", "the school they go to and their pupil number"); nor "looked at, and…".
 */
const HOLE =
  /\b(?:(?<!\b(?:look|looks|looked|looking|aim|aimed|arrive|arrived|stay|stayed|good|bad|stare|stared|glance|glanced) )at|via|(?<!\b(?:the|a|an|last|next|first|home|each|every|your|our|their|this|that|site|any|one|per|you|we|they|i) )visit|(?<!\b(?:you|we|they|i|he|she|it|who|children|pupils|students) )(?:go to|refer to))\s*[:;,]?(?!\s*[:;,]?\s*(?:www\.|https?:|[\w.-]+@|[\w-]+\.(?:gov|org|co)\.uk))(?=\s*(?:$|[,.;]|\bor\b|\band\b|\bto\b))|:\s*$/i;
const POINTER =
  /^(?:alternatively, )?(?:for (?:more|further)|to find out|to contact|please (?:visit|go|refer|see)|read|more information|you can find out more|for information)/i;
const ICO = /information commissioner|\bico\b|supervisory authority/i;
const DPO = /data protection officer|\bdpo\b/i;
const TEAM = /\b((?:[A-Z][a-z]+ )+(?:and (?:[A-Z][a-z]+ )+)?Team)\b/;

function findContact(sentence: string, notice: Notice, known: ContactSource[]): ContactSource | undefined {
  const { council } = notice;
  const withEmail = known.filter((k) => k.contact.email);
  // Prefer a value published in a notice (citable) over the registry's copy of it.
  // The notice's own words first, then another notice of the council, then the registry's copy.
  const pick = (matches: ContactSource[]) =>
    matches.find((k) => k.citation?.notice === notice.id) ?? matches.find((k) => k.citation) ?? matches[0];
  if (ICO.test(sentence)) return pick(withEmail.filter((k) => k.contact.role === 'ico'));
  const team = TEAM.exec(sentence)?.[1]?.toLowerCase();
  if (team) {
    const match = pick(withEmail.filter((k) => k.council === council && k.contact.name?.toLowerCase() === team));
    if (match) return match;
  }
  // "email us at" / "contact us at": the notice's own data-protection contact, else the council's.
  if (/\b(?:email|e-mail|contact|write to|call|phone) us\b/i.test(sentence) || DPO.test(sentence)) {
    return (
      pick(
        withEmail.filter((k) => k.council === council && k.contact.role === 'dpo' && !k.contact.name?.match(/team/i)),
      ) ?? pick(withEmail.filter((k) => k.council === council && k.contact.role === 'data-protection-team'))
    );
  }
  return undefined;
}

export function repairFacts(notice: Notice, known: ContactSource[]): Fact[] {
  const repaired: Fact[] = [];
  for (const fact of notice.facts) {
    const hole = HOLE.exec(fact.sentence);
    if (!hole) {
      repaired.push(fact);
      continue;
    }
    const source = hole[0].trim().startsWith(':') ? undefined : findContact(fact.sentence, notice, known);
    if (source?.contact.email) {
      const before = fact.sentence.slice(0, hole.index);
      const after = fact.sentence.slice(hole.index + hole[0].length);
      const word = hole[0].replace(/[:;,\s]+$/, '');
      const punctuation = /[,;]/.exec(hole[0])?.[0] ?? '';
      const text = squash(`${before}${word} ${source.contact.email}${punctuation} ${after}`).replace(
        /([^.!?])$/,
        '$1.',
      );
      const contacts = [...(fact.contacts ?? []), source.contact];
      repaired.push({
        ...fact,
        text,
        contacts,
        repair: source.citation ? { kind: 'filled', from: source.citation } : { kind: 'filled' },
      });
      continue;
    }
    const kept = squash(fact.sentence.slice(0, hole.index).replace(/(?:,|\bplease\b|\bor\b|\band\b)\s*$/i, ''));
    if (POINTER.test(kept) || kept.split(' ').length < 6) continue; // nothing left worth saying
    repaired.push({ ...fact, text: `${kept.replace(/[,;:]$/, '')}.`, repair: { kind: 'cut' } });
  }
  return repaired;
}
