/**
 * The Teams app manifest (schema v1.19) for the privacy-notice assistant bot.
 * Limits below mirror the ones the schema sets, so a bad value fails here rather than at upload.
 */

export const MANIFEST_SCHEMA_URL =
  'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';
export const MANIFEST_VERSION = '1.19';

export const COLOR_ICON_FILE = 'color.png';
export const OUTLINE_ICON_FILE = 'outline.png';

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Teams accepts only MAJOR.MINOR.PATCH: no pre-release or build suffix. */
export const APP_VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export type BotScope = 'personal' | 'team' | 'groupChat';

export interface BotCommand {
  title: string;
  description: string;
}

export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: {
    botId: string;
    scopes: BotScope[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: BotScope[]; commands: BotCommand[] }[];
  }[];
  permissions: string[];
  validDomains: string[];
}

export interface ManifestOptions {
  /** The Teams app's own id. */
  appId: string;
  /** The Azure Bot / Entra app registration id the bot runs as. */
  botId: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  accentColor: string;
  /** Bare host names (no scheme) the app may open, e.g. assistant.council.example. */
  validDomains: string[];
}

/** Shown in the compose box menu; titles are what the user sends, so they match what the bot recognises. */
export const BOT_COMMANDS: BotCommand[] = [
  { title: 'help', description: 'What I can do and how to ask about privacy notices' },
  { title: 'Log a SAR', description: 'Record a new subject access request and start its one-month clock' },
  { title: 'SAR status', description: 'Look up where a subject access request has got to' },
  { title: 'Due this week', description: 'Subject access requests due within the next five working days' },
  { title: 'Overdue', description: 'Subject access requests past their statutory deadline' },
  { title: 'Escalate', description: 'Pass a question or complaint to the data protection officer' },
  {
    title: 'Acknowledge',
    description: 'Mark a complaint acknowledged: Acknowledge ESC-XXXX-XXXX (information governance staff)',
  },
];

const NAME = { short: 'Privacy assistant', full: 'Privacy notice assistant' };
const DESCRIPTION = {
  short: 'Answers privacy notice questions and helps track subject access requests.',
  full:
    'Ask how the council uses personal information and get answers drawn from its published privacy notices, ' +
    'each with a link to the source. Staff can also log subject access requests (SARs), check their status, ' +
    'see what is due this week or overdue, and escalate questions or complaints to the data protection officer.',
};

/** [field, value, max length] — the schema's maxLength for each. */
function checkLengths(fields: [string, string, number][]): void {
  for (const [field, value, max] of fields) {
    if (value.length === 0 || value.length > max) {
      throw new Error(`Teams manifest ${field} must be 1–${max} characters, got ${value.length}: "${value}"`);
    }
  }
}

function checkHttpsUrl(field: string, value: string): void {
  if (!/^https:\/\/[^\s/]+/i.test(value))
    throw new Error(`Teams manifest ${field} must be an https URL, got "${value}"`);
}

function checkDomain(domain: string): void {
  // The schema wants host names (wildcards allowed), never a scheme or path.
  if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) {
    throw new Error(`Teams valid domain must be a bare host name like assistant.council.example, got "${domain}"`);
  }
}

export function buildManifest(options: ManifestOptions): TeamsManifest {
  if (!GUID_PATTERN.test(options.appId)) throw new Error(`Teams app id must be a GUID, got "${options.appId}"`);
  if (!GUID_PATTERN.test(options.botId)) throw new Error(`Bot id must be a GUID, got "${options.botId}"`);
  if (!APP_VERSION_PATTERN.test(options.version)) {
    throw new Error(`Teams app version must be MAJOR.MINOR.PATCH, got "${options.version}"`);
  }
  if (!/^#[0-9a-f]{6}$/i.test(options.accentColor)) {
    throw new Error(`Accent colour must look like #1D70B8, got "${options.accentColor}"`);
  }
  const { developer } = options;
  checkHttpsUrl('developer.websiteUrl', developer.websiteUrl);
  checkHttpsUrl('developer.privacyUrl', developer.privacyUrl);
  checkHttpsUrl('developer.termsOfUseUrl', developer.termsOfUseUrl);
  options.validDomains.forEach(checkDomain);
  checkLengths([
    ['developer.name', developer.name, 32],
    ['name.short', NAME.short, 30],
    ['name.full', NAME.full, 100],
    ['description.short', DESCRIPTION.short, 80],
    ['description.full', DESCRIPTION.full, 4000],
    ...BOT_COMMANDS.flatMap(({ title, description }): [string, string, number][] => [
      ['command title', title, 32],
      ['command description', description, 128],
    ]),
  ]);

  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId.toLowerCase(),
    developer: { ...developer },
    name: { ...NAME },
    description: { ...DESCRIPTION },
    icons: { color: COLOR_ICON_FILE, outline: OUTLINE_ICON_FILE },
    accentColor: options.accentColor,
    bots: [
      {
        botId: options.botId.toLowerCase(),
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal', 'team'], commands: BOT_COMMANDS.map((command) => ({ ...command })) }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [...new Set(options.validDomains)],
  };
}
