/**
 * What the Teams bot does with a turn, as plain TypeScript: a typed message or a card button in, replies out.
 * The Bot Framework adapter (bot-framework.ts) only moves activities; the behaviour lives here.
 *
 * Who may do what: only the configured Microsoft Entra tenant(s) may use the bot at all; the information-governance
 * commands (SAR status, due this week, overdue) only the configured staff. A reference that does not exist and
 * one the user may not see get the same answer, so the bot never confirms that a case exists.
 *
 * Follow-ups keep the conversation's context ({notice, council, topic}, as the web chat's `context`) without a
 * session table: every card button carries it in its data, and for a question typed in the compose box, which
 * carries nothing back, it is remembered per conversation in a TeamsContextStore (one small expiring item).
 */
import { TOPICS, type Answer, type SessionContext } from '#core/answer-contract.ts';
import { chatTurn } from '#core/chat.ts';
import type { EscalationOutcome } from '#core/escalation/submit.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import type { SarIntakeClient, TeamsChannelStore, TeamsContextStore } from '#core/ports.ts';
import { bindingDueDate, type SarCase } from '#core/sar/case.ts';
import { normaliseReference } from '#core/sar/reference.ts';
import {
  answerCard,
  ESCALATE_FIELDS,
  escalateCard,
  escalatedCard,
  helpCard,
  LOG_SAR_FIELDS,
  logSarCard,
  sarLoggedCard,
  type AdaptiveCard,
  type AskValue,
  type LogSarValues,
} from './cards.ts';

export interface TeamsTurn {
  /** The message text with the bot's @mention removed. */
  text: string;
  /** A card button's data, when the turn is a card submit. */
  value?: unknown;
  /** Who is asking, from the activity Teams sent (already authenticated by the adapter). */
  user?: { aadObjectId?: string; tenantId?: string };
  /** The Bot Framework conversation (a personal chat, or a channel thread): where a typed follow-up's context is. */
  conversationId?: string;
}

/** `replace`: update the card the button was pressed on (the SAR form becomes its confirmation) instead of a new message. */
export type TeamsReply = { card: AdaptiveCard; replace?: boolean } | { text: string };

export interface TeamsAccess {
  /** Entra tenant ids allowed to use the bot; empty allows any (local development only). */
  tenants: string[];
  /** Entra object ids of the information-governance staff allowed the SAR commands. */
  staff: string[];
  /** The council whose SAR lists "due this week" and "overdue" show. */
  council: string;
}

/** The SAR intake, reached by Lambda Invoke (adapters/lambda-sar-intake.ts): the bot only invokes its actions. */
export type TeamsSarIntake = Pick<SarIntakeClient, 'invoke'>;

type CaseResult = { ok: true; case: SarCase } | { ok: false; error: { message: string } };
type RemindersResult =
  { ok: true; horizon: string; overdue: SarCase[]; dueSoon: SarCase[] } | { ok: false; error: { message: string } };

const ACKNOWLEDGE = /^acknowledge\s+(ESC-[A-Z0-9]{4}-[A-Z0-9]{4})\W*$/i;
const ESCALATE = /^escalate\b\s*(.*)$/is;
const LOG_SAR = /^log\s+(?:a\s+)?(?:sar|subject access request)\W*$/i;
const HELP = /^(?:help|\?|hi|hello|what can you do)\W*$/i;
const STATUS = /^(?:sar\s+)?status\s+(\S+)\s*$/i;
const DUE = /^due(?:\s+this\s+week)?\W*$/i;
const OVERDUE = /^overdue\W*$/i;

const NOT_FOUND =
  'I cannot find a SAR with that reference that you can see. Check the reference, or ask the information governance team.';
const STAFF_ONLY = 'Only the information governance team can see SAR cases here. Ask them, quoting the reference.';

export interface TeamsConversationDependencies {
  index: KnowledgeIndex;
  intake?: TeamsSarIntake;
  access?: TeamsAccess;
  /**
   * Today as YYYY-MM-DD, the form's default received date: the entries pass shared/today.ts's londonToday (Europe/London);
   * left out (tests), today's date in UTC.
   */
  today?: () => string;
  newKey?: () => string;
  /** The escalation path the widget uses (core/escalation/submit.ts submitEscalation). */
  escalate?: (body: unknown) => Promise<EscalationOutcome>;
  /** Marks a complaint acknowledged (the digest's signed link does the same); undefined when there is none. */
  acknowledge?: (reference: string, on: string) => Promise<{ reference: string; acknowledgedOn?: string } | undefined>;
  /**
   * Each conversation's context for typed follow-ups: in AWS one DynamoDB item per conversation
   * (adapters/dynamodb-teams-context-store.ts); left out, this process's memory (npm start, tests: one process).
   */
  contexts?: TeamsContextStore;
}

