/** `npm start`: the assistant locally on embedded defaults. PORT (3000), DATA_DIR (.data), ALLOWED_ORIGINS. */
import { startLocalServer } from './server.ts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);

try {
  const server = await startLocalServer({ port, dataDir, allowedOrigins, logLevel: 'INFO' });
  console.log(`Privacy Notice Assistant running at ${server.url}`);
  console.log(`  demo service page: ${server.url}/            council-wide page: ${server.url}/council`);
  console.log(
    `  chat API:          POST ${server.url}/api/chat   stateless: the widget carries the conversation's context`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
}
