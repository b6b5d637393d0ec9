/**
 * The SAR intake contract, shared by every caller (the chat Lambda, the Teams bot) and the SAR intake function.
 * zod/mini: it is parsed on both sides of a Lambda Invoke, so it must stay small in both bundles.
 */
import * as z from 'zod/mini';
import { isLocalDate } from './local-date.ts';
import { isValidReference } from './reference.ts';

export const CHANNELS = ['web-chat', 'teams', 'phone', 'letter', 'email', 'in-person'] as const;
export const FORMATS = ['electronic', 'paper', 'either'] as const;

const text = (max: number, required: string) =>
  z
    .string({ error: required })
    .check(z.trim(), z.minLength(1, required), z.maxLength(max, `Keep this under ${max} characters.`));
const optionalText = (max: number) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max, `Keep this under ${max} characters.`)));
const date = (what: string) =>
  z.optional(
    z.string().check(z.refine(isLocalDate, { message: `Enter ${what} as a real date, for example 2025-03-27.` })),
  );

/** What the person gives (the widget's form): the channel, who logged it and when are facts of the route. */
const formShape = {
  /** Same key, same case: a retried or double-clicked submission creates one case. */
  idempotencyKey: z
    .string({ error: 'idempotencyKey is missing: send the key the form was given.' })
    .check(
      z.regex(
        /^[A-Za-z0-9-]{8,100}$/,
        'idempotencyKey must be the key the form was given (8 to 100 letters, digits or hyphens).',
      ),
    ),
  council: text(100, 'Say which council the request is for.'),
  notice: z.optional(
    z
      .string({ error: 'notice must be the id of a notice, as text.' })
      .check(z.minLength(1, 'notice must not be empty: leave it out instead.'), z.maxLength(100)),
  ),
  requester: z.object(
    {
      name: text(200, 'Enter the name of the person asking.'),
      email: z.optional(
        z.string().check(z.trim(), z.email('Enter an email address in the correct format, like name@example.com')),
      ),
      postalAddress: optionalText(500),
      phone: z.optional(
        z.string().check(z.trim(), z.regex(/^[+()\d\s-]{7,20}$/, 'Enter a UK phone number, like 01632 960 001')),
      ),
    },
    { error: 'requester is missing: give the name and a way to contact the person asking.' },
  ),
  /** Asking on someone else's behalf (a parent for a child, a solicitor, an attorney). */
  onBehalfOf: z.optional(
    z.object({
      name: text(200, 'Enter the name of the person the information is about.'),
      relationship: text(100, 'Say how you are related to them or why you can act for them.'),
      evidenceOfAuthority: optionalText(500),
    }),
  ),
  request: z.object(
    {
      description: text(4000, 'Say what information you want.'),
      from: date('the start date'),
      to: date('the end date'),
      services: z.optional(
        z
          .array(z.string().check(z.maxLength(100, 'Each service may have at most 100 characters.')))
          .check(z.maxLength(20, 'Name at most 20 services.')),
      ),
    },
    { error: 'request is missing: say what information you want in request.description.' },
  ),
  preferredFormat: z._default(
    z.enum(FORMATS, { error: `preferredFormat must be one of: ${FORMATS.join(', ')}.` }),
    'either',
  ),
};

type Contactable = {
  requester: { email?: string | undefined; postalAddress?: string | undefined; phone?: string | undefined };
};
type Dated = { request: { from?: string | undefined; to?: string | undefined } };

const contactGiven = z.refine<Contactable>(
  (r) => !!(r.requester.email || r.requester.postalAddress || r.requester.phone),
  {
    message: 'Give at least one way to contact the person: an email address, a postal address or a phone number.',
    path: ['requester', 'email'],
  },
);
const datesInOrder = z.refine<Dated>((r) => !r.request.from || !r.request.to || r.request.from <= r.request.to, {
  message: 'The end date must be the same as or after the start date.',
  path: ['request', 'to'],
});

/**
 * The form as the widget sends it to `POST /api/sar`, checked at the edge: unknown fields are dropped at every
 * level (so nothing a client adds is forwarded to the intake), the rest is what the intake checks too.
 */
export const SarFormSchema = z.object(formShape).check(contactGiven, datesInOrder);
export type SarForm = z.infer<typeof SarFormSchema>;

export const SarIntakeRequestSchema = z
  .object({
    ...formShape,
    channel: z.enum(CHANNELS, { error: `channel must be one of: ${CHANNELS.join(', ')}.` }),
    /** Who logged it: "resident" for self-service, a staff member's id otherwise. */
    loggedBy: text(200, 'Say who logged the request.'),
    receivedOn: z.string().check(z.refine(isLocalDate, { message: 'Enter the date the request was received.' })),
  })
  .check(contactGiven, datesInOrder);
export type SarIntakeRequest = z.infer<typeof SarIntakeRequestSchema>;

export type SarIntakeResponse =
  | {
      ok: true;
      reference: string;
      /** Null while waiting for identity or authority evidence: the clock has not started. */
      dueDate: string | null;
      status: string;
      /** Whether this call created the case (false for a retried submission). */
      created: boolean;
      nextSteps: string;
    }
  | {
      ok: false;
      error: {
        code: 'invalid' | 'unknown-context' | 'unavailable' | 'conflict';
        message: string;
        fields?: Record<string, string>;
      };
    };

export const ReferenceSchema = z
  .string()
  .check(z.refine(isValidReference, { message: 'That reference is not valid: check each character.' }));

/**
 * Field-level messages for a form: "requester.email" → "Enter an email address…". A schema's own message is kept;
 * zod's generic ones ("Invalid input") become what is wrong and how to fix it ("requester.name must be text").
 */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    fields[key] ??= issueMessage(issue);
  }
  return fields;
}

const GENERIC = /^(?:Invalid|Too (?:big|small)|Unrecognized key)/;
const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object of fields',
  array: 'a list',
  date: 'a date',
};

/** What a person (or a developer) can act on, for one issue. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (!GENERIC.test(issue.message)) return issue.message;
  const field = issue.path.length ? issue.path.map(String).join('.') : 'The request';
  switch (issue.code) {
    case 'invalid_type': {
      const kind = KINDS[issue.expected] ?? issue.expected;
      return /received undefined/.test(issue.message)
        ? `${field} is missing: give ${kind}.`
        : `${field} must be ${kind}.`;
    }
    case 'invalid_value':
      return `${field} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'too_big':
    case 'too_small': {
      const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum).toLocaleString('en-GB');
      const bound = issue.code === 'too_big' ? 'at most' : 'at least';
      if (issue.origin === 'string') return `${field} may have ${bound} ${limit} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} may have ${bound} ${limit} items.`;
      return `${field} must be ${bound} ${limit}.`;
    }
    case 'invalid_format':
      return `${field} is not in the right format (${issue.format}).`;
    case 'unrecognized_keys':
      return `${field} has fields this form does not take: ${issue.keys.join(', ')}. Leave them out.`;
    default:
      return `${field} is not valid.`;
  }
}