/** What every command reads: the dependencies with their defaults, and who counts as staff. */
interface Conversation {
  deps: TeamsConversationDependencies;
  access: TeamsAccess;
  today: () => string;
  newKey: () => string;
  /** The council's services, for the SAR form's choice. */
  services: { id: string; name: string }[];
  isStaff: (turn: TeamsTurn) => boolean;
  contexts: TeamsContextStore;
}

export function createTeamsConversation(deps: TeamsConversationDependencies) {
  const access = deps.access ?? { tenants: [], staff: [], council: '' };
  const ctx: Conversation = {
    deps,
    access,
    today: deps.today ?? (() => new Date().toISOString().slice(0, 10)),
    newKey: deps.newKey ?? (() => crypto.randomUUID()),
    services: [...deps.index.notices.values()]
      .filter((n) => !access.council || n.notice.council === access.council)
      .map((n) => ({ id: n.notice.id, name: n.notice.service })),
    isStaff: (turn) => !!turn.user?.aadObjectId && access.staff.includes(turn.user.aadObjectId),
    contexts: deps.contexts ?? memoryContextStore(),
  };
  return async (turn: TeamsTurn): Promise<TeamsReply[]> => {
    if (access.tenants.length && !access.tenants.includes(turn.user?.tenantId ?? ''))
      return [{ text: 'Sorry, this assistant is only for the council’s own staff.' }];
    return (await onCardSubmit(ctx, turn)) ?? onText(ctx, turn);
  };
}

/** A card button: the SAR form sent or opened, the escalation form sent, a suggested question asked. */
async function onCardSubmit(ctx: Conversation, turn: TeamsTurn): Promise<TeamsReply[] | undefined> {
  const { deps } = ctx;
  const submitted = turn.value as { command?: unknown; idempotencyKey?: unknown } | undefined;
  if (submitted?.command === 'log-sar' && typeof submitted.idempotencyKey === 'string') {
    const values: LogSarValues = { idempotencyKey: submitted.idempotencyKey };
    for (const key of [...LOG_SAR_FIELDS.map(([id]) => id), 'channel', 'receivedOn', 'notice']) {
      const v = (turn.value as Record<string, unknown>)[key];
      if (typeof v === 'string') values[key] = v.slice(0, 4000);
    }
    return logSar(ctx, values, turn);
  }
  // "Log a SAR for this person" under an answer: the form, with the service of that answer chosen.
  if (submitted?.command === 'open-log-sar') {
    const sent = turn.value as { notice?: unknown; context?: unknown };
    const notice = typeof sent.notice === 'string' ? sent.notice : knownContext(deps.index, sent.context)?.notice;
    const chosen = typeof notice === 'string' && deps.index.notices.has(notice) ? { notice } : {};
    return [
      { card: logSarCard({ idempotencyKey: ctx.newKey(), ...chosen }, { today: ctx.today(), services: ctx.services }) },
    ];
  }
  if (submitted?.command === 'escalate') {
    const values: Record<string, string> = {};
    for (const [key] of ESCALATE_FIELDS) {
      const v = (turn.value as Record<string, unknown>)[key];
      if (typeof v === 'string' && v.trim()) values[key] = v.trim().slice(0, 4000);
    }
    return escalate(ctx, values);
  }
  const value = turn.value as Partial<AskValue> | undefined;
  if (value && typeof value.ask === 'string') {
    const notice = typeof value.notice === 'string' && deps.index.notices.has(value.notice) ? value.notice : undefined;
    // The button carries the context of the answer it was under: no store is read.
    const { answer, context } = await ask(ctx, turn, value.ask, notice, { carried: value.context });
    return [{ card: answerCard(deps.index, answer, context) }];
  }
  return undefined;
}

/**
 * A question answered in the conversation's context, as the web chat answers it (core/chat.ts chatTurn): the context
 * a button carried, or else the one remembered for the conversation; the next context is remembered for a typed
 * follow-up. The store failing costs only the follow-up's context (the bot then asks which service), never the answer.
 */
async function ask(
  ctx: Conversation,
  turn: TeamsTurn,
  question: string,
  notice?: string,
  { carried }: { carried?: unknown } = {},
): Promise<{ answer: Answer; context: SessionContext }> {
  const id = turn.conversationId;
  const remembered = carried === undefined && id ? await ctx.contexts.get(id).catch(() => undefined) : undefined;
  const session = knownContext(ctx.deps.index, carried ?? remembered);
  const { context, answer } = chatTurn(
    { index: ctx.deps.index, newSessionId: () => '' },
    { message: question, ...(notice ? { notice } : {}), ...(session ? { context: session } : {}) },
  );
  if (id && (carried !== undefined || !sameContext(context, remembered)))
    await ctx.contexts.put(id, context).catch(() => undefined);
  return { answer, context };
}

