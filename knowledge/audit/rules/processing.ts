/** What is done with the information: purposes, recipients, transfers, retention, data categories and sources. */
import type { Fact } from '#core/knowledge-schema.ts';
import { PERIOD, POLICY_REFERENCE, RETENTION_CUE } from '../cues.ts';
import { byOrder, cite, clip, item, unique, type Ctx } from '../helpers.ts';
import type { AuditItem } from '../types.ts';

export function purposes(ctx: Ctx): AuditItem {
  const [id, art, label] = ['purposes', '13(1)(c)', 'Purposes of the processing'] as const;
  const cue =
    /\b(?:we )?use (?:your|client|this|the|learner) (?:personal )?(?:information|data)\b|\bwhy we (?:collect|need|use)\b|\bpurposes? (?:of|for) (?:which|collecting|processing|using)\b/i;
  // A sentence the pipeline also files under lawful basis ("We collect and use this information under …") is not a purpose.
  const legal = new Set(ctx.all.filter((f) => f.topic === 'lawful-basis').map((f) => f.order));
  const topical = ctx.facts.filter((f) => f.topic === 'purposes' && !legal.has(f.order));
  const facts = [
    ...topical,
    ...ctx.facts.filter((f) => f.topic !== 'purposes' && !legal.has(f.order) && cue.test(f.sentence)),
  ];
  const best = byOrder([
    ...facts.filter((f) => cue.test(f.leadIn ?? f.sentence)),
    ...(topical.length ? topical : facts),
  ]);
  if (!facts.length) {
    return item(id, art, label, 'missing', 'The notice does not say what the information is used for.', [], {
      recommendation:
        'Add a "How we use your information" section listing each purpose (e.g. "We use your information to assess your eligibility, provide support and report to funders").',
    });
  }
  const evidence = cite(best, 2);
  if (evidence[0]?.items?.length) evidence.length = 1; // a list of purposes says it all
  return item(id, art, label, 'stated', 'Purposes stated.', evidence);
}

export function recipients(ctx: Ctx): AuditItem {
  const [id, art, label] = ['recipients', '13(1)(e)', 'Recipients or categories of recipients'] as const;
  const share =
    /\bshar(?:e|ed|es|ing)\b[^.]*\bwith\b|\bdisclos(?:e|ed)\b[^.]*\bto\b|\bsend (?:information|data)\b[^.]*\bto\b|\bpass(?:ed)? (?:on )?to\b/i;
  const facts = ctx.facts.filter(
    (f) => (f.topic === 'sharing' && (f.kind === 'recipient' || share.test(f.sentence))) || share.test(f.sentence),
  );
  const listed = ctx.all.filter((f) => f.topic === 'sharing' && f.kind === 'recipient');
  if (!facts.length && !listed.length) {
    return item(id, art, label, 'missing', 'The notice does not say who the information is shared with.', [], {
      recommendation:
        'Add a "Who we share your information with" section naming the recipients or categories of recipients (e.g. government departments, commissioned providers), or state that it is not shared.',
    });
  }
  return item(id, art, label, 'stated', 'Recipients stated.', cite(byOrder([...listed, ...facts]), 3));
}

