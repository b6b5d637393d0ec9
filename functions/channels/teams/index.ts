/** The Teams bot Lambda: built from real parts once per cold start. */
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { loadKnowledgeIndex } from '../../adapters/knowledge-file.ts';
import { createBotEndpoint } from './bot-framework.ts';
import { createTeamsConversation } from './conversation.ts';
import { createTeamsHandler } from './handler.ts';

const env = z.parse(
  z.object({
    /** Infra fills these from Secrets Manager; an empty app id is for the local Emulator only. */
    MICROSOFT_APP_ID: z.string().check(z.minLength(1, 'MICROSOFT_APP_ID is required in AWS')),
    MICROSOFT_APP_PASSWORD: z.string().check(z.minLength(1)),
    MICROSOFT_APP_TENANT_ID: z.string().check(z.minLength(1)),
    KB_PATH: z.optional(z.string()),
  }),
  process.env,
);

export const handler = createTeamsHandler({
  endpoint: createBotEndpoint(
    { appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD, tenantId: env.MICROSOFT_APP_TENANT_ID },
    createTeamsConversation({ index: loadKnowledgeIndex(env.KB_PATH) }),
  ),
  logger: new Logger({ serviceName: 'teams' }),
});