/** The context as far as the knowledge base knows it (a card may outlive a notice): unknown parts are dropped. */
function knownContext(index: KnowledgeIndex, value: unknown): SessionContext | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { notice, council, topic } = value as Record<string, unknown>;
  const known: SessionContext = {
    ...(typeof notice === 'string' && index.notices.has(notice) ? { notice } : {}),
    ...(typeof council === 'string' && index.councils.has(council) ? { council } : {}),
    ...(typeof topic === 'string' && (TOPICS as readonly string[]).includes(topic)
      ? { topic: topic as SessionContext['topic'] }
      : {}),
  };
  return Object.keys(known).length ? known : undefined;
}

const sameContext = (a: SessionContext | undefined, b: SessionContext | undefined) =>
  a?.notice === b?.notice && a?.council === b?.council && a?.topic === b?.topic;

/** Contexts in this process's memory, for one process (npm start, tests); they expire after an hour, as in DynamoDB. */
export function memoryContextStore(ttlMs = 60 * 60 * 1000, now = () => Date.now()): TeamsContextStore {
  const items = new Map<string, { context: SessionContext; expires: number }>();
  return {
    get: async (id) => {
      const item = items.get(id);
      return item && item.expires > now() ? item.context : undefined;
    },
    put: async (id, context) => {
      items.delete(id); // re-inserted last, so the bound below drops the longest idle first
      items.set(id, { context, expires: now() + ttlMs });
      if (items.size > 10_000) items.delete(items.keys().next().value!);
    },
  };
}

/** A typed message: a command, or else a question for the notices. */
async function onText(ctx: Conversation, turn: TeamsTurn): Promise<TeamsReply[]> {
  const { deps } = ctx;
  const text = turn.text.trim();
  if (!text || HELP.test(text)) return [{ card: helpCard() }];
  const acknowledging = ACKNOWLEDGE.exec(text);
  if (acknowledging) return acknowledge(ctx, acknowledging[1]!.toUpperCase(), turn);
  const escalating = ESCALATE.exec(text);
  if (escalating) return [{ card: escalateCard({ message: escalating[1]!.trim() }) }];
  if (LOG_SAR.test(text))
    return [{ card: logSarCard({ idempotencyKey: ctx.newKey() }, { today: ctx.today(), services: ctx.services }) }];
  const asked = STATUS.exec(text);
  if (asked) return status(ctx, asked[1]!, turn);
  if (/^(?:sar\s+)?status\W*$/i.test(text))
    return [{ text: 'Send "SAR status" and the reference, for example: SAR status SAR-7KQ4-M2XD' }];
  if (DUE.test(text)) return lists(ctx, 'due', turn);
  if (OVERDUE.test(text)) return lists(ctx, 'overdue', turn);
  const { answer, context } = await ask(ctx, turn, text);
  // Not a command, and not a question the notices answer well: show what the bot can do as well.
  if (answer.topic === 'out-of-scope' || answer.confidence < 0.5)
    return [{ card: answerCard(deps.index, answer, context) }, { card: helpCard() }];
  return [{ card: answerCard(deps.index, answer, context) }];
}

async function acknowledge(ctx: Conversation, reference: string, turn: TeamsTurn): Promise<TeamsReply[]> {
  if (!ctx.isStaff(turn) || !ctx.deps.acknowledge) return [{ text: STAFF_ONLY.replace('SAR cases', 'complaints') }];
  const done = await ctx.deps.acknowledge(reference, ctx.today());
  return [
    {
      text: done
        ? `Complaint ${done.reference} is marked acknowledged on ${done.acknowledgedOn}. It will no longer appear in the digest.`
        : 'I cannot find a complaint with that reference.',
    },
  ];
}

async function status(ctx: Conversation, reference: string, turn: TeamsTurn): Promise<TeamsReply[]> {
  const { deps, access } = ctx;
  if (!ctx.isStaff(turn) || !deps.intake) return [{ text: NOT_FOUND }];
  const normalised = normaliseReference(reference);
  if (!normalised) return [{ text: NOT_FOUND }];
  const result = (await deps.intake.invoke({ action: 'get', reference: normalised })) as CaseResult;
  if (!result.ok) return [{ text: result.error.message.startsWith('No case') ? NOT_FOUND : result.error.message }];
  // Councils see only their own cases.
  if (access.council && result.case.council !== access.council) return [{ text: NOT_FOUND }];
  const c = result.case;
  const recent = c.audit.slice(-3).map((a) => `- ${a.at.slice(0, 10)}: ${a.from ?? 'new'} → ${a.to} (${a.why})`);
  return [
    {
      text: [
        `**${c.reference}**: ${c.status}, due ${bindingDueDate(c) ?? 'when the clock starts'}`,
        `Received ${c.receivedOn} by ${c.channel}`,
        ...(recent.length ? ['Latest:', ...recent] : []),
      ].join('\n\n'),
    },
  ];
}

