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

export const SarIntakeRequestSchema = z
  .object({
    /** Same key, same case: a retried or double-clicked submission creates one case. */
    idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9-]{8,100}$/, 'The submission key is not valid.')),
    council: text(100, 'Say which council the request is for.'),
    notice: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    requester: z.object({
      name: text(200, 'Enter the name of the person asking.'),
      email: z.optional(
        z.string().check(z.trim(), z.email('Enter an email address in the correct format, like name@example.com')),
      ),
      postalAddress: optionalText(500),
      phone: z.optional(
        z.string().check(z.trim(), z.regex(/^[+()\d\s-]{7,20}$/, 'Enter a UK phone number, like 01632 960 001')),
      ),
    }),
    /** Asking on someone else's behalf (a parent for a child, a solicitor, an attorney). */
    onBehalfOf: z.optional(
      z.object({
        name: text(200, 'Enter the name of the person the information is about.'),
        relationship: text(100, 'Say how you are related to them or why you can act for them.'),
        evidenceOfAuthority: optionalText(500),
      }),
    ),
    request: z.object({
      description: text(4000, 'Say what information you want.'),
      from: date('the start date'),
      to: date('the end date'),
      services: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(20))),
    }),
    preferredFormat: z._default(z.enum(FORMATS), 'either'),
    channel: z.enum(CHANNELS),
    /** Who logged it: "resident" for self-service, a staff member's id otherwise. */
    loggedBy: text(200, 'Say who logged the request.'),
    receivedOn: z.string().check(z.refine(isLocalDate, { message: 'Enter the date the request was received.' })),
  })
  .check(
    z.refine((r) => !!(r.requester.email || r.requester.postalAddress || r.requester.phone), {
      message: 'Give at least one way to contact the person: an email address, a postal address or a phone number.',
      path: ['requester', 'email'],
    }),
    z.refine((r) => !r.request.from || !r.request.to || r.request.from <= r.request.to, {
      message: 'The end date must be the same as or after the start date.',
      path: ['request', 'to'],
    }),
  );
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

/** Field-level messages for a form: "requester.email" → "Enter an email address…". */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    fields[key] ??= issue.message;
  }
  return fields;
}
