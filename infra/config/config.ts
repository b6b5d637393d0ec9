/**
 * The deployment configuration: one typed, validated file (deployments.yaml) with a stage per environment and,
 * in each, the councils it serves (origins, sending domain), mail, the Teams app and tenant, and limits. Checked
 * against the knowledge base's council registry, so a stage cannot name a council the assistant knows nothing
 * about, or one whose DPO mailbox is missing (escalations would have nowhere to go).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import * as z from 'zod/mini';

const root = new URL('../../', import.meta.url);
const REGIONS = ['eu-west-2', 'eu-west-1'] as const; // UK and Ireland: personal data stays in the UK/EEA.
const id = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'));
const uuid = z.string().check(z.regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'a GUID'));
const domain = z.string().check(z.regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a domain such as southend.gov.uk'));
const httpsOrigin = z.string().check(z.regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/i, 'an https origin, no path'));

const Council = z.object({
  id,
  origins: z.array(httpsOrigin).check(z.minLength(1)),
  sendingDomain: z.optional(domain),
});

const Mail = z.discriminatedUnion('transport', [
  // Until a transport is configured, mail is queued and recorded pending (nothing is lost).
  z.object({ transport: z.literal('none') }),
  z.object({ transport: z.literal('ses'), from: z.email() }),
  // A council's own relay (for example Microsoft 365); the password goes into the stack's SMTP secret.
  z.object({
    transport: z.literal('smtp'),
    from: z.email(),
    host: domain,
    port: z._default(z.number().check(z.int(), z.positive()), 587),
    user: z.string().check(z.minLength(1)),
  }),
]);

const Teams = z.object({
  appId: uuid,
  tenantId: uuid,
  /** Further tenants allowed to talk to the bot (the app's own tenant always is). */
  allowedTenants: z._default(z.array(uuid), []),
  /** The council whose SAR lists the bot shows. */
  council: id,
  /** Entra object ids of information-governance staff (they may log SARs and acknowledge complaints). */
  igStaff: z._default(z.array(uuid), []),
});

const Limits = z.object({
  requestsPerIpPer5Minutes: z._default(z.number().check(z.int(), z.minimum(100), z.maximum(20_000_000)), 300),
  apiRatePerSecond: z._default(z.number().check(z.positive()), 25),
  apiBurst: z._default(z.number().check(z.int(), z.positive()), 50),
  /** Reserved concurrency; leave unset in an account whose Lambda quota is still the new-account 10. */
  chatConcurrency: z.optional(z.number().check(z.int(), z.positive())),
  sarIntakeConcurrency: z.optional(z.number().check(z.int(), z.positive())),
});

const StageConfig = z.object({
  name: id,
  region: z.enum(REGIONS),
  account: z.optional(z.string().check(z.regex(/^\d{12}$/, 'a 12-digit AWS account id'))),
  alarmEmail: z.optional(z.email()),
  councils: z.array(Council).check(z.minLength(1)),
  mail: Mail,
  teams: z.optional(Teams),
  limits: z._default(Limits, () => z.parse(Limits, {})),
});
export type StageConfig = z.infer<typeof StageConfig>;
export type CouncilConfig = z.infer<typeof Council>;

const Deployments = z.object({ stages: z.array(StageConfig).check(z.minLength(1)) });

/** What the knowledge base's registry says about a council: only the mailbox matters here. */
interface RegistryCouncil {
  id: string;
  dpo?: { email?: string };
}

/** Validates a deployment file's content; throws one error listing every problem, by path. */
export function parseDeployments(
  content: unknown,
  registry: RegistryCouncil[] = parse(readFileSync(new URL('knowledge/councils.yaml', root), 'utf8')),
): StageConfig[] {
  const parsed = z.safeParse(Deployments, content);
  if (!parsed.success) throw new Error(`infra/config/deployments.yaml:\n${z.prettifyError(parsed.error)}`);
  const problems: string[] = [];
  const known = new Map(registry.map((c) => [c.id, c]));
  const names = new Set<string>();
  for (const stage of parsed.data.stages) {
    const at = `stage ${stage.name}`;
    if (names.has(stage.name)) problems.push(`${at}: the name is used twice`);
    names.add(stage.name);
    const ids = stage.councils.map((c) => c.id);
    for (const council of stage.councils) {
      const entry = known.get(council.id);
      if (!entry) problems.push(`${at}: council ${council.id} is not in knowledge/councils.yaml`);
      else if (!entry.dpo?.email) problems.push(`${at}: council ${council.id} has no DPO mailbox in councils.yaml`);
    }
    if (new Set(ids).size !== ids.length) problems.push(`${at}: a council is listed twice`);
    if (stage.teams && !ids.includes(stage.teams.council))
      problems.push(`${at}: teams.council ${stage.teams.council} is not one of this stage's councils`);
    if (stage.mail.transport === 'ses') {
      const fromDomain = stage.mail.from.split('@')[1]!.toLowerCase();
      if (!stage.councils.some((c) => c.sendingDomain?.toLowerCase() === fromDomain))
        problems.push(`${at}: mail.from ${stage.mail.from} is not on a council's sendingDomain (SES must verify it)`);
    }
  }
  if (problems.length) throw new Error(`infra/config/deployments.yaml:\n${problems.map((p) => `  ✖ ${p}`).join('\n')}`);
  return parsed.data.stages;
}

export function loadDeployments(file = new URL('infra/config/deployments.yaml', root)): StageConfig[] {
  return parseDeployments(parse(readFileSync(file, 'utf8')));
}
