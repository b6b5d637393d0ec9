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
interface ChatReply {
  sessionId: string;
  topic: string;
  notice: string | null;
  text: string;
  citations: Citation[];
  suggestions: Suggestion[];
  actions: Action[];
  notices?: Record<string, NoticeInfo>;
}
interface Message {
  from: 'you' | 'assistant';
  text: string;
  source?: { label: string; section: string; url?: string };
}
interface Saved {
  sessionId?: string;
  notice?: string;
  messages: Message[];
  suggestions: Suggestion[];
}

const HANDOFFS = [
  { label: 'Request a copy of my data', question: 'How do I get a copy of my data?' },
  { label: 'Contact the Data Protection Officer', question: 'How do I contact the Data Protection Officer?' },
];

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

class PrivacyAssistant {
  private readonly root: ShadowRoot;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly error: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly send: HTMLButtonElement;
  private readonly storageKey: string;
  private state: Saved;
  private pending: string | undefined;

  constructor(
    host: HTMLElement,
    private readonly api: string,
    private readonly council: string | undefined,
    private readonly notice: string | undefined,
    colour: string | undefined,
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
    for (const handoff of HANDOFFS) {
      const button = el('button', { type: 'button', className: 'handoff', textContent: handoff.label });
      button.addEventListener('click', () => void this.ask(handoff.question));
      handoffs.append(button);
    }
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

    this.panel = el(
      'section',
      { id: 'pna-panel', className: 'panel', hidden: true },
      el('div', { className: 'header' }, title, close),
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
    this.input.focus();
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
    return item;
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
      this.add({
        from: 'assistant',
        text: body.text,
        ...(first
          ? {
              source: {
                label: `${info?.service ?? first.notice} privacy notice${updated(info?.reviewed)}`,
                section: first.section,
                ...(info?.url ? { url: info.url } : {}),
              },
            }
          : {}),
      });
      this.state.sessionId = body.sessionId;
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
    );
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