async function lists(ctx: Conversation, which: 'due' | 'overdue', turn: TeamsTurn): Promise<TeamsReply[]> {
  const { deps, access } = ctx;
  if (!ctx.isStaff(turn) || !deps.intake) return [{ text: STAFF_ONLY }];
  const result = (await deps.intake.invoke({ action: 'reminders', council: access.council })) as RemindersResult;
  if (!result.ok) return [{ text: result.error.message }];
  const cases = which === 'due' ? result.dueSoon : result.overdue;
  const title = which === 'due' ? `Due by ${result.horizon} (five working days)` : 'Overdue';
  if (!cases.length) return [{ text: `${title}: none.` }];
  return [
    {
      text: [
        `**${title}: ${cases.length}**`,
        ...cases.map((c) => `- ${c.reference}: ${c.status}, due ${bindingDueDate(c)}`),
      ].join('\n\n'),
    },
  ];
}

/** The submitted form: the intake creates the case (once per form, by its key) or the form comes back with errors. */
async function logSar(ctx: Conversation, values: LogSarValues, turn: TeamsTurn): Promise<TeamsReply[]> {
  const { deps, access, today } = ctx;
  const form = (errors: Record<string, string>) => [
    { card: logSarCard(values, { today: today(), services: ctx.services, errors }), replace: true },
  ];
  if (!deps.intake || !access.council) return [{ text: 'SAR logging is not set up for this council yet.' }];
  const given = (key: string) => values[key]?.trim() || undefined;
  const onBehalf = given('onBehalfOf.name') || given('onBehalfOf.relationship');
  const request = {
    idempotencyKey: values.idempotencyKey,
    council: access.council,
    ...(given('notice') ? { notice: given('notice') } : {}),
    requester: {
      name: given('requester.name') ?? '',
      ...(given('requester.email') ? { email: given('requester.email') } : {}),
      ...(given('requester.phone') ? { phone: given('requester.phone') } : {}),
      ...(given('requester.postalAddress') ? { postalAddress: given('requester.postalAddress') } : {}),
    },
    ...(onBehalf
      ? { onBehalfOf: { name: given('onBehalfOf.name') ?? '', relationship: given('onBehalfOf.relationship') ?? '' } }
      : {}),
    request: { description: given('request.description') ?? '' },
    channel: given('channel') ?? 'phone',
    // The staff member who took it, by their Entra object id (no name: ids do not change and are not personal data in logs).
    loggedBy: `teams:${turn.user?.aadObjectId ?? 'unknown'}`,
    receivedOn: given('receivedOn') ?? today(),
  };
  const result = (await deps.intake.invoke({ action: 'submit', request })) as
    | { ok: true; reference: string; dueDate: string | null; nextSteps: string }
    | { ok: false; error: { message: string; fields?: Record<string, string> } };
  if (result.ok) return [{ card: sarLoggedCard(result.reference, result.dueDate, result.nextSteps), replace: true }];
  return form(result.error.fields ?? { form: result.error.message });
}

async function escalate(ctx: Conversation, values: Record<string, string>): Promise<TeamsReply[]> {
  const { deps, access } = ctx;
  if (!deps.escalate || !access.council) return [{ text: 'Escalation is not set up for this council yet.' }];
  const outcome = await deps.escalate({
    council: access.council,
    contact: {
      ...(values['contact.email'] ? { email: values['contact.email'] } : {}),
      ...(values['contact.phone'] ? { phone: values['contact.phone'] } : {}),
    },
    message: values.message ?? '',
  });
  if (outcome.kind === 'accepted') return [{ card: escalatedCard(outcome.reference, outcome.message), replace: true }];
  const fields = outcome.kind === 'invalid' ? outcome.fields : { form: outcome.message };
  return [{ card: escalateCard(values, fields), replace: true }];
}

/**
 * The bot was added to a team channel. Only information-governance staff may make a channel the one the daily
 * due/overdue list goes to (anyone else adding it would otherwise redirect case references to their channel).
 */
export function createInstallHandler(deps: { access: TeamsAccess; channels: TeamsChannelStore; now: () => Date }) {
  return async (reference: Record<string, unknown>, by: { aadObjectId?: string; tenantId?: string }) => {
    const { access } = deps;
    if (access.tenants.length && !access.tenants.includes(by.tenantId ?? '')) return undefined;
    if (!access.council || !by.aadObjectId || !access.staff.includes(by.aadObjectId))
      return 'Hello. I answer questions about the council’s privacy notices: mention me with a question.';
    await deps.channels.save(access.council, reference, by.aadObjectId, deps.now().toISOString());
    return 'I will post the subject access requests due within five working days, and any overdue, here each working morning.';
  };
}
