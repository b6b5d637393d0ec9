/** Lawful bases: Art. 6 basis (13(1)(c)), Art. 9 condition, legitimate interests (13(1)(d)) and withdrawing consent (13(2)(c)). */
import type { Fact } from '#core/knowledge-schema.ts';
import { ART6, ART9, RIGHTS_CONTEXT, SPECIAL_CONTEXT } from '../cues.ts';
import { byOrder, cite, clip, item, knownDpoContact, type Ctx } from '../helpers.ts';
import type { AuditItem } from '../types.ts';

export interface Bases {
  art6: Map<string, Fact[]>;
  art9: Map<string, Fact[]>;
  candidates: Fact[];
}

export function basesOf(ctx: Ctx): Bases {
  const candidates = ctx.facts.filter(
    (f) =>
      !RIGHTS_CONTEXT.test(f.sentence) &&
      (f.topic === 'lawful-basis' ||
        f.bases?.length ||
        /\b(?:lawful|legal) bas[ie]s\b|\barticles? [69]\b|\blegal obligations?\b|\bpublic task\b|\bsubstantial public interest\b/i.test(
          `${f.leadIn ?? ''} ${f.sentence}`,
        )),
  );
  const art6 = new Map<string, Fact[]>();
  const art9 = new Map<string, Fact[]>();
  for (const fact of candidates) {
    const text = `${fact.leadIn ?? ''} ${fact.sentence}`;
    const special = SPECIAL_CONTEXT.test(text) || ART9.slice(0, -1).some(([, re]) => re.test(fact.sentence));
    if (special || test(/\b9 ?\(2\)|schedule 1\b/i, fact.sentence)) {
      for (const [name, re] of ART9) if (re.test(text)) art9.set(name, [...(art9.get(name) ?? []), fact]);
    }
    if (!special)
      for (const [name, re] of ART6) if (re.test(fact.sentence)) art6.set(name, [...(art6.get(name) ?? []), fact]);
  }
  return { art6, art9, candidates };
}

function test(re: RegExp, text: string): boolean {
  return new RegExp(re.source, re.flags.replace('g', '')).test(text);
}

export function lawfulBasis(ctx: Ctx, bases: Bases): AuditItem {
  const [id, art, label] = ['lawful-basis', '13(1)(c)', 'Lawful basis for each purpose (Art. 6)'] as const;
  const found = [...bases.art6.keys()];
  const add = `Name the Article 6 lawful basis for each purpose, e.g. "We process your information because it is necessary for a task carried out in the public interest (UK GDPR Art. 6(1)(e)) under <Act and section>".`;
  if (found.length) {
    return item(
      id,
      art,
      label,
      'stated',
      `Art. 6 basis named: ${found.join('; ')}.`,
      cite(byOrder([...bases.art6.values()].flat()), 3),
      { found },
    );
  }
  if (bases.candidates.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'The notice talks about the law but never names an Article 6 lawful basis.',
      cite(bases.candidates, 2),
      {
        recommendation: add,
      },
    );
  }
  return item(id, art, label, 'missing', 'No lawful basis is given.', [], { recommendation: add });
}

export function specialCondition(ctx: Ctx, bases: Bases): AuditItem {
  const [id, art, label] = [
    'special-category-condition',
    '13(1)(c) + Art. 9',
    'Condition for special category data (Art. 9)',
  ] as const;
  const special = ctx.all.filter(
    (f) => f.special || (f.topic === 'data-collected' && /\bspecial categor/i.test(f.sentence)),
  );
  const found = [...bases.art9.keys()];
  if (!special.length && !found.length) {
    return item(id, art, label, 'not-applicable', 'The notice does not say it collects special category data.', []);
  }
  if (found.length) {
    return item(
      id,
      art,
      label,
      'stated',
      `Art. 9 condition named: ${found.join('; ')}.`,
      cite(byOrder([...bases.art9.values()].flat()), 2),
      { found },
    );
  }
  const example = cite(special, 1)[0];
  const quoted = example ? (example.items?.[0] ?? example.sentence) : '';
  return item(
    id,
    art,
    label,
    'missing',
    `Collects special category data ("${clip(quoted, 90)}") but names no Art. 9 condition.`,
    cite(special, 1),
    {
      recommendation:
        'Name the Article 9 condition for the special category data (e.g. "substantial public interest, UK GDPR Art. 9(2)(g), with the Data Protection Act 2018 Schedule 1 condition <equality of opportunity or treatment / statutory purposes>").',
    },
  );
}

export function legitimateInterests(ctx: Ctx, bases: Bases): AuditItem {
  const [id, art, label] = ['legitimate-interests', '13(1)(d)', 'Legitimate interests pursued'] as const;
  const relied = [...bases.art6.entries()].find(([name]) => name.startsWith('legitimate'))?.[1];
  if (!relied) return item(id, art, label, 'not-applicable', 'The notice does not rely on legitimate interests.', []);
  const described = ctx.facts.filter((f) =>
    /\blegitimate interests? (?:is|are|in|of|include|to)\b|\bour legitimate interest/i.test(f.sentence),
  );
  if (described.length)
    return item(id, art, label, 'stated', 'Legitimate interests relied on and described.', cite(described, 2));
  return item(
    id,
    art,
    label,
    'vague',
    'Relies on legitimate interests without saying what those interests are.',
    cite(relied, 2),
    {
      recommendation:
        'Say what the legitimate interests are (e.g. "our legitimate interest in ...") for each purpose that relies on them.',
    },
  );
}

export function withdrawConsent(ctx: Ctx, bases: Bases): AuditItem {
  const [id, art, label] = ['withdraw-consent', '13(2)(c)', 'Right to withdraw consent'] as const;
  const withdraw = ctx.facts.filter(
    (f) =>
      f.rights?.includes('withdraw-consent') ||
      /\bwithdraw(?:al)? (?:of )?(?:your |their )?consent\b|\bwithdraw it\b|\bremove your consent\b|\bchange your mind\b/i.test(
        f.sentence,
      ),
  );
  const reliedBasis = [...bases.art6.entries()].find(([name]) => name.startsWith('consent'))?.[1] ?? [];
  const reliedText = ctx.facts.filter((f) =>
    /\b(?:where|when) we rely on (?:your )?consent\b|\bif you have consented\b|\bwe will (?:obtain|ask for|seek) your consent\b|\bwe have asked for (?:your )?consent\b/i.test(
      f.sentence,
    ),
  );
  const relied = [...reliedBasis, ...reliedText];
  if (withdraw.length) return item(id, art, label, 'stated', 'Says consent can be withdrawn.', cite(withdraw, 2));
  if (!relied.length) return item(id, art, label, 'not-applicable', 'The notice does not rely on consent.', []);
  return item(id, art, label, 'missing', 'Relies on consent but never says it can be withdrawn.', cite(relied, 1), {
    recommendation: `Add: "Where we rely on your consent you can withdraw it at any time, by contacting ${knownDpoContact(ctx) ?? '<contact>'}. This does not affect processing before you withdrew it."`,
  });
}
