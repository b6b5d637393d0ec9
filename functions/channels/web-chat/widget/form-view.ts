/**
 * A form in the panel, built with the GOV.UK Design System's patterns (see FormView). The subject access request
 * (sar-form.ts) and the message to the Data Protection Officer (dpo-form.ts) are its two subclasses.
 */
import type { FormReply } from './contract.ts';
import { el } from './dom.ts';

/** What a form needs from the assistant around it. */
export interface FormContext {
  api: string;
  council: string | undefined;
  notice: string | undefined;
  /** The form was sent and its confirmation is showing: `line` goes into the conversation. */
  sent(line: string): void;
  /** Cancel or "Back to the chat". */
  leave(): void;
}
interface FormControl {
  control: HTMLInputElement | HTMLTextAreaElement;
  group: HTMLElement;
  error: HTMLElement;
  hint?: string;
  /** A GOV.UK date input's day, month and year boxes: all marked when the date is wrong. */
  parts?: HTMLInputElement[];
}
export interface FieldOptions {
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
export abstract class FormView<K extends string> {
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

  /**
   * The GOV.UK date input: a fieldset named by `legend`, a hint with an example, then Day, Month and Year boxes
   * (numbers typed, no date picker). The error summary links to the Day box.
   */
  protected dateField(key: K, legend: string, hint: string): HTMLElement {
    const id = `pna-${this.prefix}-${key.replace('.', '-')}`;
    const parts = (
      [
        ['day', 'Day', 2],
        ['month', 'Month', 2],
        ['year', 'Year', 4],
      ] as const
    ).map(([part, label, size]) => {
      const input = el('input', { id: part === 'day' ? id : `${id}-${part}`, name: `${key}.${part}`, type: 'text' });
      input.inputMode = 'numeric';
      input.maxLength = size;
      input.className = `date-${part}`;
      return el('div', { className: 'date-part' }, el('label', { htmlFor: input.id, textContent: label }), input);
    });
    const inputs = parts.map((part) => part.querySelector('input')!);
    const error = el('p', { id: `${id}-error`, className: 'field-error', hidden: true });
    const set = el(
      'fieldset',
      { className: 'group date' },
      el('legend', { textContent: legend }),
      el('p', { id: `${id}-hint`, className: 'hint', textContent: hint }),
      error,
      el('div', { className: 'date-input' }, ...parts),
    );
    this.fields.set(key, { control: inputs[0]!, group: set, error, hint: `${id}-hint`, parts: inputs });
    this.describe(key);
    return set;
  }

  /**
   * A date input's value: nothing typed (undefined), a real date ('2025-03-27'), or what is wrong with it, as the
   * GOV.UK pattern words it ('must include a month', 'must be a real date').
   */
  protected dateValue(key: K): { iso?: string; problem?: 'day' | 'month' | 'year' | 'real' } {
    const [day = '', month = '', year = ''] = (this.fields.get(key)!.parts ?? []).map((p) => p.value.trim());
    if (!day && !month && !year) return {};
    const missing = !day ? 'day' : !month ? 'month' : !year ? 'year' : undefined;
    if (missing) return { problem: missing };
    const [d, m, y] = [day, month, year].map(Number) as [number, number, number];
    const real =
      /^\d{1,2}$/.test(day) &&
      /^\d{1,2}$/.test(month) &&
      /^\d{4}$/.test(year) &&
      y >= 1000 &&
      m >= 1 &&
      m <= 12 &&
      d >= 1;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (!real || d > days) return { problem: 'real' };
    return { iso: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
  }

  private describe(key: K, message?: string): void {
    const { control, group, error, hint, parts } = this.fields.get(key)!;
    error.replaceChildren(
      ...(message ? [el('span', { className: 'visually-hidden', textContent: 'Error: ' }), message] : []),
    );
    error.hidden = !message;
    group.classList.toggle('invalid', !!message);
    for (const box of parts ?? [control]) {
      if (message) box.setAttribute('aria-invalid', 'true');
      else box.removeAttribute('aria-invalid');
    }
    const ids = [hint, message ? error.id : undefined].filter(Boolean).join(' ');
    // A date input's fieldset carries the hint and the error for its three boxes.
    const described = parts ? group : control;
    if (ids) described.setAttribute('aria-describedby', ids);
    else described.removeAttribute('aria-describedby');
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
