/**
 * Builds the Teams app package (manifest.json + color.png + outline.png at the zip root) for upload
 * to Teams or the Teams admin centre. Run directly (`npm run teams:package`) it reads its config from
 * the environment and writes dist/teams-app.zip.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { colorIcon, outlineIcon } from './icons.ts';
import {
  APP_VERSION_PATTERN,
  COLOR_ICON_FILE,
  GUID_PATTERN,
  OUTLINE_ICON_FILE,
  buildManifest,
  type ManifestOptions,
} from './manifest.ts';

export type TeamsPackageConfig = ManifestOptions;

const PACKAGE_JSON = new URL('../../../../package.json', import.meta.url);
const OUTPUT_ZIP = new URL('../../../../dist/teams-app.zip', import.meta.url);

/** GOV.UK blue: readable with white and familiar to council staff. */
const DEFAULT_ACCENT_COLOR = '#1D70B8';

/** Placeholders a council must override before publishing the app beyond a test tenant. */
export const PLACEHOLDER_DEVELOPER = {
  name: 'Example Council',
  websiteUrl: 'https://www.example.gov.uk',
  privacyUrl: 'https://www.example.gov.uk/privacy',
  termsOfUseUrl: 'https://www.example.gov.uk/terms',
};

/**
 * The same bot id always gives the same Teams app id (a name-based, version-5 style UUID), so a rebuilt
 * package updates the installed app instead of appearing as a second one, while keeping the two ids distinct.
 */
export function deriveTeamsAppId(botId: string): string {
  const hash = createHash('sha1').update(`privacy-notice-assistant/teams-app/${botId.toLowerCase()}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}

function requireGuid(name: string, value: string | undefined): string {
  if (!value?.trim()) throw new Error(`${name} is required: set it to the bot's Microsoft App ID (a GUID)`);
  const trimmed = value.trim();
  if (!GUID_PATTERN.test(trimmed)) {
    throw new Error(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000, got "${trimmed}"`);
  }
  return trimmed.toLowerCase();
}

function optional(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

export function teamsPackageConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TeamsPackageConfig {
  const botId = requireGuid('MICROSOFT_APP_ID', env.MICROSOFT_APP_ID);
  const teamsAppId = optional(env.TEAMS_APP_ID);
  const version = optional(env.TEAMS_APP_VERSION) ?? packageVersion();
  if (!APP_VERSION_PATTERN.test(version)) {
    throw new Error(`TEAMS_APP_VERSION must be MAJOR.MINOR.PATCH (e.g. 1.0.0), got "${version}"`);
  }
  const validDomain = optional(env.TEAMS_VALID_DOMAIN);
  if (validDomain?.includes('/')) {
    throw new Error(`TEAMS_VALID_DOMAIN must be a bare host name without scheme or path, got "${validDomain}"`);
  }
  return {
    appId: teamsAppId ? requireGuid('TEAMS_APP_ID', teamsAppId) : deriveTeamsAppId(botId),
    botId,
    version,
    developer: {
      name: optional(env.TEAMS_DEVELOPER_NAME) ?? PLACEHOLDER_DEVELOPER.name,
      websiteUrl: optional(env.TEAMS_DEVELOPER_WEBSITE_URL) ?? PLACEHOLDER_DEVELOPER.websiteUrl,
      privacyUrl: optional(env.TEAMS_PRIVACY_URL) ?? PLACEHOLDER_DEVELOPER.privacyUrl,
      termsOfUseUrl: optional(env.TEAMS_TERMS_URL) ?? PLACEHOLDER_DEVELOPER.termsOfUseUrl,
    },
    accentColor: optional(env.TEAMS_ACCENT_COLOR) ?? DEFAULT_ACCENT_COLOR,
    validDomains: validDomain ? [validDomain] : [],
  };
}

export async function buildTeamsPackage(config: TeamsPackageConfig): Promise<Buffer> {
  const manifest = buildManifest(config);
  // A fixed timestamp keeps the zip byte-identical for the same input.
  const mtime = new Date('2000-01-01T00:00:00Z');
  const zip = zipSync(
    {
      'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      [COLOR_ICON_FILE]: colorIcon(config.accentColor),
      [OUTLINE_ICON_FILE]: outlineIcon(),
    },
    { level: 9, mtime },
  );
  return Buffer.from(zip);
}

async function main(): Promise<void> {
  const config = teamsPackageConfigFromEnv();
  const zip = await buildTeamsPackage(config);
  const outputPath = fileURLToPath(OUTPUT_ZIP);
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, zip);
  const placeholders = Object.entries(PLACEHOLDER_DEVELOPER).filter(
    ([field, value]) => config.developer[field as keyof typeof PLACEHOLDER_DEVELOPER] === value,
  );
  if (placeholders.length > 0) {
    console.warn(
      `Note: developer ${placeholders.map(([field]) => field).join(', ')} still use placeholders; ` +
        'set TEAMS_DEVELOPER_NAME, TEAMS_DEVELOPER_WEBSITE_URL, TEAMS_PRIVACY_URL and TEAMS_TERMS_URL before publishing.',
    );
  }
  console.log(relative(process.cwd(), outputPath));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
