/** The subject access request form (POST /api/sar), with a conditional reveal for asking on someone else's behalf. */
import { longDate } from '../../../core/long-date.ts';
import type { FormReply } from './contract.ts';
import { el, newKey, renderText } from './dom.ts';
import { FormView, type FormContext } from './form-view.ts';
import { dateMessage, EMAIL, PHONE, SAR_FIELDS, SAR_MESSAGES, type SarField } from './rules.ts';

export interface SarContext extends FormContext {
  service: string | undefined;
}

const FORMATS = [
  ['electronic', 'Electronically, by email or a download link'],
  ['paper', 'On paper, by post'],
  ['either', 'Either'],
] as const;

export class SarForm extends FormView<SarField> {
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
    // Only a service's name means anything to a resident: without it (no data-service, no answer yet) say nothing.
    const about =
      context.notice && context.service
        ? [el('p', { className: 'about' }, el('strong', { textContent: 'About: ' }), context.service)]
        : [];
    this.compose(
      [...about, el('p', { className: 'hint', textContent: 'Tell us who you are and what information you want.' })],
      ...this.whoIsAsking(),
      this.field('request.description', 'What information do you want?', {
        max: 4000,
        multiline: true,
        required: true,
        hint: 'For example, my social care records from 2015 to 2018.',
      }),
      this.fieldset(
        'Which dates should we search? (optional)',
        'Leave these empty to ask for everything we hold.',
        this.dateField('request.from', 'From', 'For example, 27 3 2015'),
        this.dateField('request.to', 'To', 'For example, 31 12 2018'),
      ),
      this.formatChoice(),
    );
  }

  /** The requester, how to reach them, and the person they ask for (revealed when the box is ticked). */
  private whoIsAsking(): HTMLElement[] {
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
    return [
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
    ];
  }

  private formatChoice(): HTMLElement {
    return this.fieldset(
      'How would you like to get the information?',
      undefined,
      ...FORMATS.map(([value, label]) => {
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
    );
  }

  /** The dates to search, each checked as the GOV.UK date input checks it, and in order. */
  private dates(problems: Partial<Record<SarField, string>>): { from?: string; to?: string } {
    const read = (key: 'request.from' | 'request.to', what: string) => {
      const { iso, problem } = this.dateValue(key);
      if (problem) problems[key] = dateMessage(what, problem);
      return iso;
    };
    const [from, to] = [read('request.from', 'the start date'), read('request.to', 'the end date')];
    if (from && to && from > to) problems['request.to'] = SAR_MESSAGES.order;
    return { from, to };
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
    const { from, to } = this.dates(problems);
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
