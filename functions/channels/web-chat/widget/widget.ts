/**
 * The embeddable privacy-notice assistant: one <script> tag with data attributes, no framework, no cookies,
 * no inline script or style (works under a strict Content-Security-Policy), isolated in a Shadow DOM.
 *
 *   <div data-privacy-assistant>
 *     <a href="https://council.example/privacy/service">Read how we use your information</a>
 *   </div>
 *   <script src="https://assistant.example/widget.js" defer
 *           data-council="kent" data-notice="kent-connect-to-work" data-colour="#1d70b8"></script>
 *
 * The links inside the container are what people without JavaScript see; attaching the shadow root hides them.
 * Everything from the server or the person is put on the page as text (textContent), never as HTML.
 * An optional data-service="Connect to Work Programme" names the data-notice's service on the request form
 * before the conversation has; without it the form shows the notice id.
 * Two forms open in the panel in place of the chat: a subject access request (POST /api/sar) and a message to the
 * Data Protection Officer (POST /api/escalate), which carries the conversation only if the person ticks the box.
 */

interface Citation {
  notice: string;
  section: string;
  sentence: string;
}
interface Suggestion {
  label: string;
  question: string;
  notice?: string;
}
interface Action {
  kind: 'start-sar' | 'escalate' | 'open-notice';
  label: string;
  url?: string;
  notice?: string;
}
interface NoticeInfo {
  service: string;
  url?: string;
  reviewed?: string;
}
/** The conversation's context the server returns with each answer and gets back with the next question. */
interface ChatContext {
  notice?: string;
  council?: string;
  topic?: string;
}
interface ChatReply {
  sessionId: string;
  context?: ChatContext;
  topic: string;
  notice: string | null;
  text: string;
  citations: Citation[];
  suggestions: Suggestion[];
  actions: Action[];
  notices?: Record<string, NoticeInfo>;
}
/** An answer's offer of a form: the notice it is about, when the answer named one. */
interface Offer {
  notice?: string;
}
interface Message {
  from: 'you' | 'assistant';
  text: string;
  /** `notice` is the notice's id (what the Data Protection Officer is sent); older saved messages lack it. */
  source?: { label: string; section: string; url?: string; notice?: string };
  /** The answer offered a subject access request (a start-sar action): it shows the button that opens the form. */
  sar?: Offer;
  /** The answer offered the Data Protection Officer (an escalate action): it shows the button that opens that form. */
  dpo?: Offer;
}
interface Saved {
  sessionId?: string;
  notice?: string;
  /** The server keeps no conversation: this is what follow-ups are answered in. */
  context?: ChatContext;
  /** Service names of the notices the conversation has met, by notice id. */
  services?: Record<string, string>;
  messages: Message[];
  suggestions: Suggestion[];
}
/**
 * What POST /api/sar (SarIntakeResponse in functions/core/sar/intake-contract.ts) and POST /api/escalate
 * (functions/channels/escalation/handler.ts) answer.
 */
interface FormReply {
  ok?: boolean;
  reference?: string;
  dueDate?: string | null;
  nextSteps?: string;
  message?: string;
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}
/** A line of the conversation as the Data Protection Officer is sent it (TranscriptLine in escalation.ts). */
interface TranscriptLine {
  from: 'you' | 'assistant';
  text: string;
  source?: { notice: string; section: string };
}

const SAR_LABEL = 'Request a copy of my data';
const DPO_LABEL = 'Contact the Data Protection Officer';

/**
 * Each form's fields in page order (the error summary lists problems in this order), keyed by the request's field
 * paths, which are also the keys of the server's `error.fields`.
 */
