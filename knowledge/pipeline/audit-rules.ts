/**
 * Transparency audit for the Data Protection Officer: for each notice, which UK GDPR Article 13/14 items it
 * states, leaves vague or omits, with the published sentence as evidence or a concrete "what to add".
 *
 * Pure: reads the built knowledge base, no I/O. The rules read the published sentences as well as the
 * pipeline's topics, so a sentence the pipeline files under a neighbouring topic is still found.
 */
import type { Citation, Fact, KnowledgeBase, Notice } from '#core/knowledge-schema.ts';

export type ItemStatus = 'stated' | 'vague' | 'missing' | 'not-applicable';

export const AUDIT_ITEMS = [
  'controller',
  'dpo',
  'purposes',
  'lawful-basis',
  'special-category-condition',
  'legitimate-interests',
  'recipients',
  'international-transfers',
  'retention',
  'rights',
  'withdraw-consent',
  'complain-to-ico',
  'requirement-to-provide',
  'automated-decisions',
  'data-categories',
  'sources',
  'sar-route',
] as const;
export type AuditItemId = (typeof AUDIT_ITEMS)[number];

export const SIX_RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'object'] as const;
export type AuditedRight = (typeof SIX_RIGHTS)[number];

export interface Evidence {
  section: string;
  /** The sentence as published (for a list: the sentence introducing it). */
  sentence: string;
  /** For a list: the items quoted. */
  items?: string[];
  note?: string;
}

/** Where a value missing from this notice's published text was recovered from (notice null: the council registry). */
export interface RecoveredFrom {
  /** sibling: another notice of the same council; registry: knowledge/councils.yaml, not a published notice. */
  relation: 'this-notice' | 'sibling' | 'other-council' | 'registry';
  notice: string | null;
  section?: string;
  sentence?: string;
  value: string;
}

export interface AuditItem {
  id: AuditItemId;
  /** UK GDPR provision ("13(1)(b)"). */
  article: string;
  label: string;
  status: ItemStatus;
  /** One line for the DPO: what was found, or why it is vague, missing or not applicable. */
  summary: string;
  evidence: Evidence[];
  /** What to add or change in the published notice (for vague and missing items). */
  recommendation?: string;
  /** Values found: retention periods, lawful bases, rights named, sources. */
  found?: string[];
  /** Values expected but not found (rights not named). */
  absent?: string[];
  recoveredFrom?: RecoveredFrom;
}

export interface BrokenSentence {
  /** filled: a stripped contact was filled in from elsewhere; cut: the broken tail was cut; dropped: the sentence was unusable and left out. */
  kind: 'filled' | 'cut' | 'dropped';
  section: string;
  /** The sentence as published; null for a dropped sentence (the knowledge base does not keep it). */
  sentence: string | null;
  /** What the assistant answers with instead. */
  text?: string;
  /** For a dropped sentence: the published sentence just before it. */
  after?: string;
  recoveredFrom?: RecoveredFrom;
  recommendation: string;
}

export interface AuditScore {
  /** Items that apply to this notice (all but not-applicable). */
  applicable: number;
  stated: number;
  vague: number;
  missing: number;
  notApplicable: number;
}

export interface NoticeAudit {
  notice: string;
  council: string;
  councilName: string;
  title: string;
  service: string;
  score: AuditScore;
  items: AuditItem[];
  broken: BrokenSentence[];
}

export interface AuditReport {
  notices: NoticeAudit[];
}

// ---------------------------------------------------------------- text cues

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /(?<![\d.])(?:\+44\s?|0)(?:\d\s?){9,10}(?!\d)/;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
const WEB = /\b(?:https?:\/\/\S+|www\.\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov|org|co|nhs|ac)\.uk\b\S*)/i;
const ONLINE_FORM = /\bonline form\b/i;

/** "This notice will tell you: …", "This privacy notice advises you on: …": a list of what follows, not a statement. */
const SIGNPOST =
  /\b(?:this|the) (?:privacy )?notice (?:will )?(?:tells?|advises?|explains?|sets? out|covers?|describes?)\b|\badvises you on\b|^(?:table of )?contents$/i;
const ICO = /information commissioner|\bICO\b|supervisory authority/i;
const DPO = /data protection officer|\bDPO\b/i;
const RIGHTS_CONTEXT = /\brights? (?:to|of)\b|\bthe rights\b|\byour rights\b/i;
const SPECIAL_CONTEXT = /\barticles? 9\b|\bspecial categor|\bsensitive\b|\bschedule 1\b/i;

