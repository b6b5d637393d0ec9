/**
 * SARs locally: the SAR intake function (served at the Lambda Invoke endpoint, as other functions reach it in AWS),
 * the widget's hand-off to it (POST /api/sar, through the real Lambda client) and the daily reminders (posted to
 * each council's Teams channel where the bot was added).
 */
import { randomBytes } from 'node:crypto';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { LambdaSarIntake } from '#adapters/lambda-sar-intake.ts';
import { createRemindersHandler } from '../../channels/reminders/handler.ts';
import { createSarIntakeHandler, type SarIntakeEvent } from '../../channels/sar-intake/handler.ts';
import type { BotCredentials } from '../../channels/teams/bot-framework.ts';
import { wireTeamsPosting } from '../../channels/teams/wire.ts';
import { wireSarHandoff } from '../../channels/web-chat/wire.ts';
import { councilCalendars } from '#shared/calendars.ts';
import type { HttpHandler } from '#shared/http.ts';
import { loggedMetrics } from '#shared/metrics.ts';
import { contextChecker, councilMailboxes } from '#shared/council-context.ts';
import { londonToday } from '#shared/today.ts';
import { LOCAL_TABLES, type LocalContext } from './route.ts';

/** The SAR intake Lambda, wired as in AWS with dynalite and the outbox. */
export function sarIntakeFunction(ctx: Omit<LocalContext, 'url' | 'allowedOrigins' | 'lambda' | 'linkSecret'>) {
  return createSarIntakeHandler({
    store: new DynamoSarCaseStore(ctx.dynamo, LOCAL_TABLES.sarCases),
    calendar: councilCalendars(ctx.index),
    knows: contextChecker(ctx.index),
    mailboxes: councilMailboxes(ctx.index),
    queue: new DynamoMailQueue(ctx.dynamo, LOCAL_TABLES.mail),
    sender: ctx.outbox,
    randomBytes: (size) => randomBytes(size),
    now: () => new Date(),
    today: () => londonToday(),
    logger: ctx.logger,
  }) as (event: SarIntakeEvent) => Promise<unknown>;
}

/** The SAR intake as its callers reach it: Lambda Invoke through the real SDK client. */
export const localSarIntake = (ctx: LocalContext) => new LambdaSarIntake(ctx.lambda, 'sar-intake');

/** POST /api/sar: the widget's SAR form, handed to the intake. */
export function sarRoutes(ctx: LocalContext): Record<string, HttpHandler> {
  return wireSarHandoff({ sarIntake: localSarIntake(ctx), logger: ctx.logger, allowedOrigins: ctx.allowedOrigins });
}

/** The daily SAR reminders (the scheduled function in AWS); no CloudWatch here, so the figures are debug lines. */
export function sarReminders(ctx: Pick<LocalContext, 'dynamo' | 'index' | 'logger'>, bot: BotCredentials) {
  return createRemindersHandler({
    store: new DynamoSarCaseStore(ctx.dynamo, LOCAL_TABLES.sarCases),
    calendar: councilCalendars(ctx.index),
    councils: () => [...ctx.index.councils.keys()],
    today: () => londonToday(),
    logger: ctx.logger,
    metrics: loggedMetrics(ctx.logger),
    teams: wireTeamsPosting({ dynamo: ctx.dynamo, channelTable: LOCAL_TABLES.teamsChannels, bot }),
  });
}
