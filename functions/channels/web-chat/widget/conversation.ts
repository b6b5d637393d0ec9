/**
 * The conversation's lines as the panel shows them: what the person asked, each answer with every notice section
 * it used, the buttons an answer offers (a request, the Data Protection Officer) and, under each answer,
 * "Did this answer your question? Yes / No".
 */
import type { ChatReply, Message, Offer, SourceRef } from './contract.ts';
import { el, outLink, renderText, safeUrl, updated } from './dom.ts';
import { DPO_LABEL, SAR_LABEL } from './rules.ts';

export type FormKind = 'sar' | 'dpo';

/** What a rendered line can ask of the assistant around it. */
export interface ConversationActions {
  /** A button under an answer (or under the chat) opens a form. */
  openForm(kind: FormKind, notice: string | undefined, opener: HTMLElement): void;
  /** The person said whether an answer helped; the message is updated and saved by the caller. */
  feedback(message: Message, helpful: boolean): void;
}

/** "'A'", "'A' and 'B'", "'A', 'B' and 'C'". */
function sectionList(sections: string[]): string {
  const quoted = sections.map((s) => `'${s}'`);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** Every notice an answer cites, each with the sections of it used, once each and in the answer's order. */
export function sourcesOf(body: ChatReply): SourceRef[] {
  const byNotice = new Map<string, SourceRef>();
  for (const citation of body.citations) {
    const info = body.notices?.[citation.notice];
    const source = byNotice.get(citation.notice) ?? {
      label: `${info?.service ?? citation.notice} privacy notice${updated(info?.reviewed)}`,
      notice: citation.notice,
      ...(info?.url ? { url: info.url } : {}),
      sections: [],
    };
    if (!source.sections.includes(citation.section)) source.sections.push(citation.section);
    byNotice.set(citation.notice, source);
  }
  return [...byNotice.values()];
}

/** A message's sources, reading the one-citation shape earlier versions saved too. */
export function sourcesOfMessage(message: Message): SourceRef[] {
  if (message.sources) return message.sources;
  const old = message.source;
  return old ? [{ label: old.label, notice: old.notice, url: old.url, sections: [old.section] }] : [];
}

/** A button that opens a form: under the chat, or under an answer that offered it. */
export function offerButton(kind: FormKind, { notice }: Offer, actions: ConversationActions): HTMLButtonElement {
  const button = el('button', {
    type: 'button',
    className: 'handoff',
    textContent: kind === 'sar' ? SAR_LABEL : DPO_LABEL,
  });
  button.addEventListener('click', () => actions.openForm(kind, notice, button));
  return button;
}

function sourceLine(source: SourceRef): HTMLElement {
  const url = safeUrl(source.url);
  const notice = url ? outLink(url, source.label) : source.label;
  return el('p', { className: 'source' }, 'From the ', notice, `, ${sectionList(source.sections)}`);
}

/** "Did this answer your question?" with Yes and No, or the thanks once answered. */
function feedbackBlock(message: Message, actions: ConversationActions, item: HTMLElement): HTMLElement {
  if (message.helpful !== undefined) return thanks(message.helpful);
  const id = `pna-helpful-${Math.random().toString(36).slice(2, 10)}`;
  const box = el('div', { className: 'feedback' }, el('p', { id, textContent: 'Did this answer your question?' }));
  box.setAttribute('role', 'group');
  box.setAttribute('aria-labelledby', id);
  for (const [helpful, label] of [
    [true, 'Yes'],
    [false, 'No'],
  ] as const) {
    const button = el('button', { type: 'button', className: 'answer-feedback', textContent: label });
    button.setAttribute('aria-describedby', id);
    button.addEventListener('click', () => {
      actions.feedback(message, helpful);
      const said = thanks(helpful);
      box.replaceWith(said);
      if (!helpful && !message.dpo) said.after(offerButton('dpo', {}, actions));
      said.focus();
      item.classList.add('rated');
    });
    box.append(button);
  }
  return box;
}

function thanks(helpful: boolean): HTMLElement {
  return el('p', {
    className: 'feedback-thanks',
    tabIndex: -1,
    textContent: helpful
      ? 'Thank you for telling us.'
      : 'Thank you. We have noted that this answer did not help, without your details or this conversation, so the council can improve its notice. You can also ask the Data Protection Officer.',
  });
}

export function renderMessage(message: Message, actions: ConversationActions): HTMLElement {
  const item = el(
    'div',
    { className: `msg ${message.from}` },
    el('p', { className: 'who', textContent: message.from === 'you' ? 'You asked' : 'Answer' }),
    renderText(message.text),
  );
  for (const source of sourcesOfMessage(message)) item.append(sourceLine(source));
  if (message.sar) item.append(offerButton('sar', message.sar, actions));
  if (message.dpo) item.append(offerButton('dpo', message.dpo, actions));
  if (message.asked) item.append(feedbackBlock(message, actions, item));
  return item;
}
