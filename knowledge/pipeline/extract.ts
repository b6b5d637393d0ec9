/** Structured fields pulled out of one sentence or list item: retention rules, contacts, rights, bases, acts. */
import type { Contact, RightKind, Retention } from '#core/knowledge-schema.ts';
import { EMAIL, PHONE, POSTCODE, URL, squash } from './text.ts';

/** Numbers notices write as words ("three years"). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
};
const NUMBER = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
const PERIOD = new RegExp(
  `\\b((?:up to|at least|a (?:maximum|minimum) of|a period of)\\s+)?${NUMBER}\\s+(years?|months?|weeks?|days?)\\b`,
  'i',
);
const DURATION_PHRASE =
  /\b(?:for|during) the (?:period|time|duration|length)(?: of time)? (?:that )?(?:you|we)\b[^.,;]*/i;
const TRIGGER = /^\s*(?:from|after|following|since|of)\s+[^,.;()]+?(?=\s+for\b|\s*[,.;()]|$)/i;
const VAGUE =
  /\b(?:in line with|in accordance with|according to)\b[^.]*\b(?:polic(?:y|ies)|guidelines?|schedules?|guidance)\b|\bretention (?:policy|schedule)\b/i;
const MONTHS_PER: Record<string, number> = { year: 12, month: 1, week: 12 / 52, day: 12 / 365 };

export function extractRetention(text: string): Retention | undefined {
  const period = PERIOD.exec(text);
  const duration = period ? null : DURATION_PHRASE.exec(text);
  const vague = !period && !duration && VAGUE.test(text);
  const indefinite = !period && !duration && /\bindefinitely\b/i.test(text);
  if (!period && !duration && !vague && !indefinite) return undefined;

  let months: number | null = null;
  let stated: string | null = null;
  let trigger: string | null = null;
  if (period) {
    const amount = /^\d+$/.test(period[2]!) ? Number(period[2]) : NUMBER_WORDS[period[2]!.toLowerCase()]!;
    const unit = period[3]!.toLowerCase().replace(/s$/, '');
    months = Math.round(amount * MONTHS_PER[unit]! * 100) / 100;
    stated = squash(period[0]);
    trigger = TRIGGER.exec(text.slice(period.index + period[0].length))?.[0].trim() ?? null;
  } else if (duration) {
    stated = squash(duration[0]);
  } else if (indefinite) {
    stated = 'indefinitely';
  }
  return { recordType: recordTypeOf(text, period?.index ?? -1), period: stated, months, trigger, vague };
}

/** What a retention rule covers: "100 years for adoption records", "Young Carers personal information will be held for…". */
function recordTypeOf(text: string, periodAt: number): string | null {
  const clean = (s: string | undefined) => {
    const value = squash((s ?? '').replace(/^(?:the|all|any)\s+/i, '').replace(/[.,;:]+$/, ''));
    return value &&
      !/^(?:your|my|our|this|the|their)?\s*(?:personal )?(?:information|data|details|record|records)$/i.test(value) &&
      value.split(' ').length <= 10
      ? value
      : null;
  };
  const after = periodAt >= 0 ? text.slice(periodAt) : '';
  const leadingFor = /^\s*for ([^,]+),/i.exec(text);
  if (leadingFor) return clean(leadingFor[1]);
  // A table row: "Housing applications — 6 years after the application is closed".
  const row = /^([^—]{2,60}?)\s+—\s+/.exec(text);
  if (row && periodAt > row.index) return clean(row[1]);
  const forWhat = /\b(?:years?|months?)\b(?:\s+(?:from|after)\s+[^(),]+?)?\s+for\s+([^,.;]+?)(?:\s*\(|[,.;]|$)/i.exec(
    after,
  );
  if (forWhat) return clean(forWhat[1]);
  const subject =
    /^\s*([^,.;]+?)\s+(?:will|may|are|is|shall)\s+(?:be\s+)?(?:held|kept|retained|deleted|destroyed|stop|stored|disposed)/i.exec(
      text,
    );
  if (subject) return clean(subject[1]);
  const parenthetical = /\(([^)]+)\)\s*$/.exec(text);
  return parenthetical ? clean(parenthetical[1]) : null;
}

const RIGHT_PATTERNS: [RightKind, RegExp][] = [
  ['access', /\bsubject access\b|\b(?:right (?:to|of) )?access\b|\bsee what information\b|\bcopy of\b/i],
  [
    'rectification',
    /\brectif|\bcorrect (?:any mistakes|it|them|your)\b|\binaccurate\b|\b(?:have|get) (?:it|them|your \w+) (?:corrected|amended|updated)\b/i,
  ],
  [
    'erasure',
    /\b(?:have|get) (?:it|them|your \w+) (?:deleted|erased|removed)\b|\berase|\berasure\b|\bforgotten\b|\bdelete (?:information|your (?:record|records|data|information|details))\b|\b(?:ask|asking|request) (?:for |us )?(?:your |the )?(?:\w+ )?(?:to be )?(?:deleted|erased)\b|\bto be (?:deleted|erased)\b|\bask us to (?:delete|erase)\b|\b(?:ask us to )?(?:close|cancel) your (?:application|account|registration)\b/i,
  ],
  ['restriction', /\brestrict|\bsuppression\b|\bstop us using\b/i],
  ['portability', /\bportability\b|\btransferred electronically\b/i],
  [
    'automated-decisions',
    // "…so no decision about your application is made by a computer alone", "calculated by our charging software".
    /\bautomated (?:decision|means)|\bprofiling\b|\bdecisions being made that significantly\b|\bmade by (?:a |the )?(?:computer|software|system)\b|\b(?:marked|calculated|scored|sorted|worked out) (?:automatically|by (?:a |the |our )?(?:\w+ )?(?:computer|software|system))\b/i,
  ],
  ['object', /\bobject\b/i],
  ['withdraw-consent', /\bwithdraw\b/i],
  ['complain', /\bcomplain/i],
  ['informed', /\b(?:be )?informed\b|\bknow what we are doing\b/i],
];

