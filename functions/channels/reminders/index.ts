/** The reminders Lambda, run on a schedule (EventBridge Scheduler in infra): the digest per council. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { createWorkingCalendar } from '#core/sar/calendar.ts';
import holidays from '../../../knowledge/bank-holidays/england-and-wales.json' with { type: 'json' };
import { DynamoSarCaseStore } from '../../adapters/dynamodb-sar-store.ts';
import { loadKnowledgeIndex } from '../../adapters/knowledge-file.ts';
import { londonToday } from '../../shared/sar.ts';
import { createRemindersHandler } from './handler.ts';

const env = z.parse(
  z.object({
    SAR_TABLE: z.string().check(z.minLength(1)),
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    KB_PATH: z.optional(z.string()),
  }),
  process.env,
);
const index = loadKnowledgeIndex(env.KB_PATH);

export const handler = createRemindersHandler({
  store: new DynamoSarCaseStore(
    new DynamoDBClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    env.SAR_TABLE,
  ),
  calendar: createWorkingCalendar(holidays, { source: 'england-and-wales.json' }),
  councils: () =>
    [...new Set([...index.councils.keys(), ...[...index.notices.values()].map((n) => n.notice.council)])].sort(),
  today: () => londonToday(),
  logger: new Logger({ serviceName: 'reminders' }),
});
