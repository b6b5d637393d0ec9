/** The message to the council's Data Protection Officer (POST /api/escalate). */
import { longDatesIn } from '../../../core/long-date.ts';
import type { FormReply, TranscriptLine } from './contract.ts';
import { el, renderText } from './dom.ts';
import { FormView, type FormContext } from './form-view.ts';
import { DPO_FIELDS, DPO_LABEL, DPO_MESSAGES, EMAIL, MAX_DPO_MESSAGE, PHONE, type DpoField } from './rules.ts';

export interface DpoContext extends FormContext {
  sessionId: string | undefined;
  /** The conversation so far: sent only if the person ticks the box. */
  transcript: TranscriptLine[];
}

/**
 * A message to the council's Data Protection Officer. The conversation goes with it only if the person ticks the
 * box, which starts unticked: otherwise the request says no and carries no transcript.
 */
export class DpoForm extends FormView<DpoField> {
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
    const said = longDatesIn(reply.message ?? `Your reference is ${reply.reference}.`);
    return { title: 'Message sent', lines: [renderText(said)], log: said };
  }
}