export function extractRights(text: string): RightKind[] {
  return RIGHT_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([right]) => right);
}

const BASES: [string, RegExp][] = [
  ['consent', /\barticle 6 ?\(1\) ?\(a\)|\bconsent\b/i],
  ['contract', /\barticle 6 ?\(1\) ?\(b\)|\bperformance of a contract\b/i],
  ['legal obligation', /\barticle 6 ?\(1\) ?\(c\)|\blegal obligations?\b/i],
  ['vital interests', /\barticle 6 ?\(1\) ?\(d\)|\bvital interests?\b/i],
  ['public task', /\barticle 6 ?\(1\) ?\(e\)|(?<!substantial )\bpublic (?:task|interest)\b/i],
  ['legitimate interests', /\barticle 6 ?\(1\) ?\(f\)|\blegitimate interests?\b/i],
  ['substantial public interest', /\barticle 9 ?\(2\) ?\(g\)|\bsubstantial public interest\b/i],
  ['employment and social protection', /\barticle 9 ?\(2\) ?\(b\)/i],
  ['health and social care', /\barticle 9 ?\(2\) ?\(h\)|\bhealth and social care\b/i],
  ['archiving, research and statistics', /\barticle 9 ?\(2\) ?\(j\)/i],
];

export function extractBases(text: string): string[] {
  return BASES.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

const ACT =
  /\b((?:the )?(?:[A-Z][\w'&()-]*(?:,)? (?:(?:and|of|for|to|on|with|in) )*){1,10}(?:Act|Regulations?)(?: \d{4}(?: and \d{4})?)?)(?: \((?:DPA|[A-Z]{2,})\))?/g;

export function extractActs(text: string): string[] {
  const acts = new Set<string>();
  for (const match of text.matchAll(ACT)) {
    const name = squash(match[1]!.replace(/^the /i, ''));
    if (/\d{4}/.test(name) && name.split(' ').length >= 2) acts.add(name);
  }
  return [...acts];
}

const SPECIAL =
  /\bspecial categor|\bsensitive\b|\bethnic|\breligio|\bhealth\b|\bmedical\b|\bdisabilit|\bsexual orientation\b|\bbiometric\b|\bgenetic\b|\bpolitical\b|\btrade union\b|\bcriminal\b/i;

export function isSpecialCategory(text: string): boolean {
  return SPECIAL.test(text);
}

const NOT_A_NAME =
  /\b(?:Council|Offices?|House|Street|Road|Lane|Avenue|Team|Centre|Center|Hall|Building|Department|Service|Services|Data|Protection|Information|Governance|Email|Phone|Post)\b/;

/** Contact details in a sentence, with the role the sentence gives them. */
export function extractContact(text: string): Contact | undefined {
  const emails = [...text.matchAll(EMAIL)].map((m) => m[0]);
  const withoutEmails = text.replace(EMAIL, ' ');
  const urls = [...withoutEmails.matchAll(URL)].map((m) => m[0].replace(/[.,;]+$/, ''));
  const phones = [...text.matchAll(PHONE)].map((m) => squash(m[0]));
  const postcode = POSTCODE.exec(text);
  let address: string | undefined;
  if (postcode) {
    const lead = /(?:write to|write or telephone|address|post)\s*[:;-]?\s*/i.exec(text);
    const from =
      lead && lead.index < postcode.index
        ? lead.index + lead[0].length
        : Math.max(0, text.lastIndexOf(':', postcode.index) + 1);
    address = squash(text.slice(from, postcode.index + postcode[0].length)).replace(/^(?:to|the)\s+/i, '');
  }
  if (!emails.length && !urls.length && !phones.length && !address) return undefined;

  const lower = text.toLowerCase();
  const role: Contact['role'] = /information commissioner|\bico\b|ico\.org|supervisory authority/.test(lower)
    ? 'ico'
    : /data protection officer|\bdpo\b/.test(lower)
      ? 'dpo'
      : /data protection|information governance|information management|privacy/.test(lower) ||
          emails.some((e) => /data.?protection|information|privacy/i.test(e))
        ? 'data-protection-team'
        : /subject access|request access|make (?:a|this) request/.test(lower)
          ? 'sar'
          : /complain/.test(lower)
            ? 'complaints'
            : // "contact the Revenues Team": the service's own team, not its data protection people.
              /\bteam\b/.test(lower)
              ? 'service'
              : 'council';
  const candidate =
    /(?:Officer|DPO)(?: is|,)\s+([A-Z][a-z]+ [A-Z][a-z]+)/.exec(text)?.[1] ??
    /^([A-Z][a-z]+ [A-Z][a-z]+):/.exec(text)?.[1] ??
    /\bTel\.?\s+([A-Z][a-z]+ [A-Z][a-z]+)\b/.exec(text)?.[1];
  // "Data Protection Officer, Council Offices" names a place, not a person.
  const person = candidate && !NOT_A_NAME.test(candidate) ? candidate : undefined;
  const name = /\b((?:[A-Z][a-z]+ )+(?:and (?:[A-Z][a-z]+ )+)?Team)\b/.exec(text)?.[1];
  const contact: Contact = { role };
  if (name) contact.name = name;
  if (person) contact.person = person;
  if (emails[0]) contact.email = emails[0];
  if (phones[0]) contact.phone = phones[0];
  if (address) contact.address = address;
  if (urls[0]) contact.url = urls[0];
  return contact;
}