const ART6: [string, RegExp][] = [
  ['consent (Art. 6(1)(a))', /\barticle 6 ?\(1\) ?\(a\)|\bconsent\b/i],
  [
    'contract (Art. 6(1)(b))',
    /\barticle 6 ?\(1\) ?\(b\)|\bperformance of a contract\b|\bnecessary for (?:a|the|our) contract\b/i,
  ],
  ['legal obligation (Art. 6(1)(c))', /\barticle 6 ?\(1\) ?\(c\)|\blegal obligations?\b/i],
  ['vital interests (Art. 6(1)(d))', /\barticle 6 ?\(1\) ?\(d\)|\bvital interests?\b/i],
  [
    'public task (Art. 6(1)(e))',
    /\barticle 6 ?\(1\) ?\(e\)|\bpublic task\b|(?<!substantial )\bpublic interest\b|\bofficial authority\b/i,
  ],
  ['legitimate interests (Art. 6(1)(f))', /\barticle 6 ?\(1\) ?\(f\)|\blegitimate interests?\b/i],
];

const ART9: [string, RegExp][] = [
  ['explicit consent (Art. 9(2)(a))', /\b9 ?\(2\) ?\(a\)|\bexplicit consent\b/i],
  [
    'employment, social security and social protection (Art. 9(2)(b))',
    /\b9 ?\(2\) ?\(b\)|\bemployment, social security\b/i,
  ],
  ['vital interests (Art. 9(2)(c))', /\b9 ?\(2\) ?\(c\)/i],
  ['legal claims (Art. 9(2)(f))', /\b9 ?\(2\) ?\(f\)|\blegal claims\b/i],
  ['substantial public interest (Art. 9(2)(g))', /\b9 ?\(2\) ?\(g\)|\bsubstantial public interest\b/i],
  [
    'health or social care (Art. 9(2)(h))',
    /\b9 ?\(2\) ?\(h\)|\b9 ?\(2\) ?\([a-g]\) and \(h\)|\bhealth (?:and|or) social care\b/i,
  ],
  ['public health (Art. 9(2)(i))', /\b9 ?\(2\) ?\(i\)|\bpublic health\b/i],
  ['archiving, research or statistics (Art. 9(2)(j))', /\b9 ?\(2\) ?\(j\)|\barchiving\b/i],
  ['DPA 2018 Schedule 1 condition', /\bschedule 1\b/i],
];

const RIGHT_CUES: Record<AuditedRight, RegExp> = {
  access:
    /\bsubject access\b|\bright (?:of|to) (?:request )?access\b|\brequest access\b|\bsee what information\b|\bcopy of (?:the|your)\b|\baccess (?:to )?(?:the )?(?:information|your (?:personal )?data|their personal data)\b|\brequest information about yourself\b/i,
  rectification: /\brectif|\bcorrect any mistakes\b|\binaccurate\b/i,
  erasure: /\beras(?:e|ed|ure)\b|\bforgotten\b|\bdelete (?:the )?(?:information|your|personal)/i,
  restriction: /\brestrict|\bsuppression\b|\bstop us using\b/i,
  portability: /\bportability\b|\btransferred electronically\b/i,
  object: /\bobject\b/i,
};

const PERIOD =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s+(?:years?|months?|weeks?|days?)\b/i;
const RETENTION_CUE =
  /\bretain(?:ed)?\b|\bretention\b|\bheld for\b|\bkept for\b|\bkeep (?:your|it|the|this)\b|\bhow long\b|\b(?:deleted|destroyed|disposed|archived)\b/i;
const POLICY_REFERENCE = /\bpolic(?:y|ies)\b|\bguidelines?\b|\bschedules?\b|\bguidance\b|\bleaflet\b/i;

// ---------------------------------------------------------------- helpers

interface Ctx {
  notice: Notice;
  kb: KnowledgeBase;
  councilName: string;
  /** Facts worth citing: no signposts, one per published sentence (the first topic the pipeline gave it). */
  facts: Fact[];
  /** Every fact but signposts, including a sentence's second topic. */
  all: Fact[];
}

function isSignpost(fact: Fact): boolean {
  return SIGNPOST.test(fact.section) || SIGNPOST.test(fact.leadIn ?? '') || SIGNPOST.test(fact.sentence);
}

