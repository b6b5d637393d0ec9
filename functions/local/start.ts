/**
 * `npm start`: the assistant locally on embedded defaults. PORT (3000), DATA_DIR (.data), ALLOWED_ORIGINS.
 * The Teams bot: with MICROSOFT_APP_ID (and MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID) every activity is
 * authenticated as the Lambda does; without it, the Bot Framework Emulator's local mode. TEAMS_ALLOWED_TENANTS,
 * TEAMS_IG_STAFF and TEAMS_COUNCIL as in AWS (default: anyone, no staff).
 */
import * as z from 'zod/mini';
import { commaList } from '#shared/env.ts';
import { startLocalServer } from './server.ts';

const list = (value: string | undefined) => z.parse(commaList(), value);

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';
const allowedOrigins = list(process.env.ALLOWED_ORIGINS);
const appId = process.env.MICROSOFT_APP_ID ?? '';

try {
  if (appId && !(process.env.MICROSOFT_APP_PASSWORD && process.env.MICROSOFT_APP_TENANT_ID))
    throw new Error('MICROSOFT_APP_ID is set: set MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID too');
  const server = await startLocalServer({
    port,
    dataDir,
    allowedOrigins,
    logLevel: 'INFO',
    bot: {
      appId,
      appPassword: process.env.MICROSOFT_APP_PASSWORD ?? '',
      tenantId: process.env.MICROSOFT_APP_TENANT_ID ?? '',
    },
    ...(process.env.TEAMS_ALLOWED_TENANTS || process.env.TEAMS_IG_STAFF || process.env.TEAMS_COUNCIL
      ? {
          teams: {
            tenants: list(process.env.TEAMS_ALLOWED_TENANTS),
            staff: list(process.env.TEAMS_IG_STAFF),
            council: process.env.TEAMS_COUNCIL ?? '',
          },
        }
      : {}),
  });
  console.log(`Privacy Notice Assistant running at ${server.url}`);
  console.log(`  demo service page: ${server.url}/            council-wide page: ${server.url}/council`);
  console.log(
    `  chat API:          POST ${server.url}/api/chat   stateless: the widget carries the conversation's context`,
  );
  console.log(
    appId
      ? `  Teams bot:         POST ${server.url}/api/messages   authenticated (app ${appId})`
      : `  Teams bot:         POST ${server.url}/api/messages   Bot Framework Emulator mode (no MICROSOFT_APP_ID)`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
}
