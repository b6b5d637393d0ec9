// temporary: two importers move in the escalation split (functions/channels/escalation/index.ts, functions/local/server.ts)
export * from '../audit/index.ts';