function test(re: RegExp, text: string): boolean {
  return new RegExp(re.source, re.flags.replace('g', '')).test(text);
}

/** Contact channels the published sentence itself gives (not ones the pipeline filled in), ICO's left out. */
function ownChannels(sentence: string): { email: string[]; phone: boolean; address: boolean; web: boolean } {
  const emails = (sentence.match(EMAIL) ?? []).filter((e) => !/ico\.org\.uk$/i.test(e));
  const withoutIco = sentence.replace(/\S*ico\.org\.uk\S*/gi, ' ');
  return {
    email: emails,
    phone: !ICO.test(sentence) && PHONE.test(sentence),
    address: POSTCODE.test(sentence) && !/wilmslow|SK9 5AF/i.test(sentence),
    web: WEB.test(withoutIco.replace(EMAIL, ' ')),
  };
}

function hasOwnChannel(sentence: string): boolean {
  const c = ownChannels(sentence);
  return c.email.length > 0 || c.phone || c.address || c.web || ONLINE_FORM.test(sentence);
}

function byOrder(facts: Fact[]): Fact[] {
  return [...facts].sort((a, b) => a.order - b.order);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Cites facts in the order given (callers pass the most telling first); consecutive items of one list become one piece of evidence. */
function cite(facts: Fact[], limit = 3, itemLimit = 6): Evidence[] {
  const seen = new Set<number>();
  const ordered = facts.filter((f) => !seen.has(f.order) && seen.add(f.order));
  const out: Evidence[] = [];
  let list: { evidence: Evidence; all: string[]; leadIn: string; section: string } | undefined;
  const flush = () => {
    if (!list) return;
    const extra = list.all.length - itemLimit;
    list.evidence.items = list.all.slice(0, itemLimit);
    if (extra > 0) list.evidence.note = `and ${extra} more`;
    list = undefined;
  };
  for (const fact of ordered) {
    if (fact.leadIn && list && list.leadIn === fact.leadIn && list.section === fact.section) {
      list.all.push(fact.sentence);
      continue;
    }
    flush();
    if (out.length >= limit) break;
    if (fact.leadIn) {
      const evidence: Evidence = { section: fact.section, sentence: fact.leadIn };
      list = { evidence, all: [fact.sentence], leadIn: fact.leadIn, section: fact.section };
      out.push(evidence);
    } else {
      out.push({ section: fact.section, sentence: fact.sentence });
    }
  }
  flush();
  return out;
}

function recoveredOf(fact: Fact, notice: Notice, kb: KnowledgeBase): RecoveredFrom | undefined {
  if (fact.repair?.kind !== 'filled') return undefined;
  const inserted = (fact.text.match(EMAIL) ?? []).find((e) => !fact.sentence.includes(e));
  const fromContacts = fact.contacts?.map((c) => c.email).find((e) => e && !fact.sentence.includes(e));
  const value = fromContacts ?? inserted ?? fact.text;
  const from: Citation | undefined = fact.repair.from;
  if (!from) return { relation: 'registry', notice: null, value };
  const council = kb.notices.find((n) => n.id === from.notice)?.council;
  const relation = from.notice === notice.id ? 'this-notice' : council === notice.council ? 'sibling' : 'other-council';
  return { relation, notice: from.notice, section: from.section, sentence: from.sentence, value };
}

/** "only in the sibling notice kent-connect-to-work (§ Who to contact)". */
function recoveredPhrase(r: RecoveredFrom): string {
  switch (r.relation) {
    case 'registry':
      return 'found only in the council registry, not in any published notice';
    case 'this-notice':
      return `given elsewhere in this notice (§ ${r.section})`;
    case 'sibling':
      return `found only in the sibling notice ${r.notice} (§ ${r.section})`;
    case 'other-council':
      return `found only in another council's notice, ${r.notice} (§ ${r.section})`;
  }
}

function item(
  id: AuditItemId,
  article: string,
  label: string,
  status: ItemStatus,
  summary: string,
  evidence: Evidence[],
  extra: Partial<Pick<AuditItem, 'recommendation' | 'found' | 'absent' | 'recoveredFrom'>> = {},
): AuditItem {
  const out: AuditItem = { id, article, label, status, summary, evidence };
  return Object.assign(out, Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)));
}

