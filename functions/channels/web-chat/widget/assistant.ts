/**
 * The assistant's panel: a fixed header (title, Close, the page's own links to the notice and the data protection
 * team), a scrolling conversation, and a composer that is always in view, with a polite status while an answer is
 * coming. On a small screen or at high zoom the panel is a full-screen dialog and the launcher sits in the page
 * where the container is, so it never covers the page's own links (CSS in widget.css).
 */
import type { Action, ChatReply, Message, Offer, Saved, Suggestion, TranscriptLine } from './contract.ts';
import { renderMessage, sourcesOf, sourcesOfMessage, offerButton, type FormKind } from './conversation.ts';
import { el, group, outLink, pageHref, safeUrl, textOn } from './dom.ts';
import { DpoForm } from './dpo-form.ts';
import type { FormContext } from './form-view.ts';
import { MAX_TRANSCRIPT } from './rules.ts';
import { SarForm } from './sar-form.ts';

/** The three questions people ask most, offered before anything is asked. */
export const STARTERS: Suggestion[] = [
  { label: 'What do you hold about me?', question: 'What information do you hold about me?' },
  { label: 'How long do you keep it?', question: 'How long do you keep my information?' },
  { label: 'Who do you share it with?', question: 'Who do you share my information with?' },
];
/** After this the status says plainly that it is taking long; after TIMEOUT_MS the request is given up. */
export const SLOW_MS = 4000;
const TIMEOUT_MS = 30_000;

export interface AssistantOptions {
  api: string;
  council: string | undefined;
  notice: string | undefined;
  colour: string | undefined;
  service: string | undefined;
  /** The assistant's own privacy notice (data-privacy-notice), by default the page shipped beside the widget. */
  privacyNotice: string | undefined;
}

export class PrivacyAssistant {
  private readonly root: ShadowRoot;
  private readonly launcher = el('button', {
    type: 'button',
    className: 'launcher',
    textContent: 'Questions about your data?',
  });
  private readonly panel = el('section', { id: 'pna-panel', className: 'panel', hidden: true });
  private readonly body = el('div', { className: 'body' });
  private readonly log = el('div', { className: 'log' });
  private readonly chips = group('chips', 'Suggested questions');
  private readonly error = el('div', { className: 'error', hidden: true }, el('p'));
  private readonly status = el('p', { className: 'status' });
  private readonly input = el('input', { id: 'pna-input', type: 'text', maxLength: 2000, autocomplete: 'off' });
  private readonly send = el('button', { type: 'submit', className: 'send', textContent: 'Send' });
  private readonly chat = el('div', { className: 'chat' });
  /** Where a form shows in place of the chat. */
  private readonly formView = el('div', { className: 'form-view', hidden: true });
  private readonly storageKey: string;
  private state: Saved;
  private pending: string | undefined;
  private busy = false;
  private view: SarForm | DpoForm | undefined;
  private opener: HTMLElement | undefined;
  private readonly actions = {
    openForm: (kind: FormKind, notice: string | undefined, opener: HTMLElement) => this.openForm(kind, notice, opener),
    feedback: (message: Message, helpful: boolean) => this.feedback(message, helpful),
  };

  constructor(
    private readonly host: HTMLElement,
    private readonly options: AssistantOptions,
  ) {
    this.storageKey = `privacy-assistant:${options.council ?? ''}:${options.notice ?? ''}`;
    this.state = this.restore();
    // The page's own links, read before the shadow root hides them, stay in the panel's header.
    const pageLinks = [...host.querySelectorAll('a')];
    this.root = host.attachShadow({ mode: 'open' });
    if (options.colour && /^#[0-9a-f]{6}$/i.test(options.colour)) {
      host.style.setProperty('--pna-accent', options.colour);
      host.style.setProperty('--pna-on-accent', textOn(options.colour));
    }
    this.root.append(el('link', { rel: 'stylesheet', href: `${options.api}/widget.css` }));
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-controls', 'pna-panel');
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-labelledby', 'pna-title');
    this.panel.append(this.header(pageLinks), this.chat, this.formView);
    this.chat.append(this.conversation(), this.composer());
    this.listen();
    // The panel comes first so it opens above the launcher; opening moves focus into it, so keyboard order holds.
    this.root.append(el('div', { className: 'pna' }, this.panel, this.launcher));
    for (const message of this.state.messages) this.log.append(renderMessage(message, this.actions));
    this.renderSuggestions(this.state.messages.length ? this.state.suggestions : STARTERS);
  }

