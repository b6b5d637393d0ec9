/**
 * What a question asks for, beyond its topic: a contact detail, a named right, a yes or no.
 */
import type { RightKind } from './knowledge-schema.ts';

export type Detail = 'phone' | 'email' | 'address' | 'url';

/**
 * Someone's own details ("gave my address to my ex", "her phone number", "my card number") and numbers that are not
 * phone numbers: none asks for one of the council's contact details.
 */
const NOT_A_CONTACT_DETAIL =
  /\b(?:my|our|his|her|their|me|mum|dad|son|daughter|child|kid|partner)\b(?: \w+){0,2} (?:(?:phone|telephone|mobile|contact) )?(?:number|address|e-?mail(?: address)?|phone)\b|\b(?:card|reference|ni|insurance|registration|reg|account|case|membership|badge|pass|licence|nhs|vehicle|plate|pin|tax|house|door) numbers?\b/g;

/** Which contact detail a question asks for, if any. */
export function askedDetail(question: string): Detail | undefined {
  const text = question.replace(NOT_A_CONTACT_DETAIL, ' ');
  if (/\b(?:phone|telephone|number|call|ring)\b/.test(text)) return 'phone';
  if (/\be-?mail\b/.test(text)) return 'email';
  if (/\b(?:address|postal|post|write to)\b/.test(text)) return 'address';
  if (/\b(?:website|online|web ?site|link)\b/.test(text)) return 'url';
  return undefined;
}

const RIGHT_ASKED: [RightKind, RegExp][] = [
  // First: "did a computer put me in band C? because it's wrong" asks about the automated decision.
  ['automated-decisions', /\b(?:computer|automated|automatically|algorithm|profiling|machine|bot|ai|software)\b/],
  ['erasure', /\b(?:delete|deleted|erase|remove|wipe|forgotten|get rid)\b/],
  [
    'rectification',
    /\b(?:wrong|mistakes?|incorrect|inaccurate|correct|fix|change(?! (?:my|our|her|his|their) minds?\b)|update|amend)\b/,
  ],
  ['portability', /\b(?:portab\w*|move my|transfer my)\b/],
  ['restriction', /\b(?:restrict\w*|stop (?:you |them )?using|limit)\b/],
  ['object', /\bobject\b/],
];

/** The right a rights question is about ("can you delete my data" → erasure). */
export function askedRight(text: string): RightKind | undefined {
  return RIGHT_ASKED.find(([, pattern]) => pattern.test(text))?.[0];
}

export const RIGHT_NAMES: Record<RightKind, string> = {
  informed: 'the right to be informed',
  access: 'the right of access',
  rectification: 'the right to have mistakes corrected (rectification)',
  erasure: 'the right to have your information deleted (erasure)',
  restriction: 'the right to restrict how your information is used',
  portability: 'the right to data portability',
  object: 'the right to object',
  'automated-decisions': 'rights about automated decision-making',
  'withdraw-consent': 'the right to withdraw consent',
  complain: 'the right to complain',
};

/** A yes/no question, wherever its clause starts ("caller asking - does our notice say we share it with…"). */
export function closedQuestion(text: string): boolean {
  return (
    /(?:^|[-–,;:] ?|\b(?:asking|asks|asked|wants to know|wondering) )(?:do|does|did|will|would|can|could|is|are|have|has|should)\b/.test(
      text,
    ) || /\bever\b|\bwhether\b/.test(text)
  );
}

/** "Do you need my consent?", "do I have to give my permission?": whether consent is what the council relies on. */
export function asksWhetherConsentNeeded(text: string): boolean {
  return /\b(?:need|needs|require|requires|have to (?:give|get)|has to (?:give|get)|must (?:i|we|you) (?:give|get))\b(?: \w+){0,2} (?:consent|permission)\b/.test(
    text,
  );
}

/** Whether a consent question asks how to take consent back ("changed my mind", "unsubscribe", "say no"). */
export function asksToWithdraw(text: string): boolean {
  return /\b(?:withdraw\w*|take (?:it |my \w+ )?back|changed? (?:my|our|her|his|their) minds?|say no|stop|unsubscribe|opt out|no longer|don t want|do not want|never (?:said|agreed))\b/.test(
    text,
  );
}

/** A matter the service itself handles: a case, an application, a booking, a bill. */
const SERVICE_MATTER =
  /\b(?:application|applying|booking|case|claim|account|bill|appointment|enquiry|report|query|queries)\b/;
const DATA_PROTECTION_WORDS =
  /\b(?:dpo|data protection|protectoin|privacy|gdpr|my (?:data|information|info|details|records?)|subject access|copy of)\b/;
/**
 * "What's the email for trading standards", "who do I email about my son's application": the service's own team,
 * unless the question is about data protection ("who is the data protection person").
 */
export function asksForTheService(text: string, terms: string[], serviceName: Set<string>): boolean {
  if (DATA_PROTECTION_WORDS.test(text)) return false;
  return terms.some((t) => serviceName.has(t)) || SERVICE_MATTER.test(text);
}
