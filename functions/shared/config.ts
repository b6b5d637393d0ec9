/** Temporary (issue 16): the escalation entry imports this from here until it moves to shared/env.ts in its split. */
export { OriginVerifyVariable } from './env.ts';