  /** Title and Close, then the page's links to the full notice and the data protection team: always in view. */
  private header(pageLinks: HTMLAnchorElement[]): HTMLElement {
    const close = el('button', { type: 'button', className: 'close', textContent: 'Close' });
    close.setAttribute('aria-label', 'Close the privacy assistant');
    close.addEventListener('click', () => this.close());
    const links = pageLinks.flatMap((a) => {
      const href = pageHref(a);
      const text = a.textContent?.replace(/\s+/g, ' ').trim();
      if (!href || !text) return [];
      const label = text[0]!.toUpperCase() + text.slice(1);
      return [el('li', {}, href.startsWith('mailto:') ? el('a', { href, textContent: label }) : outLink(href, label))];
    });
    const nav = el('nav', { className: 'links' }, el('ul', {}, ...links));
    nav.setAttribute('aria-label', 'The privacy notice and the data protection team');
    if (!links.length) nav.hidden = true;
    return el(
      'div',
      { className: 'header' },
      el('div', { className: 'title' }, el('h2', { id: 'pna-title', textContent: 'Ask about your data' }), close),
      nav,
    );
  }

  /** The scrolling part: what the assistant is, what it keeps, the conversation, suggestions and hand-offs. */
  private conversation(): HTMLElement {
    this.log.setAttribute('role', 'log');
    this.log.setAttribute('aria-live', 'polite');
    this.log.setAttribute('aria-label', 'Conversation');
    const retry = el('button', { type: 'button', className: 'retry', textContent: 'Try again' });
    retry.addEventListener('click', () => this.pending && void this.ask(this.pending));
    this.error.append(retry);
    this.error.setAttribute('role', 'alert');
    const privacy = safeUrl(this.options.privacyNotice) ?? `${this.options.api}/assistant-privacy.html`;
    this.body.append(
      el('p', {
        className: 'intro',
        textContent:
          'Ask how we use your personal information. Answers come from our privacy notice and show where they come from.',
      }),
      el(
        'p',
        { className: 'kept' },
        'Nothing you type is kept after you close this tab. Questions the notices could not answer are kept, with personal details removed, so the council can improve its notices. ',
        outLink(privacy, 'How this assistant uses your information'),
      ),
      this.log,
      this.chips,
      this.error,
      group(
        'handoffs',
        'Get help from a person',
        offerButton('sar', {}, this.actions),
        offerButton('dpo', {}, this.actions),
      ),
    );
    return this.body;
  }

