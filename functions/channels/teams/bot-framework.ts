/**
 * The only module that imports the Bot Framework SDK (botbuilder). Microsoft archived it in 2025 in favour of the
 * Microsoft 365 Agents SDK, which speaks the same Activity protocol: moving means rewriting this module only.
 *
 * Every request is authenticated by the Bot Framework's own JWT validation (app id, single-tenant app type and
 * tenant) before any bot logic runs; the turn completes inside the invocation (replies are sent to the
 * conversation's service URL before it returns), so nothing lingers after the Lambda responds.
 */
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { TeamsReply, TeamsTurn } from './conversation.ts';

export interface BotCredentials {
  /** Empty only for local development with the Bot Framework Emulator: then no token is checked. */
  appId: string;
  appPassword: string;
  tenantId: string;
}

export interface BotResponse {
  status: number;
  body?: string;
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

export function createBotEndpoint(
  credentials: BotCredentials,
  converse: (turn: TeamsTurn) => TeamsReply[] | Promise<TeamsReply[]>,
  onInstalled?: OnInstalled,
) {
  const auth = authenticationFor(credentials);
  const adapter = new CloudAdapter(auth);
  const bot = new PrivacyBot(converse, onInstalled);

  return async (authorization: string | undefined, body: string | undefined): Promise<BotResponse> => {
    let activity: Activity;
    try {
      activity = JSON.parse(body ?? '') as Activity;
      if (!activity || typeof activity.type !== 'string') throw new Error('not an activity');
    } catch {
      return { status: 400, body: 'The request body is not a Bot Framework activity.' };
    }
    let authenticated;
    try {
      authenticated = await auth.authenticateRequest(activity, authorization ?? '');
    } catch {
      return { status: 401 };
    }
    await adapter.processActivityDirect(authenticated, activity, (context) => bot.run(context));
    return { status: 200 };
  };
}

/** Posts a message to a conversation the bot stored (proactive: the daily due/overdue list to the IG channel). */
export function createProactivePoster(credentials: BotCredentials) {
  const adapter = new CloudAdapter(authenticationFor(credentials));
  return async (reference: Record<string, unknown>, text: string): Promise<void> => {
    await adapter.continueConversationAsync(
      credentials.appId,
      reference as unknown as Partial<ConversationReference>,
      async (context) => {
        await context.sendActivity({ type: 'message', text });
      },
    );
  };
}
