/**
 * The only module that imports the Bot Framework SDK (botbuilder). Microsoft archived it in 2025 in favour of the
 * Microsoft 365 Agents SDK, which speaks the same Activity protocol: moving means rewriting this module only.
 *
 * Every request is authenticated by the Bot Framework's own JWT validation (app id, single-tenant app type and
 * tenant) before any bot logic runs; the turn completes inside the invocation (replies are sent to the
 * conversation's service URL before it returns), so nothing lingers after the Lambda responds.
 */
import { connect } from 'node:net';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import * as z from 'zod/mini';
import type { TeamsPoster } from '#core/ports.ts';
import type { TeamsReply, TeamsTurn } from './conversation.ts';

/**
 * The fields of an activity the adapter and the bot rely on, checked before either sees it: an activity the Bot
 * Framework would trip over (no conversation id, a number for an id) is the caller's mistake, answered 400, not 500.
 * Other fields pass through as they are.
 */
const account = z.looseObject({ id: z.string().check(z.minLength(1)) });
const ActivityShape = z.looseObject({
  type: z.string().check(z.minLength(1)),
  id: z.optional(z.string()),
  channelId: z.string().check(z.minLength(1)),
  serviceUrl: z.optional(z.string()),
  from: account,
  recipient: account,
  conversation: account,
  text: z.optional(z.string()),
  replyToId: z.optional(z.string()),
  membersAdded: z.optional(z.array(account)),
  membersRemoved: z.optional(z.array(account)),
});

export interface BotCredentials {
  /** Empty only for local development with the Bot Framework Emulator: then no token is checked. */
  appId: string;
  appPassword: string;
  tenantId: string;
}

export interface BotResponse {
  status: number;
  /** Why a request was refused (the API's error shape is the caller's job). */
  error?: { code: string; message: string };
}

const LOOPBACK_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** An http(s) URL on this machine: where the Bot Framework Emulator listens for replies. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