  private composer(): HTMLElement {
    this.status.setAttribute('role', 'status');
    const form = el(
      'form',
      { className: 'ask' },
      el('label', { htmlFor: 'pna-input', textContent: 'Your question' }),
      el('div', { className: 'row' }, this.input, this.send),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // Focus stays with the person: in the box, ready for the next question, whatever was pressed.
      this.input.focus();
      const question = this.input.value.trim();
      if (question) void this.ask(question);
    });
    return el('div', { className: 'composer' }, this.status, form);
  }

  private listen(): void {
    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    // Escape closes the panel wherever focus has gone on the page (say, after a button it held was removed).
    document.addEventListener('keydown', (event) => {
      const active = document.activeElement;
      if (event.key === 'Escape' && !this.panel.hidden && (active === document.body || active === this.host)) {
        this.close();
      }
    });
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
    this.host.classList.add('pna-open');
    (this.view?.heading ?? this.input).focus();
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.host.classList.remove('pna-open');
    this.launcher.focus();
  }

  /**
   * Shows a form in place of the chat: the subject access request ('sar') or the message to the Data Protection
   * Officer ('dpo'). A new form each time (for a request, a new idempotency key), about the notice the answer
   * offering it named, else the conversation's, else the page's.
   */
  openForm(kind: FormKind, chosenNotice?: string, opener?: HTMLElement): void {
    const { api, council, notice: pageNotice, service } = this.options;
    const notice = chosenNotice ?? this.state.notice ?? pageNotice;
    this.opener = opener;
    const context: FormContext = {
      api,
      council,
      notice,
      sent: (line) => {
        this.add({ from: 'assistant', text: line });
        this.persist();
        this.opener = undefined;
      },
      leave: () => this.closeForm(),
    };
    const serviceName = notice
      ? (this.state.services?.[notice] ?? (notice === pageNotice ? service : undefined))
      : undefined;
    this.view =
      kind === 'sar'
        ? new SarForm({ ...context, service: serviceName })
        : new DpoForm({ ...context, sessionId: this.state.sessionId, transcript: this.transcript() });
    this.formView.replaceChildren(this.view.element);
    this.chat.hidden = true;
    this.formView.hidden = false;
    this.formView.scrollTop = 0;
    this.view.heading.focus();
  }

  /** The conversation as the Data Protection Officer would be sent it: its latest lines, within the server's limits. */
  private transcript(): TranscriptLine[] {
    return this.state.messages.slice(-MAX_TRANSCRIPT).map((message) => {
      const first = sourcesOfMessage(message)[0];
      return {
        from: message.from,
        text: message.text.slice(0, 4000),
        ...(first?.notice ? { source: { notice: first.notice, section: first.sections[0]!.slice(0, 300) } } : {}),
      };
    });
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

  private add(message: Message): HTMLElement {
    this.state.messages.push(message);
    const item = renderMessage(message, this.actions);
    this.log.append(item);
    return item;
  }

  /** "No" is recorded, redacted and without the session, like a question the notices could not answer. */
  private feedback(message: Message, helpful: boolean): void {
    message.helpful = helpful;
    this.persist();
    if (helpful || !message.asked) return;
    const { question, topic, notice } = message.asked;
    void fetch(`${this.options.api}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({
        helpful: false,
        question,
        topic,
        ...(notice ? { notice } : {}),
        ...(this.options.council ? { council: this.options.council } : {}),
      }),
    }).catch(() => undefined);
  }

  /** "Finding an answer…", then, if it takes long, says so plainly; announced politely (role=status). */
  private progress(): () => void {
    this.status.textContent = 'Finding an answer…';
    this.status.classList.add('working');
    const slow = setTimeout(() => {
      this.status.textContent =
        'This is taking longer than usual. Your question has been sent: the answer will appear here.';
    }, SLOW_MS);
    return () => {
      clearTimeout(slow);
      this.status.textContent = '';
      this.status.classList.remove('working');
    };
  }

  private async request(question: string): Promise<ChatReply> {
    const notice = this.state.notice ?? this.options.notice;
    const { council } = this.options;
    const response = await fetch(`${this.options.api}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      body: JSON.stringify({
        message: question,
        ...(this.state.sessionId ? { sessionId: this.state.sessionId } : {}),
        ...(this.state.context ? { context: this.state.context } : {}),
        ...(notice ? { notice } : {}),
        ...(council ? { council } : {}),
      }),
    });
    const body = (await response.json().catch(() => undefined)) as
      (ChatReply & { error?: { message?: string } }) | undefined;
    if (!response.ok || !body || body.error) {
      throw new Error(body?.error?.message ?? 'Sorry, the assistant could not answer just now.');
    }
    return body;
  }

  /** Puts a question and its answer in the conversation, scrolled so the answer is read from its start. */
  private received(question: string, body: ChatReply): void {
    const asked = this.add({ from: 'you', text: question });
    const offered = (kind: Action['kind']): Offer | undefined => {
      const action = body.actions?.find((a) => a.kind === kind);
      return action && (action.notice ? { notice: action.notice } : {});
    };
    const [sar, dpo] = [offered('start-sar'), offered('escalate')];
    for (const [id, notice] of Object.entries(body.notices ?? {})) {
      if (typeof notice?.service === 'string') (this.state.services ??= {})[id] = notice.service;
    }
    const sources = sourcesOf(body);
    this.add({
      from: 'assistant',
      text: body.text,
      ...(sar ? { sar } : {}),
      ...(dpo ? { dpo } : {}),
      ...(sources.length ? { sources } : {}),
      // "Which service?" is a question back, not an answer to rate.
      ...(body.outcome === 'which-service'
        ? {}
        : { asked: { question, topic: body.topic, ...(body.notice ? { notice: body.notice } : {}) } }),
    });
    this.body.scrollTop = asked.offsetTop - 8;
    this.state.sessionId = body.sessionId;
    if (body.context) this.state.context = body.context;
    if (body.notice) this.state.notice = body.notice;
    this.state.suggestions = body.suggestions;
    this.renderSuggestions(body.suggestions);
  }

  async ask(question: string, chosenNotice?: string): Promise<void> {
    if (this.busy) return;
    if (chosenNotice) this.state.notice = chosenNotice;
    this.busy = true;
    this.pending = question;
    this.error.hidden = true;
    this.send.setAttribute('aria-disabled', 'true');
    this.log.setAttribute('aria-busy', 'true');
    const done = this.progress();
    try {
      const body = await this.request(question);
      done();
      this.received(question, body);
      if (this.input.value.trim() === question) this.input.value = '';
      this.pending = undefined;
      this.persist();
    } catch (error) {
      done();
      // What the person typed stays in the box; they can try again.
      const name = (error as Error)?.name;
      const message =
        name === 'TimeoutError'
          ? 'Sorry, the assistant is taking too long to answer.'
          : error instanceof TypeError
            ? 'Sorry, we could not reach the assistant. Check your connection.'
            : (error as Error).message;
      this.error.querySelector('p')!.textContent = `${message} Your question has not been lost.`;
      this.error.hidden = false;
      if (!this.input.value) this.input.value = question;
    } finally {
      this.busy = false;
      this.send.removeAttribute('aria-disabled');
      this.log.removeAttribute('aria-busy');
    }
  }
}
