/**
 * Adaptive Cards for the Teams bot, as plain JSON (schema 1.5, what Teams renders on desktop, web and mobile).
 * No Bot Framework import here: the adapter module wraps these as attachments.
 */
import type { Answer, SessionContext } from '#core/answer-contract.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';

export const ADAPTIVE_CARD_VERSION = '1.5';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: unknown[];
  actions?: unknown[];
}

const card = (body: unknown[], actions: unknown[] = []): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: ADAPTIVE_CARD_VERSION,
  body,
  ...(actions.length ? { actions } : {}),
});

const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});

/**
 * What a card button sends back: the question to ask, the service it is about when one is picked, and the context
 * of the answer the button was under (so a follow-up stays on that notice with no state kept by the bot).
 */
export interface AskValue {
  ask: string;
  notice?: string;
  context?: SessionContext;
}

/** What the "Log a SAR for this person" button sends: open the SAR form with the service chosen. */
export interface OpenSarFormValue {
  command: 'open-log-sar';
  notice?: string;
  context?: SessionContext;
}

const fold = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** "May 2025" from a notice's `reviewed: 2025-05`. */
function monthYear(reviewed: string): string {
  const [year, month] = reviewed.split('-').map(Number);
  if (!year || !month || month > 12) return reviewed;
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The answer as staff read it in Teams, at the narrowest card width (mobile) as at desktop width:
 * - the answer text first, which opens with the leading fact (the core puts the most specific fact first);
 * - the citation once: service, section and when the notice was updated, with the link to the notice beside it;
 *   the quoted sentence only when the answer is not already that sentence;
 * - follow-ups as a vertical list (one tappable row each, titles wrap, never cut off);
 * - for "how does someone get a copy of their data", "Log a SAR for this person" with the service chosen;
 * - every button's data carries `context`, the conversation's context after this answer.
 */
export function answerCard(index: KnowledgeIndex, answer: Answer, context?: SessionContext): AdaptiveCard {
  const carried = context ? { context } : {};
  const body: unknown[] = [text(answer.text)];
  const cited = answer.citations[0];
  if (cited) {
    const notice = index.notices.get(cited.notice)?.notice;
    const updated = notice?.reviewed ? ` (updated ${monthYear(notice.reviewed)})` : '';
    body.push(
      text(`From the ${notice?.service ?? cited.notice} privacy notice, “${cited.section}”${updated}`, {
        size: 'Small',
        isSubtle: true,
        spacing: 'Medium',
      }),
    );
    // A list item is cited with its lead-in ("…listed below: 100 years for adoption records"): compare the item.
    const own = cited.sentence.split(/:\s+/).at(-1)!;
    if (!fold(answer.text).includes(fold(own)))
      body.push(text(`“${cited.sentence}”`, { size: 'Small', isSubtle: true, spacing: 'None' }));
    const open = answer.actions.find((a) => a.kind === 'open-notice' && a.url);
    if (open?.url)
      body.push({
        type: 'ActionSet',
        spacing: 'Small',
        actions: [{ type: 'Action.OpenUrl', title: 'Read the full notice', url: open.url }],
      });
  }
  const suggestions = answer.suggestions.slice(0, 5);
  if (suggestions.length) {
    body.push(
      text(answer.notice ? 'Ask next' : 'Choose the service', { weight: 'Bolder', size: 'Small', spacing: 'Large' }),
    );
    for (const suggestion of suggestions) {
      const value: AskValue = {
        ask: suggestion.question,
        ...(suggestion.notice ? { notice: suggestion.notice } : {}),
        ...carried,
      };
      body.push({
        type: 'Container',
        spacing: 'Small',
        selectAction: { type: 'Action.Submit', title: suggestion.label, data: value },
        items: [text(`› ${suggestion.label}`, { color: 'Accent' })],
      });
    }
  }
  const actions: unknown[] = [];
  if (answer.actions.some((a) => a.kind === 'start-sar')) {
    const value: OpenSarFormValue = {
      command: 'open-log-sar',
      ...(answer.notice ? { notice: answer.notice } : {}),
      ...carried,
    };
    actions.push({ type: 'Action.Submit', title: 'Log a SAR for this person', data: value });
  }
  return card(body, actions);
}

/** What the bot can do, shown for "help" and anything it does not recognise as a command or a question. */
export function helpCard(): AdaptiveCard {
  return card([
    text('Privacy notice assistant', { weight: 'Bolder', size: 'Medium' }),
    text(
      'Ask how the council uses personal information in a service, for example "how long do we keep adoption records?" or "who does Connect to Work share data with?". Name the service in the question, or pick it when asked.',
    ),
    text(
      'Commands: **Log a SAR** · **SAR status** SAR-XXXX-XXXX · **Due this week** · **Overdue** · **Escalate** your message · **Acknowledge** ESC-XXXX-XXXX',
    ),
  ]);
}

/** The SAR form's fields, keyed by the intake contract's field paths (which its field errors use too). */
export const LOG_SAR_FIELDS = [
  ['requester.name', 'Name of the person asking'],
  ['requester.email', 'Their email address'],
  ['requester.phone', 'Their phone number'],
  ['requester.postalAddress', 'Their postal address'],
  ['onBehalfOf.name', 'If they ask for someone else: that person’s name'],
  ['onBehalfOf.relationship', 'Their relationship or authority'],
  ['request.description', 'What information they want'],
] as const;

export interface LogSarValues {
  idempotencyKey: string;
  channel?: string;
  receivedOn?: string;
  notice?: string;
  [field: string]: string | undefined;
}

/**
 * "Log a SAR": an Adaptive Card form. Submitted values come back as a message whose value holds every input by id
 * plus the button's data; on field errors the same card is sent again with the messages and everything typed.
 */
export function logSarCard(
  values: LogSarValues,
  options: { today: string; services: { id: string; name: string }[]; errors?: Record<string, string> },
): AdaptiveCard {
  const errors = options.errors ?? {};
  const body: unknown[] = [text('Log a subject access request', { weight: 'Bolder', size: 'Medium' })];
  const general = Object.entries(errors).filter(([key]) => !LOG_SAR_FIELDS.some(([id]) => id === key));
  if (Object.keys(errors).length)
    body.push(text('Some answers need correcting.', { color: 'Attention', weight: 'Bolder' }));
  for (const [, message] of general) body.push(text(message, { color: 'Attention' }));
  for (const [id, label] of LOG_SAR_FIELDS) {
    if (errors[id]) body.push(text(errors[id], { color: 'Attention', spacing: 'Medium' }));
    body.push({
      type: 'Input.Text',
      id,
      label,
      value: values[id] ?? '',
      ...(id === 'request.description'
        ? { isMultiline: true, isRequired: true, errorMessage: 'Say what information they want.' }
        : {}),
      ...(id === 'requester.name' ? { isRequired: true, errorMessage: 'Enter the name of the person asking.' } : {}),
    });
  }
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'channel',
      label: 'How it came in',
      value: values.channel ?? 'phone',
      choices: [
        { title: 'Phone', value: 'phone' },
        { title: 'Letter', value: 'letter' },
        { title: 'In person', value: 'in-person' },
        { title: 'Email', value: 'email' },
      ],
    },
    { type: 'Input.Date', id: 'receivedOn', label: 'Received on', value: values.receivedOn ?? options.today },
    {
      type: 'Input.ChoiceSet',
      id: 'notice',
      label: 'Service (optional)',
      value: values.notice ?? '',
      choices: options.services.map((s) => ({ title: s.name, value: s.id })),
    },
  );
  return card(body, [
    {
      type: 'Action.Submit',
      title: 'Log the request',
      data: { command: 'log-sar', idempotencyKey: values.idempotencyKey },
    },
  ]);
}

