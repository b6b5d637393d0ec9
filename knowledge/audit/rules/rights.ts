/** The person's rights (13(2)(b)), whether providing the data is required (13(2)(e)) and automated decisions (13(2)(f)). */
import type { Fact } from '#core/knowledge-schema.ts';
import { ICO, RIGHTS_CONTEXT, RIGHT_CUES } from '../cues.ts';
import { byOrder, cite, item, type Ctx } from '../helpers.ts';
import { SIX_RIGHTS, type AuditedRight, type AuditItem } from '../types.ts';

export function rights(ctx: Ctx): AuditItem {
  const [id, art, label] = [
    'rights',
    '13(2)(b)',
    'Rights of access, rectification, erasure, restriction, portability, objection',
  ] as const;
  const candidates = ctx.all.filter(
    (f) =>
      ['rights', 'access-request', 'consent', 'complaints'].includes(f.topic) ||
      f.rights?.length ||
      /\brights?\b|\bentitled\b/i.test(f.leadIn ?? '') ||
      RIGHTS_CONTEXT.test(f.sentence),
  );
  const named = new Map<AuditedRight, Fact>();
  for (const right of SIX_RIGHTS) {
    const hit = candidates.find(
      (f) => !ICO.test(f.sentence) && (f.rights?.includes(right) || RIGHT_CUES[right].test(f.sentence)),
    );
    if (hit) named.set(right, hit);
  }
  const found = SIX_RIGHTS.filter((r) => named.has(r));
  const absent = SIX_RIGHTS.filter((r) => !named.has(r));
  const evidence = cite(byOrder([...named.values()]), 3, 8);
  if (!found.length) {
    return item(id, art, label, 'missing', 'None of the rights is named.', [], {
      absent,
      recommendation:
        'List the rights (access, rectification, erasure, restriction, data portability, objection), each with a line on when it applies, and how to exercise them.',
    });
  }
  if (absent.length) {
    return item(id, art, label, 'vague', `Names ${found.join(', ')}; does not name ${absent.join(', ')}.`, evidence, {
      found,
      absent,
      recommendation: `Name the missing rights (${absent.join(', ')}); where one does not apply to this processing (e.g. portability under public task), say so rather than leave it out.`,
    });
  }
  return item(id, art, label, 'stated', `All six named: ${found.join(', ')}.`, evidence, { found, absent });
}

export function requirement(ctx: Ctx): AuditItem {
  const [id, art, label] = [
    'requirement-to-provide',
    '13(2)(e)',
    'Whether providing the data is required, and what happens if not',
  ] as const;
  const cue =
    /\bmandatory\b|\bon a voluntary basis\b|\b(?:is|are) (?:entirely )?voluntary\b|\bvoluntarily\b|\byou (?:are|'re) (?:not )?(?:required|obliged) to (?:provide|give)\b|\b(?:do not|don't) have to (?:provide|give)\b|\bif you (?:do not|don't|choose not to|decide not to) (?:provide|give|share)\b|\b(?:is|are) required to enable you\b|\b(?:statutory|contractual) requirement\b|\bhave a choice\b|\brequired to provide\b/i;
  const facts = ctx.facts.filter((f) => cue.test(f.sentence));
  if (facts.length)
    return item(id, art, label, 'stated', 'Says whether providing the information is required.', cite(facts, 2));
  return item(
    id,
    art,
    label,
    'missing',
    'Does not say whether people must provide their information or what happens if they do not.',
    [],
    {
      recommendation:
        'Say whether providing the information is a legal or contractual requirement or voluntary, and what happens if it is not provided (e.g. "If you do not give us this information we may not be able to offer you the service").',
    },
  );
}

export function automatedDecisions(ctx: Ctx): AuditItem {
  const [id, art, label] = [
    'automated-decisions',
    '13(2)(f)',
    'Automated decision-making, including profiling',
  ] as const;
  const states =
    /\b(?:we|the council|kcc) (?:do(?:es)? not|don't|will not|won't|never) (?:use|carry out|make|undertake|rely on)\b[^.]*\b(?:automated|profiling)\b|\bno (?:solely )?automated\b|\b(?:automated decision[- ]making|profiling)\b[^.]*\b(?:is|are) (?:not )?(?:used|carried out|undertaken)\b|\bwe (?:use|carry out) (?:automated|profiling)\b/i;
  const mentions = /\bautomated decision|\bprofiling\b|\bdecisions being made that significantly affect\b/i;
  const stated = ctx.facts.filter((f) => states.test(f.sentence));
  const named = ctx.facts.filter((f) => mentions.test(f.sentence));
  const add =
    'Say whether any decision about people is made solely by automated means, including profiling (e.g. "We do not make decisions about you by automated means"); if you do, explain the logic and its consequences.';
  if (stated.length)
    return item(id, art, label, 'stated', 'Says whether automated decision-making is used.', cite(stated, 2));
  if (named.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'Names the right about automated decisions but never says whether any are made.',
      cite(named, 1),
      {
        recommendation: add,
      },
    );
  }
  return item(id, art, label, 'missing', 'Says nothing about automated decision-making.', [], { recommendation: add });
}