/** Errors that mean the connector at the activity's serviceUrl could not be reached or refused the reply. */
function isDeliveryFailure(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; statusCode?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : '';
  return (
    /^(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/.test(code) ||
    e?.name === 'RestError' ||
    e?.name === 'FetchError' ||
    typeof e?.statusCode === 'number'
  );
}

/** Called when the bot is added to a team channel: where to post, who added it. */
export type OnInstalled = (
  reference: Record<string, unknown>,
  by: { aadObjectId?: string; tenantId?: string },
) => Promise<string | undefined>;

class PrivacyBot extends TeamsActivityHandler {
  constructor(converse: (turn: TeamsTurn) => TeamsReply[] | Promise<TeamsReply[]>, onInstalled?: OnInstalled) {
    super();
    this.onMembersAdded(async (context, next) => {
      const activity = context.activity;
      const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id);
      if (botAdded && onInstalled && activity.conversation?.conversationType === 'channel') {
        const reply = await onInstalled(
          TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>,
          {
            ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
            ...(activity.conversation?.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
          },
        );
        if (reply) await context.sendActivity(reply);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = messageText(context);
      const activity = context.activity;
      const replies = await converse({
        text,
        ...(activity.value !== undefined ? { value: activity.value } : {}),
        conversationId: activity.conversation.id,
        user: {
          ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
          ...(activity.conversation?.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
        },
      });
      for (const reply of replies) {
        if ('card' in reply && reply.replace && activity.replyToId) {
          // The card a button was pressed on is updated in place (the SAR form becomes its confirmation).
          await context.updateActivity({
            id: activity.replyToId,
            type: 'message',
            attachments: [CardFactory.adaptiveCard(reply.card)],
          });
          continue;
        }
        await context.sendActivity(
          'card' in reply
            ? { type: 'message', attachments: [CardFactory.adaptiveCard(reply.card)] }
            : { type: 'message', text: reply.text },
        );
      }
      await next();
    });
  }
}

/** The message text without the bot's @mention (in a channel Teams prefixes "<at>Bot</at>"). */
function messageText(context: TurnContext): string {
  return (context.activity.text ?? '').replace(/<at>[^<]*<\/at>/g, '').trim();
}

/** Single-tenant with an app id; with none, the Emulator's unauthenticated local mode. */
function authenticationFor(credentials: BotCredentials) {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword,
    MicrosoftAppTenantId: credentials.tenantId,
    MicrosoftAppType: credentials.appId ? 'SingleTenant' : 'MultiTenant',
  });
}

/**
 * Whether something listens at the URL's host and port (one TCP connect, within a second). In Emulator mode the
 * connector is this machine's Emulator: when it is not running the turn is not started, rather than failing after
 * the connector client's retries.
 */
function listening(serviceUrl: string): Promise<boolean> {
  const url = new URL(serviceUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port, timeout: 1000 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

const NO_SERVICE_URL: BotResponse = {
  status: 400,
  error: { code: 'invalid-activity', message: 'The activity has no serviceUrl to send the reply to.' },
};
const NOT_DELIVERED: BotResponse = {
  status: 502,
  error: { code: 'reply-not-delivered', message: 'The reply could not be delivered to the activity’s serviceUrl.' },
};

export function createBotEndpoint(
  credentials: BotCredentials,
  converse: (turn: TeamsTurn) => TeamsReply[] | Promise<TeamsReply[]>,
  onInstalled?: OnInstalled,
) {
  const auth = authenticationFor(credentials);
  const adapter = new CloudAdapter(auth);
  const bot = new PrivacyBot(converse, onInstalled);

  const emulator = !credentials.appId;
  return async (authorization: string | undefined, body: string | undefined): Promise<BotResponse> => {
    const parsed = parseActivity(body);
    if (!parsed.ok) return parsed.refusal;
    const { activity } = parsed;
    const hasServiceUrl = typeof activity.serviceUrl === 'string' && activity.serviceUrl !== '';
    // Without an app id no token is checked, so a reply may go only to an Emulator on this machine: never to an
    // address a caller names.
    if (emulator && !hasServiceUrl) return NO_SERVICE_URL;
    if (emulator && !isLoopbackUrl(activity.serviceUrl))
      return {
        status: 403,
        error: {
          code: 'forbidden',
          message:
            'Without MICROSOFT_APP_ID the bot runs for the Bot Framework Emulator only and replies to a serviceUrl on this machine.',
        },
      };
    let authenticated;
    try {
      authenticated = await auth.authenticateRequest(activity, authorization ?? '');
    } catch {
      return { status: 401, error: { code: 'unauthorized', message: 'The activity is not authenticated.' } };
    }
    if (!hasServiceUrl) return NO_SERVICE_URL;
    if (emulator && !(await listening(activity.serviceUrl))) return NOT_DELIVERED;
    return runTurn(adapter, bot, authenticated, activity);
  };
}

/** The body as an activity the adapter can take, or the 400 that says what is wrong with it. */
function parseActivity(
  body: string | undefined,
): { ok: true; activity: Activity } | { ok: false; refusal: BotResponse } {
  let activity: Activity;
  try {
    activity = JSON.parse(body ?? '') as Activity;
  } catch {
    return {
      ok: false,
      refusal: {
        status: 400,
        error: { code: 'invalid-activity', message: 'The request body is not a Bot Framework activity.' },
      },
    };
  }
  const shape = z.safeParse(ActivityShape, activity);
  if (shape.success) return { ok: true, activity };
  const issue = shape.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'activity';
  return {
    ok: false,
    refusal: {
      status: 400,
      error: {
        code: 'invalid-activity',
        message: `The request body is not a Bot Framework activity: ${field} is missing or not in the right form.`,
      },
    },
  };
}

/**
 * Runs the bot on an authenticated activity. The adapter wraps whatever a turn throws in a plain Error, so a failed
 * send to the connector is caught where it happens: that one is the caller's connector failing (502), anything else
 * is ours (thrown on: 500).
 */
async function runTurn(
  adapter: CloudAdapter,
  bot: PrivacyBot,
  authenticated: Awaited<ReturnType<ReturnType<typeof authenticationFor>['authenticateRequest']>>,
  activity: Activity,
): Promise<BotResponse> {
  let undelivered: unknown;
  const noting = async <T>(send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      undelivered ??= error;
      throw error;
    }
  };
  try {
    await adapter.processActivityDirect(authenticated, activity, async (context) => {
      context.onSendActivities((_context, _activities, next) => noting(next));
      context.onUpdateActivity((_context, _activity, next) => noting(next));
      await bot.run(context);
    });
  } catch (error) {
    if (undelivered === undefined || !isDeliveryFailure(undelivered)) throw error;
    return NOT_DELIVERED;
  }
  return { status: 200 };
}

/** Posts a message to a conversation the bot stored (proactive: the daily due/overdue list to the IG channel). */
export function createProactivePoster(credentials: BotCredentials): TeamsPoster {
  const adapter = new CloudAdapter(authenticationFor(credentials));
  return {
    async post(reference, text) {
      await adapter.continueConversationAsync(
        credentials.appId,
        reference as unknown as Partial<ConversationReference>,
        async (context) => {
          await context.sendActivity({ type: 'message', text });
        },
      );
    },
  };
}