const SAR_FIELDS = [
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
type SarField = (typeof SAR_FIELDS)[number];
const DPO_FIELDS = ['contact.name', 'contact.email', 'contact.phone', 'message', 'consentToTranscript'] as const;
type DpoField = (typeof DPO_FIELDS)[number];

/** The server's messages, copied from functions/core/sar/intake-contract.ts: keep the two in step. */
const SAR_MESSAGES = {
  name: 'Enter the name of the person asking.',
  email: 'Enter an email address in the correct format, like name@example.com',
  phone: 'Enter a UK phone number, like 01632 960 001',
  contact: 'Give at least one way to contact the person: an email address, a postal address or a phone number.',
  theirName: 'Enter the name of the person the information is about.',
  relationship: 'Say how you are related to them or why you can act for them.',
  description: 'Say what information you want.',
  from: 'Enter the start date as a real date, for example 2025-03-27.',
  to: 'Enter the end date as a real date, for example 2025-03-27.',
  order: 'The end date must be the same as or after the start date.',
};
/** The server's limits and messages, copied from functions/core/escalation.ts: keep the two in step. */
const MAX_DPO_MESSAGE = 2000;
const MAX_TRANSCRIPT = 60;
const DPO_MESSAGES = {
  email: SAR_MESSAGES.email,
  phone: SAR_MESSAGES.phone,
  contact: 'Give an email address or a phone number so the Data Protection Officer can reply.',
  message: 'Tell us what you need help with.',
  long: 'Keep your message under 2,000 characters.',
};
const PHONE = /^[+()\d\s-]{7,20}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

/** Only http(s) links are ever followed: a notice URL cannot become javascript:. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const withScheme = /^https?:\/\//i.test(url) ? url : /^www\./i.test(url) ? `https://${url}` : undefined;
  try {
    return withScheme && ['http:', 'https:'].includes(new URL(withScheme).protocol) ? withScheme : undefined;
  } catch {
    return undefined;
  }
}

/** '2026-12-23' → '23 December 2026', without Date (a date at local midnight can shift a day across time zones). */
function longDate(date: string): string {
  const match = ISO_DATE.exec(date);
  return match ? `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : date;
}

/** One key per form, so a double click or a retry creates one case. randomUUID needs a secure context. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function updated(reviewed: string | undefined): string {
  const match = reviewed && /^(\d{4})-(\d{2})/.exec(reviewed);
  return match ? ` (updated ${MONTHS[Number(match[2]) - 1]} ${match[1]})` : '';
}

/** Text with "- " lines as a list, written with textContent only. */
function renderText(text: string): Node {
  const box = el('div', { className: 'text' });
  let list: HTMLUListElement | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('- ')) {
      list ??= box.appendChild(el('ul'));
      list.append(el('li', { textContent: line.slice(2) }));
    } else {
      list = undefined;
      box.append(el('p', { textContent: line }));
    }
  }
  return box;
}

/** Black or white text, whichever reads better on the council's colour. */
function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#0b0c0c' : '#ffffff';
}

/** What a form needs from the assistant around it. */
interface FormContext {
  api: string;
  council: string | undefined;
  notice: string | undefined;
  /** The form was sent and its confirmation is showing: `line` goes into the conversation. */
  sent(line: string): void;
  /** Cancel or "Back to the chat". */
  leave(): void;
}
interface SarContext extends FormContext {
  service: string | undefined;
}
interface DpoContext extends FormContext {
  sessionId: string | undefined;
  /** The conversation so far: sent only if the person ticks the box. */
  transcript: TranscriptLine[];
}
interface FormControl {
  control: HTMLInputElement | HTMLTextAreaElement;
  group: HTMLElement;
  error: HTMLElement;
  hint?: string;
}
interface FieldOptions {
  max?: number;
  /** An input's type; 'checkbox' puts the label beside the box and the hint under both. */
  type?: string;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
}

/**
 * A form in the panel, built with the GOV.UK Design System's patterns: labelled fields with hints, an error summary
 * that takes focus and links to each field, messages above the fields they belong to, a submit button that sends
 * once however often it is pressed, everything typed kept when sending fails, and a confirmation panel with the
 * reference whose heading takes focus.
 */
abstract class FormView<K extends string> {
  readonly element: HTMLElement;
  heading: HTMLElement;
  protected readonly fields = new Map<K, FormControl>();
  private readonly summary = el('div', { className: 'summary', tabIndex: -1, hidden: true });
  private readonly form: HTMLFormElement;
  private readonly submit: HTMLButtonElement;
  private hints = 0;

  /** Where the form is sent, e.g. '/api/sar'. */
  protected abstract readonly path: string;
  /** The request as the server takes it, and the problems the server would find with it. */
  protected abstract collect(): { body: object; problems: Partial<Record<K, string>> };
  /** The confirmation: its heading, what it says under the reference, and the line the conversation keeps. */
  protected abstract confirmation(reply: FormReply & { reference: string }): {
    title: string;
    lines: Node[];
    log: string;
  };

  /**
   * @param prefix names the form's ids and classes (`pna-sar-requester-name`, `.sar-form`)
   * @param order the fields in page order
   * @param noun what is sent ('request'), for "Sending your request…" and the apologies
   * @param kept said when sending failed; `retry` adds a "Try again" button after it
   */
  constructor(
    protected readonly context: FormContext,
    private readonly prefix: string,
    private readonly order: readonly K[],
    title: string,
    private readonly sendLabel: string,
    private readonly noun: string,
    private readonly kept: string,
    private readonly retry = false,
  ) {
    this.heading = el('h3', { className: `${prefix}-heading`, tabIndex: -1, textContent: title });
    this.submit = el('button', { type: 'submit', className: 'primary', textContent: sendLabel });
    const cancel = el('button', { type: 'button', className: 'secondary', textContent: 'Cancel' });
    cancel.addEventListener('click', () => context.leave());
    this.form = el(
      'form',
      { className: `${prefix}-form`, noValidate: true },
      el('div', { className: 'buttons' }, this.submit, cancel),
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.sendForm();
    });
    this.element = el('div', { className: `view ${prefix}` }, this.heading, this.summary, this.form);
  }

  /** Puts the subclass's lines under the heading (above the error summary) and its fields above the buttons. */
  protected compose(intro: Node[], ...fields: Node[]): void {
    this.heading.after(...intro);
    this.form.prepend(...fields);
  }

  protected field(key: K, label: string, options: FieldOptions): HTMLElement {
    const id = `pna-${this.prefix}-${key.replace('.', '-')}`;
    const control = options.multiline
      ? el('textarea', { id, name: key, rows: options.rows ?? 3 })
      : el('input', { id, name: key, type: options.type ?? 'text' });
    if (options.max) control.maxLength = options.max;
    if (options.autocomplete) control.setAttribute('autocomplete', options.autocomplete);
    if (options.type === 'email') control.spellcheck = false;
    if (options.required) control.setAttribute('aria-required', 'true');
    const hint = options.hint ? `${id}-hint` : undefined;
    const hints = hint ? [el('p', { id: hint, className: 'hint', textContent: options.hint })] : [];
    const error = el('p', { id: `${id}-error`, className: 'field-error', hidden: true });
    const caption = el('label', { htmlFor: id, textContent: label });
    const group = el(
      'div',
      { className: 'group' },
      ...(options.type === 'checkbox'
        ? [error, el('div', { className: 'choice' }, control, caption), ...hints]
        : [caption, ...hints, error, control]),
    );
    this.fields.set(key, { control, group, error, ...(hint ? { hint } : {}) });
    this.describe(key);
    return group;
  }

  protected fieldset(legend: string, hint: string | undefined, ...children: HTMLElement[]): HTMLFieldSetElement {
    const set = el('fieldset', {}, el('legend', { textContent: legend }));
    if (hint) {
      const id = `pna-${this.prefix}-hint-${++this.hints}`;
      set.append(el('p', { id, className: 'hint', textContent: hint }));
      set.setAttribute('aria-describedby', id);
    }
    set.append(...children);
    return set;
  }

  private describe(key: K, message?: string): void {
    const { control, group, error, hint } = this.fields.get(key)!;
    error.replaceChildren(
      ...(message ? [el('span', { className: 'visually-hidden', textContent: 'Error: ' }), message] : []),
    );
    error.hidden = !message;
    group.classList.toggle('invalid', !!message);
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    const ids = [hint, message ? error.id : undefined].filter(Boolean).join(' ');
    if (ids) control.setAttribute('aria-describedby', ids);
    else control.removeAttribute('aria-describedby');
  }

  /** A field's trimmed value, or undefined when it is empty (JSON leaves it out). */
  protected value(key: K): string | undefined {
    return this.fields.get(key)!.control.value.trim() || undefined;
  }

  /**
   * The GOV.UK error summary: notes first, then field problems as links to the fields and anything else as text,
   * and a "Try again" button when sending failed and the form has one. Takes focus.
   */
  private showProblems(problems: Record<string, string | undefined>, notes: string[] = [], again = false): void {
    const items: HTMLElement[] = [];
    for (const key of this.order) {
      const message = problems[key];
      const field = this.fields.get(key)!;
      const shown = !!message && !field.group.closest('[hidden]');
      this.describe(key, shown ? message : undefined);
      if (!shown) continue;
      const link = el('a', { href: `#${field.control.id}`, textContent: message });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        field.control.focus();
        field.group.scrollIntoView({ block: 'start' });
      });
      items.push(el('li', {}, link));
    }
    for (const [key, message] of Object.entries(problems)) {
      const field = this.fields.get(key as K);
      if (message && (!field || field.group.closest('[hidden]'))) items.push(el('li', { textContent: message }));
    }
    const alert = el(
      'div',
      {},
      el('h3', { textContent: 'There is a problem' }),
      ...notes.map((note) => el('p', { textContent: note })),
      ...(items.length ? [el('ul', {}, ...items)] : []),
    );
    if (again) {
      const button = el('button', { type: 'button', className: 'retry', textContent: 'Try again' });
      button.addEventListener('click', () => void this.sendForm());
      alert.append(button);
    }
    alert.setAttribute('role', 'alert');
    this.summary.replaceChildren(alert);
    this.summary.hidden = false;
    this.summary.focus();
    this.summary.scrollIntoView({ block: 'start' });
  }

  /**
   * Checks, then sends once: the button is disabled until the answer comes, so a double click sends one request.
   * The server's field errors go to the fields; another 4xx says the server's message (nothing to retry); a 5xx
   * or a lost connection says so and offers to try again. Nothing typed is cleared either way.
   */
  async sendForm(): Promise<void> {
    if (this.submit.disabled) return;
    const { body, problems } = this.collect();
    if (Object.keys(problems).length) return this.showProblems(problems);
    this.submit.disabled = true;
    this.submit.textContent = `Sending your ${this.noun}…`;
    this.form.setAttribute('aria-busy', 'true');
    const failed = (message: string) => this.showProblems({}, [message, this.kept], this.retry);
    try {
      const response = await fetch(`${this.context.api}${this.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify(body),
      });
      const reply = (await response.json().catch(() => undefined)) as FormReply | undefined;
      if (response.ok && reply?.ok && reply.reference) return this.confirm({ ...reply, reference: reply.reference });
      const { fields, message } = reply?.error ?? {};
      if (response.status >= 400 && response.status < 500) {
        return fields && Object.keys(fields).length
          ? this.showProblems(fields)
          : this.showProblems({}, [message ?? `Sorry, we could not send your ${this.noun}.`]);
      }
      failed(message ?? `Sorry, we could not send your ${this.noun} just now.`);
    } catch {
      failed(`Sorry, we could not send your ${this.noun}. Check your connection.`);
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = this.sendLabel;
      this.form.removeAttribute('aria-busy');
    }
  }

  private confirm(reply: FormReply & { reference: string }): void {
    const { title, lines, log } = this.confirmation(reply);
    this.heading = el('h3', { tabIndex: -1, textContent: title });
    const back = el('button', { type: 'button', className: 'secondary', textContent: 'Back to the chat' });
    back.addEventListener('click', () => this.context.leave());
    this.element.replaceChildren(
      el(
        'div',
        { className: 'confirmation' },
        this.heading,
        el('p', { textContent: 'Your reference is' }),
        el('p', { className: 'reference', textContent: reply.reference }),
      ),
      ...lines,
      back,
    );
    this.heading.focus();
    this.context.sent(log);
  }
}

/** The subject access request form, with a conditional reveal for asking on someone else's behalf. */
class SarForm extends FormView<SarField> {
  protected readonly path = '/api/sar';
  /**
   * The form's idempotency key: the same while the answers sent stay the same (a retry or a double click is one
   * case), a new one once the person changes a form already sent (the server would refuse other details under the
   * old key: a new request, not a silent repeat of the first).
   */
  private key = newKey();
  private sentWith: string | undefined;
  private readonly behalf: HTMLInputElement;
  private readonly formats: HTMLInputElement[] = [];

  constructor(context: SarContext) {
    super(
      context,
      'sar',
      SAR_FIELDS,
      'Request a copy of your data',
      'Send request',
      'request',
      'Your answers have not been lost. Try again.',
    );
    this.behalf = el('input', { id: 'pna-sar-behalf', type: 'checkbox', name: 'behalf' });
    this.behalf.setAttribute('aria-controls', 'pna-sar-them');
    const them = el(
      'fieldset',
      { id: 'pna-sar-them', className: 'conditional', hidden: true },
      el('legend', { textContent: 'The person you are asking for' }),
      this.field('onBehalfOf.name', 'Their full name', { max: 200, required: true, autocomplete: 'off' }),
      this.field('onBehalfOf.relationship', 'How you are related to them, or why you can act for them', {
        max: 100,
        required: true,
        hint: 'For example, I am their parent, or I am their solicitor.',
      }),
      this.field('onBehalfOf.evidenceOfAuthority', 'Evidence you can send (optional)', {
        max: 500,
        multiline: true,
        hint: 'For example, a letter of authority signed by them, or a lasting power of attorney.',
      }),
    );
    this.behalf.addEventListener('change', () => (them.hidden = !this.behalf.checked));

    // Only a service's name means anything to a resident: without it (no data-service, no answer yet) say nothing.
    const about =
      context.notice && context.service
        ? [el('p', { className: 'about' }, el('strong', { textContent: 'About: ' }), context.service)]
        : [];
    this.compose(
      [...about, el('p', { className: 'hint', textContent: 'Tell us who you are and what information you want.' })],
      this.field('requester.name', 'Your full name', { max: 200, required: true, autocomplete: 'name' }),
      this.fieldset(
        'How can we contact you?',
        'Give at least one: an email address, a phone number or a postal address.',
        this.field('requester.email', 'Email address', { max: 320, type: 'email', autocomplete: 'email' }),
        this.field('requester.phone', 'Phone number', { max: 20, type: 'tel', autocomplete: 'tel' }),
        this.field('requester.postalAddress', 'Postal address', {
          max: 500,
          multiline: true,
          autocomplete: 'street-address',
        }),
      ),
      el(
        'div',
        { className: 'choice' },
        this.behalf,
        el('label', { htmlFor: this.behalf.id, textContent: 'I am asking for someone else' }),
      ),
      them,
      this.field('request.description', 'What information do you want?', {
        max: 4000,
        multiline: true,
        required: true,
        hint: 'For example, my social care records from 2015 to 2018.',
      }),
      this.fieldset(
        'Which dates should we search? (optional)',
        'Leave these empty to ask for everything we hold.',
        this.field('request.from', 'From', { max: 10, type: 'date' }),
        this.field('request.to', 'To', { max: 10, type: 'date' }),
      ),
      this.fieldset(
        'How would you like to get the information?',
        undefined,
        ...(
          [
            ['electronic', 'Electronically, by email or a download link'],
            ['paper', 'On paper, by post'],
            ['either', 'Either'],
          ] as const
        ).map(([value, label]) => {
          const radio = el('input', {
            id: `pna-sar-format-${value}`,
            type: 'radio',
            name: 'preferredFormat',
            value,
            checked: value === 'either',
          });
          this.formats.push(radio);
          return el('div', { className: 'choice' }, radio, el('label', { htmlFor: radio.id, textContent: label }));
        }),
      ),
    );
  }

  protected collect(): { body: object; problems: Partial<Record<SarField, string>> } {
    const v = (key: SarField) => this.value(key);
    const problems: Partial<Record<SarField, string>> = {};
    const [email, phone, postalAddress] = [v('requester.email'), v('requester.phone'), v('requester.postalAddress')];
    if (!v('requester.name')) problems['requester.name'] = SAR_MESSAGES.name;
    if (email && !EMAIL.test(email)) problems['requester.email'] = SAR_MESSAGES.email;
    else if (!email && !phone && !postalAddress) problems['requester.email'] = SAR_MESSAGES.contact;
    if (phone && !PHONE.test(phone)) problems['requester.phone'] = SAR_MESSAGES.phone;
    if (this.behalf.checked) {
      if (!v('onBehalfOf.name')) problems['onBehalfOf.name'] = SAR_MESSAGES.theirName;
      if (!v('onBehalfOf.relationship')) problems['onBehalfOf.relationship'] = SAR_MESSAGES.relationship;
    }
    if (!v('request.description')) problems['request.description'] = SAR_MESSAGES.description;
    const date = (key: 'request.from' | 'request.to') => {
      const { validity, value } = this.fields.get(key)!.control;
      if (validity.badInput || (value && !ISO_DATE.test(value))) {
        problems[key] = SAR_MESSAGES[key === 'request.from' ? 'from' : 'to'];
      }
      return value || undefined;
    };
    const [from, to] = [date('request.from'), date('request.to')];
    if (from && to && !problems['request.from'] && !problems['request.to'] && from > to) {
      problems['request.to'] = SAR_MESSAGES.order;
    }
    const details = {
      council: this.context.council,
      notice: this.context.notice,
      requester: { name: v('requester.name'), email, phone, postalAddress },
      onBehalfOf: this.behalf.checked
        ? {
            name: v('onBehalfOf.name'),
            relationship: v('onBehalfOf.relationship'),
            evidenceOfAuthority: v('onBehalfOf.evidenceOfAuthority'),
          }
        : undefined,
      request: { description: v('request.description'), from, to },
      preferredFormat: this.formats.find((radio) => radio.checked)?.value ?? 'either',
    };
    if (!Object.keys(problems).length) {
      const sent = JSON.stringify(details);
      if (this.sentWith !== undefined && this.sentWith !== sent) this.key = newKey();
      this.sentWith = sent;
    }
    return { body: { idempotencyKey: this.key, ...details }, problems };
  }

  protected confirmation(reply: FormReply & { reference: string }) {
    const due = reply.dueDate
      ? `We must reply by ${longDate(reply.dueDate)}.`
      : 'We will tell you the date once we have checked your identity.';
    return {
      title: 'Request received',
      lines: [
        el('p', { className: 'due', textContent: due }),
        ...(reply.nextSteps ? [renderText(reply.nextSteps)] : []),
      ],
      log: `Your request reference is ${reply.reference}. ${due}`,
    };
  }
}

/**
 * A message to the council's Data Protection Officer. The conversation goes with it only if the person ticks the
 * box, which starts unticked: otherwise the request says no and carries no transcript.
 */
class DpoForm extends FormView<DpoField> {
  protected readonly path = '/api/escalate';
  private readonly consent: HTMLInputElement;

  constructor(private readonly dpo: DpoContext) {
    super(dpo, 'dpo', DPO_FIELDS, DPO_LABEL, 'Send message', 'message', 'Your message has not been lost.', true);
    const consent = this.field('consentToTranscript', 'Send our conversation to the Data Protection Officer too', {
      type: 'checkbox',
      hint: 'They will see the questions you asked here and the answers. Leave this unticked to send only your message.',
    });
    this.consent = this.fields.get('consentToTranscript')!.control as HTMLInputElement;
    this.compose(
      [
        el('p', {
          className: 'hint',
          textContent: 'Ask the council’s Data Protection Officer a question, or tell them about a problem.',
        }),
      ],
      this.field('contact.name', 'Your name (optional)', { max: 200, autocomplete: 'name' }),
      this.fieldset(
        'How can they reply to you?',
        'Give at least one, an email address or a phone number, so they can reply.',
        this.field('contact.email', 'Email address', { max: 320, type: 'email', autocomplete: 'email' }),
        this.field('contact.phone', 'Phone number', { max: 20, type: 'tel', autocomplete: 'tel' }),
      ),
      this.field('message', 'Your message', {
        multiline: true,
        rows: 5,
        required: true,
        hint: `You can enter up to ${MAX_DPO_MESSAGE.toLocaleString('en-GB')} characters.`,
      }),
      consent,
    );
  }

  protected collect(): { body: object; problems: Partial<Record<DpoField, string>> } {
    const v = (key: DpoField) => this.value(key);
    const problems: Partial<Record<DpoField, string>> = {};
    const [email, phone, message] = [v('contact.email'), v('contact.phone'), v('message')];
    if (email && !EMAIL.test(email)) problems['contact.email'] = DPO_MESSAGES.email;
    else if (!email && !phone) problems['contact.email'] = DPO_MESSAGES.contact;
    if (phone && !PHONE.test(phone)) problems['contact.phone'] = DPO_MESSAGES.phone;
    if (!message) problems.message = DPO_MESSAGES.message;
    else if (message.length > MAX_DPO_MESSAGE) problems.message = DPO_MESSAGES.long;
    const consent = this.consent.checked;
    const body = {
      council: this.dpo.council,
      notice: this.dpo.notice,
      sessionId: this.dpo.sessionId,
      contact: { name: v('contact.name'), email, phone },
      message,
      consentToTranscript: consent,
      // Only with the box ticked: without it the request carries no transcript at all.
      ...(consent ? { transcript: this.dpo.transcript } : {}),
    };
    return { body, problems };
  }

  protected confirmation(reply: FormReply & { reference: string }) {
    // The server's words, with its ISO dates (a complaint's acknowledgement date) written out as people write them.
    const said = (reply.message ?? `Your reference is ${reply.reference}.`).replace(/\b\d{4}-\d{2}-\d{2}\b/g, longDate);
    return { title: 'Message sent', lines: [renderText(said)], log: said };
  }
}

class PrivacyAssistant {
  private readonly root: ShadowRoot;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly error: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly send: HTMLButtonElement;
  private readonly chat: HTMLElement;
  /** Where a form shows in place of the chat. */
  private readonly formView: HTMLElement;
  private readonly storageKey: string;
  private state: Saved;
  private pending: string | undefined;
  private view: SarForm | DpoForm | undefined;
  private opener: HTMLElement | undefined;

  constructor(
    host: HTMLElement,
    private readonly api: string,
    private readonly council: string | undefined,
    private readonly notice: string | undefined,
    colour: string | undefined,
    private readonly service?: string,
  ) {
    this.storageKey = `privacy-assistant:${council ?? ''}:${notice ?? ''}`;
    this.state = this.restore();
    this.root = host.attachShadow({ mode: 'open' });
    if (colour && /^#[0-9a-f]{6}$/i.test(colour)) {
      host.style.setProperty('--pna-accent', colour);
      host.style.setProperty('--pna-on-accent', textOn(colour));
    }
    this.root.append(el('link', { rel: 'stylesheet', href: `${api}/widget.css` }));

    this.launcher = el('button', { type: 'button', className: 'launcher', textContent: 'Questions about your data?' });
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-controls', 'pna-panel');

    const close = el('button', { type: 'button', className: 'close', textContent: 'Close' });
    close.setAttribute('aria-label', 'Close the privacy assistant');
    const title = el('h2', { id: 'pna-title', textContent: 'Ask about your data' });
    this.log = el('div', { className: 'log' });
    this.log.setAttribute('role', 'log');
    this.log.setAttribute('aria-live', 'polite');
    this.log.setAttribute('aria-label', 'Conversation');
    this.chips = el('div', { className: 'chips' });
    this.chips.setAttribute('role', 'group');
    this.chips.setAttribute('aria-label', 'Suggested questions');
    const handoffs = el('div', { className: 'handoffs' });
    handoffs.setAttribute('role', 'group');
    handoffs.setAttribute('aria-label', 'Get help from a person');
    handoffs.append(this.offer('sar', {}), this.offer('dpo', {}));
    const retry = el('button', { type: 'button', className: 'retry', textContent: 'Try again' });
    retry.addEventListener('click', () => this.pending && void this.ask(this.pending));
    this.error = el('div', { className: 'error', hidden: true }, el('p'), retry);
    this.error.setAttribute('role', 'alert');

    this.input = el('input', { id: 'pna-input', type: 'text', maxLength: 2000, autocomplete: 'off' });
    this.send = el('button', { type: 'submit', className: 'send', textContent: 'Send' });
    const form = el(
      'form',
      { className: 'ask' },
      el('label', { htmlFor: 'pna-input', textContent: 'Your question' }),
      el('div', { className: 'row' }, this.input, this.send),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const question = this.input.value.trim();
      if (question) void this.ask(question);
    });

    this.chat = el(
      'div',
      { className: 'chat' },
      el('p', {
        className: 'intro',
        textContent:
          'Ask how we use your personal information. Answers come from our privacy notice and show where they come from.',
      }),
      this.log,
      this.chips,
      this.error,
      form,
      handoffs,
    );
    this.formView = el('div', { className: 'form-view', hidden: true });
    this.panel = el(
      'section',
      { id: 'pna-panel', className: 'panel', hidden: true },
      el('div', { className: 'header' }, title, close),
      this.chat,
      this.formView,
    );
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-labelledby', 'pna-title');

    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    // The panel comes first so it opens above the launcher; opening moves focus into it, so keyboard order holds.
    this.root.append(el('div', { className: 'pna' }, this.panel, this.launcher));
    // Escape closes the panel wherever focus has gone on the page (say, after a button it held was removed).
    document.addEventListener('keydown', (event) => {
      if (
        event.key === 'Escape' &&
        !this.panel.hidden &&
        (document.activeElement === document.body || document.activeElement === host)
      ) {
        this.close();
      }
    });
    for (const message of this.state.messages) this.log.append(this.renderMessage(message));
    this.renderSuggestions(this.state.suggestions);
  }

  private restore(): Saved {
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.storageKey) ?? 'null') as Saved | null;
      if (saved && Array.isArray(saved.messages)) return saved;
    } catch {
      // Storage unavailable or corrupt: start afresh.
    }
    return { messages: [], suggestions: [] };
  }

  private persist(): void {
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(this.state));
    } catch {
      // Private browsing may refuse storage; the conversation still works.
    }
  }

  open(): void {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    (this.view?.heading ?? this.input).focus();
  }

  /**
   * Shows a form in place of the chat: the subject access request ('sar') or the message to the Data Protection
   * Officer ('dpo'). A new form each time (for a request, a new idempotency key), about the notice the answer
   * offering it named, else the conversation's, else the page's.
   */
  openForm(kind: 'sar' | 'dpo', chosenNotice?: string, opener?: HTMLElement): void {
    const notice = chosenNotice ?? this.state.notice ?? this.notice;
    this.opener = opener;
    const context: FormContext = {
      api: this.api,
      council: this.council,
      notice,
      sent: (line) => {
        this.add({ from: 'assistant', text: line });
        this.persist();
        this.opener = undefined;
      },
      leave: () => this.closeForm(),
    };
    this.view =
      kind === 'sar'
        ? new SarForm({
            ...context,
            service: notice
              ? (this.state.services?.[notice] ?? (notice === this.notice ? this.service : undefined))
              : undefined,
          })
        : new DpoForm({ ...context, sessionId: this.state.sessionId, transcript: this.transcript() });
    this.formView.replaceChildren(this.view.element);
    this.chat.hidden = true;
    this.formView.hidden = false;
    this.panel.scrollTop = 0;
    this.view.heading.focus();
  }

  /** The conversation as the Data Protection Officer would be sent it: its latest lines, within the server's limits. */
  private transcript(): TranscriptLine[] {
    return this.state.messages.slice(-MAX_TRANSCRIPT).map(({ from, text, source }) => ({
      from,
      text: text.slice(0, 4000),
      ...(source?.notice ? { source: { notice: source.notice, section: source.section.slice(0, 300) } } : {}),
    }));
  }

  /** Back to the conversation, which was only hidden. */
  private closeForm(): void {
    this.view = undefined;
    this.formView.replaceChildren();
    this.formView.hidden = true;
    this.chat.hidden = false;
    (this.opener?.isConnected ? this.opener : this.input).focus();
    this.opener = undefined;
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  private renderMessage(message: Message): HTMLElement {
    const item = el(
      'div',
      { className: `msg ${message.from}` },
      el('p', { className: 'who', textContent: message.from === 'you' ? 'You asked' : 'Answer' }),
      renderText(message.text),
    );
    if (message.source) {
      const url = safeUrl(message.source.url);
      const notice = url
        ? el('a', { href: url, target: '_blank', rel: 'noopener', textContent: message.source.label })
        : message.source.label;
      item.append(el('p', { className: 'source' }, 'From the ', notice, `, '${message.source.section}'`));
    }
    if (message.sar) item.append(this.offer('sar', message.sar));
    if (message.dpo) item.append(this.offer('dpo', message.dpo));
    return item;
  }

  /** A button that opens a form: under the chat, or under an answer that offered it. */
  private offer(kind: 'sar' | 'dpo', { notice }: Offer): HTMLButtonElement {
    const button = el('button', {
      type: 'button',
      className: 'handoff',
      textContent: kind === 'sar' ? SAR_LABEL : DPO_LABEL,
    });
    button.addEventListener('click', () => this.openForm(kind, notice, button));
    return button;
  }

  private renderSuggestions(suggestions: Suggestion[]): void {
    // The chip that was pressed is about to go: keep focus in the panel, where the next question is typed.
    const focusWasInChips = this.chips.contains(this.root.activeElement);
    this.chips.replaceChildren(
      ...suggestions.map((suggestion) => {
        const chip = el('button', { type: 'button', className: 'chip', textContent: suggestion.label });
        chip.addEventListener('click', () => void this.ask(suggestion.question, suggestion.notice));
        return chip;
      }),
    );
    this.chips.hidden = suggestions.length === 0;
    if (focusWasInChips) this.input.focus();
  }

  private add(message: Message): void {
    this.state.messages.push(message);
    const item = this.renderMessage(message);
    this.log.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  async ask(question: string, chosenNotice?: string): Promise<void> {
    if (this.send.disabled) return;
    if (chosenNotice) this.state.notice = chosenNotice;
    this.pending = question;
    this.error.hidden = true;
    this.send.disabled = true;
    this.log.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`${this.api}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({
          message: question,
          ...(this.state.sessionId ? { sessionId: this.state.sessionId } : {}),
          ...(this.state.context ? { context: this.state.context } : {}),
          ...((this.state.notice ?? this.notice) ? { notice: this.state.notice ?? this.notice } : {}),
          ...(this.council ? { council: this.council } : {}),
        }),
      });
      const body = (await response.json().catch(() => undefined)) as
        (ChatReply & { error?: { message?: string } }) | undefined;
      if (!response.ok || !body || body.error) {
        throw new Error(body?.error?.message ?? 'Sorry, the assistant could not answer just now.');
      }
      this.add({ from: 'you', text: question });
      const first = body.citations[0];
      const info = first ? body.notices?.[first.notice] : undefined;
      const offered = (kind: Action['kind']): Offer | undefined => {
        const action = body.actions?.find((a) => a.kind === kind);
        return action && (action.notice ? { notice: action.notice } : {});
      };
      const [sar, dpo] = [offered('start-sar'), offered('escalate')];
      for (const [id, notice] of Object.entries(body.notices ?? {})) {
        if (typeof notice?.service === 'string') (this.state.services ??= {})[id] = notice.service;
      }
      this.add({
        from: 'assistant',
        text: body.text,
        ...(sar ? { sar } : {}),
        ...(dpo ? { dpo } : {}),
        ...(first
          ? {
              source: {
                label: `${info?.service ?? first.notice} privacy notice${updated(info?.reviewed)}`,
                section: first.section,
                notice: first.notice,
                ...(info?.url ? { url: info.url } : {}),
              },
            }
          : {}),
      });
      this.state.sessionId = body.sessionId;
      if (body.context) this.state.context = body.context;
      if (body.notice) this.state.notice = body.notice;
      this.state.suggestions = body.suggestions;
      this.renderSuggestions(body.suggestions);
      if (this.input.value.trim() === question) this.input.value = '';
      this.pending = undefined;
      this.persist();
    } catch (error) {
      // What the person typed stays in the box; they can try again.
      const message =
        error instanceof TypeError
          ? 'Sorry, we could not reach the assistant. Check your connection.'
          : (error as Error).message;
      this.error.querySelector('p')!.textContent = `${message} Your question has not been lost.`;
      this.error.hidden = false;
      if (!this.input.value) this.input.value = question;
    } finally {
      this.send.disabled = false;
      this.log.removeAttribute('aria-busy');
    }
  }
}

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const api = (data.api ?? (script?.src ? new URL(script.src).origin : location.origin)).replace(/\/$/, '');
  const mount = () => {
    let host = document.querySelector<HTMLElement>('[data-privacy-assistant]');
    if (!host) {
      host = document.createElement('div');
      document.body.append(host);
    }
    if (host.shadowRoot) return;
    (window as unknown as { privacyAssistant?: PrivacyAssistant }).privacyAssistant = new PrivacyAssistant(
      host,
      api,
      data.council,
      data.notice,
      data.colour,
      data.service,
    );
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
