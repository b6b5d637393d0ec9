/**
 * `npm run kb:audit`: which UK GDPR Article 13/14 transparency items each notice states, leaves vague or omits,
 * with the evidence or what to add, and the broken sentences to fix. For the council's Data Protection Officer.
 *
 *   npm run --silent kb:audit                      plain-text report for every notice
 *   npm run --silent kb:audit -- --notice ID       one notice
 *   npm run --silent kb:audit -- --json            the same as JSON
 */
import { loadSources } from './sources.ts';
import { buildKnowledgeBase } from './pipeline/build-kb.ts';
import { auditKnowledgeBase, auditNotice, formatAuditReport, type AuditReport } from './audit/index.ts';

const USAGE = 'usage: npm run --silent kb:audit -- [--notice ID] [--json]';

class UsageError extends Error {}

function parseArgs(argv: string[]): { json: boolean; notice?: string } {
  const options: { json: boolean; notice?: string } = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--notice' || arg.startsWith('--notice=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value || value.startsWith('--')) throw new UsageError('--notice needs a notice id');
      options.notice = value;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument "${arg}"`);
  }
  return options;
}

try {
  const options = parseArgs(process.argv.slice(2));
  const { files, registry, thesaurus } = loadSources();
  const kb = buildKnowledgeBase(files, registry, thesaurus);
  let report: AuditReport;
  if (options.notice) {
    const notice = kb.notices.find((n) => n.id === options.notice);
    if (!notice) {
      throw new UsageError(
        `no notice with id "${options.notice}". Known notices: ${kb.notices.map((n) => n.id).join(', ')}`,
      );
    }
    report = { notices: [auditNotice(notice, kb)] };
  } else {
    report = auditKnowledgeBase(kb);
  }
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatAuditReport(report));
} catch (error) {
  console.error(`kb:audit: ${(error as Error).message}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exitCode = 1;
}
