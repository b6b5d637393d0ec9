/**
 * SARs locally: the SAR intake function (served at the Lambda Invoke endpoint, as other functions reach it in AWS),
 * the widget's hand-off to it (POST /api/sar, through the real Lambda client) and the daily reminders (posted to
 * each council's Teams channel where the bot was added).
 */
import { LambdaSarIntake } from '#adapters/lambda-sar-intake.ts';
import { wireReminders } from '../../channels/reminders/wire.ts';
import type { SarIntakeEvent } from '../../channels/sar-intake/handler.ts';
import { wireSarIntake } from '../../channels/sar-intake/wire.ts';
import type { BotCredentials } from '../../channels/teams/bot-framework.ts';
import { wireTeamsPosting } from '../../channels/teams/wire.ts';
import { wireSarHandoff } from '../../channels/web-chat/wire.ts';
import type { HttpHandler } from '#shared/http.ts';
import { loggedMetrics } from '#shared/metrics.ts';
import { LOCAL_TABLES, type LocalContext } from './route.ts';

/** The SAR intake Lambda, wired as in AWS (channels/sar-intake/wire.ts) with dynalite and the outbox. */
export function sarIntakeFunction(ctx: Omit<LocalContext, 'url' | 'allowedOrigins' | 'lambda' | 'linkSecret'>) {
  return wireSarIntake({
    index: ctx.index,
    dynamo: ctx.dynamo,
    tables: { sarCases: LOCAL_TABLES.sarCases, mail: LOCAL_TABLES.mail },
    sender: ctx.outbox,
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
  return wireReminders({
    index: ctx.index,
    dynamo: ctx.dynamo,
    sarCasesTable: LOCAL_TABLES.sarCases,
    teams: wireTeamsPosting({ dynamo: ctx.dynamo, channelTable: LOCAL_TABLES.teamsChannels, bot }),
    logger: ctx.logger,
    metrics: loggedMetrics(ctx.logger),
  });
}