/** The best contact the council publishes for data protection, to suggest in a recommendation. */
function knownDpoContact(ctx: Ctx): string | undefined {
  for (const fact of ctx.facts) {
    if (!DPO.test(fact.sentence)) continue;
    const email = ownChannels(fact.sentence).email[0];
    if (email) return email;
  }
  const council = ctx.kb.councils.find((c) => c.id === ctx.notice.council);
  return council?.dpo?.email ?? council?.dpo?.phone;
}

// ---------------------------------------------------------------- the items

function controller(ctx: Ctx): AuditItem {
  const [id, art, label] = ['controller', '13(1)(a)', 'Controller identity and contact details'] as const;
  const named = ctx.facts.filter((f) => /\b(?:data )?controller\b|\baccountable body\b/i.test(f.sentence));
  const channels = ctx.facts.filter((f) => !ICO.test(f.sentence) && hasOwnChannel(f.sentence));
  const add = `State who the controller is and how to reach it, e.g. "${ctx.councilName} is the data controller for the personal information described in this notice", with its postal address and a contact email or phone number.`;
  if (!named.length) {
    return item(id, art, label, 'missing', 'The notice never says who the data controller is.', [], {
      recommendation: add,
    });
  }
  if (!channels.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'The controller is named, but the notice gives no address, email or phone for it.',
      cite(named, 2),
      {
        recommendation: `Give the controller's contact details (postal address and an email or phone number) next to "${named[0]!.sentence}".`,
      },
    );
  }
  return item(id, art, label, 'stated', 'Controller named, with contact details in the notice.', cite(named, 2));
}

function dpo(ctx: Ctx): AuditItem {
  const [id, art, label] = ['dpo', '13(1)(b)', 'Data Protection Officer contact details'] as const;
  const mentions = ctx.facts.filter((f) => DPO.test(f.sentence) || f.contacts?.some((c) => c.role === 'dpo'));
  const reachable = mentions.filter((f) => {
    const c = ownChannels(f.sentence);
    return DPO.test(f.sentence) && (c.email.length > 0 || c.phone);
  });
  const byPost = mentions.filter((f) => DPO.test(f.sentence) && ownChannels(f.sentence).address);
  const filled = mentions.filter((f) => f.repair?.kind === 'filled' && DPO.test(f.sentence));
  const recovered = filled
    .map((f) => recoveredOf(f, ctx.notice, ctx.kb))
    .find((r) => r && r.relation !== 'this-notice');
  const suggestion = recovered?.value ?? knownDpoContact(ctx);
  const add = `Give the DPO's contact details in this notice, e.g. "You can contact our Data Protection Officer at ${suggestion ?? '<email>'}"${suggestion ? '' : ' (the council has not published one anywhere the pipeline can see)'}.`;

  if (reachable.length) {
    const found = unique(reachable.flatMap((f) => ownChannels(f.sentence).email));
    return item(
      id,
      art,
      label,
      'stated',
      `DPO contact given in this notice${found.length ? `: ${found.join(', ')}` : ''}.`,
      cite(reachable, 2),
      {
        found,
      },
    );
  }
  if (recovered) {
    const post = byPost.length ? 'Only a postal address survives in the published text; ' : '';
    return item(
      id,
      art,
      label,
      'vague',
      `${post}the DPO's email was stripped from the published sentence; ${recovered.value} is ${recoveredPhrase(recovered)}.`,
      cite(filled, 2),
      {
        recommendation: `Restore the DPO's email in the published sentence ("You can contact our Data Protection Officer, …, at ${recovered.value}"), or give it in a separate line.`,
        recoveredFrom: recovered,
      },
    );
  }
  if (byPost.length) {
    return item(id, art, label, 'stated', 'DPO contact given in this notice (postal address only).', cite(byPost, 2), {
      recommendation: `Add an email or phone number for the DPO. ${add}`,
    });
  }
  if (mentions.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'The DPO is mentioned, but no email, phone or address for the DPO is given.',
      cite(mentions, 2),
      {
        recommendation: add,
      },
    );
  }
  return item(id, art, label, 'missing', 'The notice does not mention a Data Protection Officer.', [], {
    recommendation: add,
  });
}