export function international(ctx: Ctx): AuditItem {
  const [id, art, label] = [
    'international-transfers',
    '13(1)(f)',
    'Transfers outside the UK and their safeguards',
  ] as const;
  const cue =
    /\boutside (?:of )?the (?:uk|united kingdom|eea|eu|european)|\boverseas\b|\babroad\b|\binternational transfers?\b|\bthird countr/i;
  const facts = ctx.facts.filter((f) => f.topic === 'international' || cue.test(f.sentence));
  const named =
    /\badequacy\b|\bstandard (?:contractual|data protection) clauses\b|\binternational data transfer (?:agreement|addendum)\b|\bIDTA\b|\bbinding corporate rules\b/i;
  const none =
    /\b(?:is|are|will) (?:never|not) (?:be )?(?:sent|transferred|held|stored|processed)\b(?! routinely)|\bwe (?:do not|don't|will not|never) (?:send|transfer|store)\b/i;
  const add =
    'Say whether information leaves the UK. If it never does, say so plainly ("We do not transfer your information outside the UK"); if it can, name the destination and the safeguard (UK adequacy regulations or the International Data Transfer Agreement) and how to get a copy.';
  if (!facts.length) {
    return item(id, art, label, 'missing', 'The notice says nothing about transfers outside the UK.', [], {
      recommendation: add,
    });
  }
  if (facts.some((f) => named.test(f.sentence))) {
    return item(id, art, label, 'stated', 'Transfers and their safeguards are described.', cite(facts, 2));
  }
  if (facts.some((f) => none.test(f.sentence) && !/\bnot routinely\b/i.test(f.sentence))) {
    return item(
      id,
      art,
      label,
      'stated',
      'The notice states that information is not transferred outside the UK.',
      cite(facts, 2),
    );
  }
  const routinely = facts.some((f) => /\bnot routinely\b/i.test(f.sentence));
  return item(
    id,
    art,
    label,
    'vague',
    routinely
      ? 'Only says transfers are "not routinely" made, without naming the safeguard that would apply.'
      : 'Mentions transfers without naming the safeguard.',
    cite(facts, 2),
    { recommendation: add },
  );
}

export function retention(ctx: Ctx): AuditItem {
  const [id, art, label] = ['retention', '13(2)(a)', 'How long the information is kept'] as const;
  const facts = ctx.facts.filter(
    (f) =>
      f.retention ||
      (f.topic === 'retention' && RETENTION_CUE.test(f.sentence)) ||
      (RETENTION_CUE.test(f.sentence) && PERIOD.test(f.sentence)),
  );
  const periodOf = (f: Fact): string | null =>
    f.retention ? (f.retention.vague ? null : f.retention.period) : (PERIOD.exec(f.sentence)?.[0] ?? null);
  const withPeriod = facts.filter((f) => periodOf(f));
  const vague = facts.filter((f) => f.retention?.vague || (!periodOf(f) && POLICY_REFERENCE.test(f.sentence)));
  const add =
    'State the retention period for each kind of record and when it starts (e.g. "We keep your records for 6 years after your last contact with the service"), not only a reference to the retention policy; if you keep the reference, link the published schedule.';
  if (withPeriod.length) {
    const found = unique(
      withPeriod.map((f) => {
        const r = f.retention;
        const period = periodOf(f)!;
        const trigger = r?.trigger ? ` ${r.trigger}` : '';
        // A record type read from past the end of the first sentence ("… for further information") is not one.
        const at = r?.recordType ? f.sentence.indexOf(r.recordType) : -1;
        const firstStop = f.sentence.search(/[.!?]\s/);
        const usable = r?.recordType && at >= 0 && (firstStop < 0 || at < firstStop) && !trigger.includes(r.recordType);
        const what = usable ? ` — ${r.recordType}` : '';
        return `${period}${trigger}${what}`;
      }),
    );
    const also = vague.length ? ` Also refers to a policy: "${clip(vague[0]!.sentence, 110)}" — link it.` : '';
    return item(id, art, label, 'stated', `Periods stated: ${found.join('; ')}.${also}`, cite(withPeriod, 3, 8), {
      found,
    });
  }
  if (facts.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'No retention period is given — only a reference to a policy or a general statement.',
      cite([...vague, ...facts], 2),
      {
        recommendation: add,
      },
    );
  }
  return item(id, art, label, 'missing', 'The notice does not say how long information is kept.', [], {
    recommendation: add,
  });
}

export function dataCategories(ctx: Ctx): AuditItem {
  const [id, art, label] = ['data-categories', '14(1)(d)', 'Categories of personal data'] as const;
  const facts = ctx.all.filter(
    (f) =>
      f.topic === 'data-collected' &&
      f.kind === 'data-category' &&
      !/\b(?:act|regulations?)\b[^.]*\d{4}/i.test(f.sentence),
  );
  if (facts.length) {
    return item(
      id,
      art,
      label,
      'stated',
      `Categories of data listed (${unique(facts.map((f) => f.order)).length}).`,
      cite(facts, 2),
    );
  }
  return item(id, art, label, 'missing', 'The notice does not say what information it holds.', [], {
    recommendation:
      'Add a "What information we collect" list (e.g. name and contact details, date of birth, case notes; and any special category data such as health or ethnicity).',
  });
}

export function sources(ctx: Ctx): AuditItem {
  const [id, art, label] = [
    'sources',
    '14(2)(f)',
    'Where the information comes from (when not from the person)',
  ] as const;
  const fromOthers =
    /\b(?:receive|obtain|get|collect)(?:s|ed)? (?:personal )?(?:your )?information (?:about you )?from\b|\bfrom (?:other sources|your school|schools?\b|referral|partner|other (?:organisations|agencies|professionals|services))|\breferrals? (?:from|partners?)\b|\b(?:professionals?|people|others|agencies|organisations)\b[^.]*\b(?:tell|told) us\b|\bother sources\b/i;
  const selfOnly = /\byou provide\b|\byou give\b|\bfrom you\b|\bvoluntary\b/i;
  const facts = ctx.facts.filter(
    (f) =>
      (f.topic === 'sources' &&
        !selfOnly.test(f.sentence) &&
        (fromOthers.test(f.leadIn ?? '') || fromOthers.test(f.sentence) || /\breferr|\bpartner/i.test(f.sentence))) ||
      fromOthers.test(f.sentence),
  );
  if (!facts.length) {
    return item(
      id,
      art,
      label,
      'not-applicable',
      'The notice does not indicate that information comes from anyone but the person.',
      [],
    );
  }
  return item(id, art, label, 'stated', 'Sources other than the person are named.', cite(facts, 2));
}
