/**
 * The forms' fields, limits and messages. The messages are the server's, copied from
 * functions/core/sar/intake-contract.ts and functions/core/escalation/index.ts: keep them in step. The date messages
 * are the widget's own (the server takes ISO dates; people type day, month and year).
 */

export const SAR_LABEL = 'Request a copy of my data';
export const DPO_LABEL = 'Contact the Data Protection Officer';

/**
 * Each form's fields in page order (the error summary lists problems in this order), keyed by the request's field
 * paths, which are also the keys of the server's `error.fields`.
 */
export const SAR_FIELDS = [
  'requester.name',
  'requester.email',
  'requester.phone',
  'requester.postalAddress',
  'onBehalfOf.name',
  'onBehalfOf.relationship',
  'onBehalfOf.evidenceOfAuthority',
  'request.description',
  'request.from',
  'request.to',
] as const;
export type SarField = (typeof SAR_FIELDS)[number];
export const DPO_FIELDS = ['contact.name', 'contact.email', 'contact.phone', 'message', 'consentToTranscript'] as const;
export type DpoField = (typeof DPO_FIELDS)[number];

/** The server's messages, and the GOV.UK date input's. */
export const SAR_MESSAGES = {
  name: 'Enter the name of the person asking.',
  email: 'Enter an email address in the correct format, like name@example.com',
  phone: 'Enter a UK phone number, like 01632 960 001',
  contact: 'Give at least one way to contact the person: an email address, a postal address or a phone number.',
  theirName: 'Enter the name of the person the information is about.',
  relationship: 'Say how you are related to them or why you can act for them.',
  description: 'Say what information you want.',
  order: 'The end date must be the same as or after the start date.',
};
/** GOV.UK date-input errors: 'The start date must include a month', '… as a real date, for example 27 3 2025'. */
export function dateMessage(what: string, problem: 'day' | 'month' | 'year' | 'real'): string {
  const capital = what[0]!.toUpperCase() + what.slice(1);
  return problem === 'real'
    ? `Enter ${what} as a real date, for example 27 3 2025`
    : `${capital} must include a ${problem}`;
}
/** The server's limits and messages, copied from functions/core/escalation/index.ts: keep the two in step. */
export const MAX_DPO_MESSAGE = 2000;
export const MAX_TRANSCRIPT = 60;
export const DPO_MESSAGES = {
  email: SAR_MESSAGES.email,
  phone: SAR_MESSAGES.phone,
  contact: 'Give an email address or a phone number so the Data Protection Officer can reply.',
  message: 'Tell us what you need help with.',
  long: 'Keep your message under 2,000 characters.',
};
export const PHONE = /^[+()\d\s-]{7,20}$/;
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