function purposes(ctx: Ctx): AuditItem {
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

interface Bases {
  art6: Map<string, Fact[]>;
  art9: Map<string, Fact[]>;
  candidates: Fact[];
}

function basesOf(ctx: Ctx): Bases {
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

function lawfulBasis(ctx: Ctx, bases: Bases): AuditItem {
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

function specialCondition(ctx: Ctx, bases: Bases): AuditItem {
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

function legitimateInterests(ctx: Ctx, bases: Bases): AuditItem {
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

function recipients(ctx: Ctx): AuditItem {
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

function international(ctx: Ctx): AuditItem {
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

function retention(ctx: Ctx): AuditItem {
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

function rights(ctx: Ctx): AuditItem {
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

function withdrawConsent(ctx: Ctx, bases: Bases): AuditItem {
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

function complainToIco(ctx: Ctx): AuditItem {
  const [id, art, label] = ['complain-to-ico', '13(2)(d)', 'Right to complain to the ICO'] as const;
  const ico = ctx.facts.filter((f) => ICO.test(`${f.leadIn ?? ''} ${f.sentence}`));
  const complain = ico.filter((f) => /\bcomplain|\bconcerns?\b|\blodge\b/i.test(`${f.leadIn ?? ''} ${f.sentence}`));
  const add =
    'Add: "You have the right to complain to the Information Commissioner\'s Office (ICO): ico.org.uk/make-a-complaint, 0303 123 1113."';
  if (complain.length) return item(id, art, label, 'stated', 'Right to complain to the ICO stated.', cite(complain, 2));
  if (ico.length) {
    return item(id, art, label, 'vague', 'The ICO is mentioned, but not as somewhere to complain.', cite(ico, 1), {
      recommendation: add,
    });
  }
  return item(id, art, label, 'missing', 'The notice does not mention the right to complain to the ICO.', [], {
    recommendation: add,
  });
}

function requirement(ctx: Ctx): AuditItem {
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

function automatedDecisions(ctx: Ctx): AuditItem {
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

function dataCategories(ctx: Ctx): AuditItem {
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

function sources(ctx: Ctx): AuditItem {
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

function sarRoute(ctx: Ctx): AuditItem {
  const [id, art, label] = ['sar-route', 'Art. 15', 'How to ask for a copy (subject access request route)'] as const;
  const cue =
    /\bsubject access\b|\bcopy of (?:the|your)\b|\bexercise (?:a|any|your|these|this|any of (?:your|these)) rights?\b|\brequest access\b|\bmake (?:a|this|the) request\b|\bsee what information\b|\baccess your (?:personal|educational)\b|\brequest information about yourself\b/i;
  const candidates = ctx.facts.filter(
    (f) =>
      !ICO.test(f.sentence) &&
      (f.topic === 'access-request' ||
        f.rights?.includes('access') ||
        cue.test(f.sentence) ||
        cue.test(f.leadIn ?? '')),
  );
  const routed = candidates.filter(
    (f) => (cue.test(f.sentence) || cue.test(f.leadIn ?? '')) && hasOwnChannel(f.sentence),
  );
  const filled = candidates.filter(
    (f) => f.repair?.kind === 'filled' && (cue.test(f.sentence) || cue.test(f.leadIn ?? '')),
  );
  const firstRecovered = filled.length ? recoveredOf(filled[0]!, ctx.notice, ctx.kb) : undefined;
  const contact = firstRecovered?.value ?? knownDpoContact(ctx);
  const add = `Say how to ask for a copy of your information: who to contact and how (e.g. "To make a subject access request, email ${contact ?? '<address>'} or write to <address>"), and that it is free and answered within one month.`;
  if (routed.length)
    return item(id, art, label, 'stated', 'Says how to make a subject access request.', cite(routed, 2));
  if (filled.length) {
    const recovered = firstRecovered;
    return item(
      id,
      art,
      label,
      'vague',
      `The route to make a request lost its contact in the published text${recovered ? `; ${recovered.value} is ${recoveredPhrase(recovered)}` : ''}.`,
      cite(filled, 2),
      { recommendation: `Restore the stripped contact in the published sentence. ${add}`, recoveredFrom: recovered },
    );
  }
  if (candidates.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'Names the right of access but does not say how to make a request.',
      cite(candidates, 2),
      {
        recommendation: add,
      },
    );
  }
  return item(id, art, label, 'missing', 'Does not say how to ask for a copy of your information.', [], {
    recommendation: add,
  });
}

// ---------------------------------------------------------------- broken text

function brokenSentences(notice: Notice, kb: KnowledgeBase): BrokenSentence[] {
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

// ---------------------------------------------------------------- entry points

export function auditNotice(notice: Notice, kb: KnowledgeBase): NoticeAudit {
  const all = notice.facts.filter((f) => !isSignpost(f));
  const seen = new Set<number>();
  const facts = all.filter((f) => !seen.has(f.order) && seen.add(f.order));
  const councilName = kb.councils.find((c) => c.id === notice.council)?.name ?? notice.council;
  const ctx: Ctx = { notice, kb, councilName, facts, all };
  const bases = basesOf(ctx);
  const items = [
    controller(ctx),
    dpo(ctx),
    purposes(ctx),
    lawfulBasis(ctx, bases),
    specialCondition(ctx, bases),
    legitimateInterests(ctx, bases),
    recipients(ctx),
    international(ctx),
    retention(ctx),
    rights(ctx),
    withdrawConsent(ctx, bases),
    complainToIco(ctx),
    requirement(ctx),
    automatedDecisions(ctx),
    dataCategories(ctx),
    sources(ctx),
    sarRoute(ctx),
  ];
  const count = (status: ItemStatus) => items.filter((i) => i.status === status).length;
  const notApplicable = count('not-applicable');
  return {
    notice: notice.id,
    council: notice.council,
    councilName,
    title: notice.title,
    service: notice.service,
    score: {
      applicable: items.length - notApplicable,
      stated: count('stated'),
      vague: count('vague'),
      missing: count('missing'),
      notApplicable,
    },
    items,
    broken: brokenSentences(notice, kb),
  };
}

export function auditKnowledgeBase(kb: KnowledgeBase): AuditReport {
  return { notices: kb.notices.map((notice) => auditNotice(notice, kb)) };
}

// ---------------------------------------------------------------- plain-text report

const MARK: Record<ItemStatus, string> = { stated: '✔', vague: '~', missing: '✘', 'not-applicable': '–' };

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function scoreLine(score: AuditScore): string {
  const na = score.notApplicable ? ` (${score.notApplicable} not applicable)` : '';
  return `${score.stated}/${score.applicable} stated, ${score.vague} vague, ${score.missing} missing${na}`;
}

export function formatNoticeAudit(audit: NoticeAudit): string {
  const lines: string[] = [];
  lines.push(`## ${audit.service} — ${audit.notice} (${audit.councilName})`, '');
  lines.push(`Score: ${scoreLine(audit.score)}`, '');
  for (const it of audit.items) {
    lines.push(`${MARK[it.status]} ${it.article} ${it.label}: ${it.summary}`);
    for (const ev of it.evidence) {
      const items = ev.items?.length ? ` ${ev.items.map((i) => `• ${clip(i, 80)}`).join(' ')}` : '';
      const note = ev.note ? ` (${ev.note})` : '';
      lines.push(`    "${clip(ev.sentence, 200)}"${items}${note} — § ${ev.section}`);
    }
    if (it.recommendation) lines.push(`    → What to add: ${it.recommendation}`);
  }
  lines.push('');
  if (!audit.broken.length) {
    lines.push('Broken sentences: none found.');
  } else {
    lines.push(`Broken sentences to fix in the published notice (${audit.broken.length}):`);
    for (const b of audit.broken) {
      if (b.kind === 'dropped') {
        lines.push(`  ! dropped — § ${b.section}: after "${clip(b.after ?? '', 120)}"`);
      } else {
        lines.push(`  ! ${b.kind} — § ${b.section}: "${clip(b.sentence ?? '', 200)}"`);
        if (b.kind === 'filled' && b.recoveredFrom)
          lines.push(`      the assistant fills in ${b.recoveredFrom.value}, ${recoveredPhrase(b.recoveredFrom)}`);
        if (b.kind === 'cut') lines.push(`      the assistant only uses: "${clip(b.text ?? '', 160)}"`);
      }
      lines.push(`      → ${b.recommendation}`);
    }
  }
  return lines.join('\n');
}

export function formatAuditReport(report: AuditReport): string {
  const lines = ['# Privacy notice transparency audit (UK GDPR Articles 13 and 14)', ''];
  lines.push('✔ stated · ~ vague or incomplete · ✘ missing · – not applicable', '');
  lines.push('| notice | council | score | broken sentences |', '| --- | --- | --- | --- |');
  for (const n of report.notices)
    lines.push(`| ${n.notice} | ${n.councilName} | ${scoreLine(n.score)} | ${n.broken.length} |`);
  lines.push('');
  for (const n of report.notices) lines.push(formatNoticeAudit(n), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
