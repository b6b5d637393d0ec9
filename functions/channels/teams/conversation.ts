/**
 * What the Teams bot does with a turn, as plain TypeScript: a typed message or a card button in, replies out.
 * The Bot Framework adapter (bot-framework.ts) only moves activities; the behaviour lives here.
 *
 * Who may do what: only the configured Microsoft Entra tenant(s) may use the bot at all; the information-governance
 * commands (SAR status, due this week, overdue) only the configured staff. A reference that does not exist and
 * one the user may not see get the same answer, so the bot never confirms that a case exists.
 */
import { answerQuestion } from '#core/answer.ts';
import type { KnowledgeIndex } from '#core/knowledge-index.ts';
import { bindingDueDate, type SarCase } from '#core/sar/case.ts';
import { normaliseReference } from '#core/sar/reference.ts';
import { answerCard, helpCard, type AdaptiveCard, type AskValue } from './cards.ts';

export interface TeamsTurn {
  /** The message text with the bot's @mention removed. */
  text: string;
  /** A card button's data, when the turn is a card submit. */
  value?: unknown;
  /** Who is asking, from the activity Teams sent (already authenticated by the adapter). */
  user?: { aadObjectId?: string; tenantId?: string };
}

export type TeamsReply = { card: AdaptiveCard } | { text: string };

export interface TeamsAccess {
  /** Entra tenant ids allowed to use the bot; empty allows any (local development only). */
  tenants: string[];
  /** Entra object ids of the information-governance staff allowed the SAR commands. */
  staff: string[];
  /** The council whose SAR lists "due this week" and "overdue" show. */
  council: string;
}

/** The SAR intake, reached by Lambda Invoke (adapters/lambda-sar-intake.ts). */
export interface TeamsSarIntake {
  invoke(event: { action: string } & Record<string, unknown>): Promise<unknown>;
}

type CaseResult = { ok: true; case: SarCase } | { ok: false; error: { message: string } };
type RemindersResult =
  { ok: true; horizon: string; overdue: SarCase[]; dueSoon: SarCase[] } | { ok: false; error: { message: string } };

const HELP = /^(?:help|\?|hi|hello|what can you do)\W*$/i;
const STATUS = /^(?:sar\s+)?status\s+(\S+)\s*$/i;
const DUE = /^due(?:\s+this\s+week)?\W*$/i;
const OVERDUE = /^overdue\W*$/i;

const NOT_FOUND =
  'I cannot find a SAR with that reference that you can see. Check the reference, or ask the information governance team.';
const STAFF_ONLY = 'Only the information governance team can see SAR cases here. Ask them, quoting the reference.';

export function createTeamsConversation(deps: {
  index: KnowledgeIndex;
  intake?: TeamsSarIntake;
  access?: TeamsAccess;
}) {
  const access = deps.access ?? { tenants: [], staff: [], council: '' };
  const isStaff = (turn: TeamsTurn) => !!turn.user?.aadObjectId && access.staff.includes(turn.user.aadObjectId);

  async function status(reference: string, turn: TeamsTurn): Promise<TeamsReply[]> {
    if (!isStaff(turn) || !deps.intake) return [{ text: NOT_FOUND }];
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

  async function lists(which: 'due' | 'overdue', turn: TeamsTurn): Promise<TeamsReply[]> {
    if (!isStaff(turn) || !deps.intake) return [{ text: STAFF_ONLY }];
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

  return async (turn: TeamsTurn): Promise<TeamsReply[]> => {
    if (access.tenants.length && !access.tenants.includes(turn.user?.tenantId ?? ''))
      return [{ text: 'Sorry, this assistant is only for the council’s own staff.' }];
    const value = turn.value as Partial<AskValue> | undefined;
    if (value && typeof value.ask === 'string') {
      const notice =
        typeof value.notice === 'string' && deps.index.notices.has(value.notice) ? value.notice : undefined;
      const answer = answerQuestion(deps.index, { question: value.ask, ...(notice ? { notice } : {}) });
      return [{ card: answerCard(deps.index, answer) }];
    }
    const text = turn.text.trim();
    if (!text || HELP.test(text)) return [{ card: helpCard() }];
    const asked = STATUS.exec(text);
    if (asked) return status(asked[1]!, turn);
    if (/^(?:sar\s+)?status\W*$/i.test(text))
      return [{ text: 'Send "SAR status" and the reference, for example: SAR status SAR-7KQ4-M2XD' }];
    if (DUE.test(text)) return lists('due', turn);
    if (OVERDUE.test(text)) return lists('overdue', turn);
    return [{ card: answerCard(deps.index, answerQuestion(deps.index, { question: text })) }];
  };
}