/** The form's card once the case exists: the reference and due date, replacing the form in place. */
export function sarLoggedCard(reference: string, dueDate: string | null, nextSteps: string): AdaptiveCard {
  return card([
    text('Subject access request logged', { weight: 'Bolder', size: 'Medium', color: 'Good' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Reference', value: reference },
        { title: 'Due', value: dueDate ?? 'when the clock starts' },
      ],
    },
    text(nextSteps, { size: 'Small' }),
  ]);
}

export const ESCALATE_FIELDS = [
  ['message', 'What the Data Protection Officer needs to know'],
  ['contact.email', 'Email address for their reply'],
  ['contact.phone', 'Or a phone number'],
] as const;

/** "Escalate": the message and a reply route, sent to the DPO mailbox through the escalation path. */
export function escalateCard(
  values: Record<string, string | undefined>,
  errors: Record<string, string> = {},
): AdaptiveCard {
  const body: unknown[] = [text('Escalate to the Data Protection Officer', { weight: 'Bolder', size: 'Medium' })];
  for (const [key, message] of Object.entries(errors))
    if (!ESCALATE_FIELDS.some(([id]) => id === key)) body.push(text(message, { color: 'Attention' }));
  for (const [id, label] of ESCALATE_FIELDS) {
    if (errors[id]) body.push(text(errors[id], { color: 'Attention', spacing: 'Medium' }));
    body.push({
      type: 'Input.Text',
      id,
      label,
      value: values[id] ?? '',
      ...(id === 'message' ? { isMultiline: true } : {}),
    });
  }
  return card(body, [{ type: 'Action.Submit', title: 'Send to the DPO', data: { command: 'escalate' } }]);
}

/** The escalation card once sent: the reference and what happens next, replacing the form. */
export function escalatedCard(reference: string, message: string): AdaptiveCard {
  return card([
    text('Sent to the Data Protection Officer', { weight: 'Bolder', size: 'Medium', color: 'Good' }),
    { type: 'FactSet', facts: [{ title: 'Reference', value: reference }] },
    text(message, { size: 'Small' }),
  ]);
}
