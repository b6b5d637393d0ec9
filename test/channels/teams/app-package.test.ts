/**
 * The Teams app package. The v1.19 manifest JSON Schema cannot be fetched offline, so these tests check the
 * fields and limits that schema sets (formats, maxLength, enums) and the icon rules Teams applies at upload.
 */
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTeamsPackage,
  deriveTeamsAppId,
  teamsPackageConfigFromEnv,
} from '../../../functions/channels/teams/app-package/build.ts';
import type { TeamsManifest } from '../../../functions/channels/teams/app-package/manifest.ts';

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** RGBA bytes, row by row. */
  pixels: Buffer;
}

/** Reads the PNGs this package writes: 8-bit RGBA, no interlace, filter type 0 on every row. */
function decodePng(png: Uint8Array): DecodedPng {
  const bytes = Buffer.from(png);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG has no IHDR chunk');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  const rowLength = 1 + width * 4;
  expect(raw.length).toBe(rowLength * height);
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * rowLength], `filter type of row ${y}`).toBe(0);
    raw.copy(pixels, y * width * 4, y * rowLength + 1, (y + 1) * rowLength);
  }
  return { width, height, bitDepth: header[8]!, colourType: header[9]!, pixels };
}

describe('Teams app package', () => {
  let files: Record<string, Uint8Array>;
  let manifest: TeamsManifest;

  beforeAll(async () => {
    const zip = await buildTeamsPackage(
      teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: BOT_ID, TEAMS_VALID_DOMAIN: 'assistant.council.example' }),
    );
    files = unzipSync(zip);
    manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as TeamsManifest;
  });

  it('holds exactly manifest.json and the two icons, at the root', () => {
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('declares schema v1.19 with a GUID id and a MAJOR.MINOR.PATCH version', () => {
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.id).toMatch(GUID);
    expect(manifest.id).toBe(deriveTeamsAppId(BOT_ID));
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('keeps names and descriptions within the schema limits', () => {
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.short).toBe('Privacy assistant');
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.developer.name.length).toBeLessThanOrEqual(32);
    for (const url of [
      manifest.developer.websiteUrl,
      manifest.developer.privacyUrl,
      manifest.developer.termsOfUseUrl,
    ]) {
      expect(url).toMatch(/^https:\/\//);
    }
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
  });

  it('registers the bot with its commands', () => {
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot!.botId).toBe(BOT_ID);
    expect(bot!.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot!.supportsFiles).toBe(false);
    expect(bot!.isNotificationOnly).toBe(false);
    const scopes = bot!.commandLists.flatMap((list) => list.scopes);
    expect(scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    for (const list of bot!.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(list.commands.map((command) => command.title)).toEqual([
        'help',
        'Log a SAR',
        'SAR status',
        'Due this week',
        'Overdue',
        'Escalate',
        'Acknowledge',
      ]);
      for (const { title, description } of list.commands) {
        expect(title.length).toBeLessThanOrEqual(32);
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('lists permissions, bare valid domains and the packaged icon names', () => {
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(manifest.validDomains).toEqual(['assistant.council.example']);
    for (const domain of manifest.validDomains) expect(domain).not.toMatch(/:\/\/|\//);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(Object.keys(files)).toEqual(expect.arrayContaining([manifest.icons.color, manifest.icons.outline]));
  });

  it('has a 192×192 colour icon', () => {
    const color = decodePng(files['color.png']!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([color.bitDepth, color.colourType]).toEqual([8, 6]);
  });

  it('has a 32×32 outline icon that is only white or fully transparent', () => {
    const outline = decodePng(files['outline.png']!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let white = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      const isWhite = r === 255 && g === 255 && b === 255 && a === 255;
      expect(isWhite || a === 0, `pixel ${i / 4} is rgba(${r},${g},${b},${a})`).toBe(true);
      if (isWhite) white++;
    }
    // Neither blank nor a solid square.
    expect(white).toBeGreaterThan(32);
    expect(white).toBeLessThan(32 * 32 - 32);
  });

  it('gives the same bytes for the same config', async () => {
    const config = teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: BOT_ID });
    expect(Buffer.compare(await buildTeamsPackage(config), await buildTeamsPackage(config))).toBe(0);
  });
});

describe('Teams app package config', () => {
  it('names MICROSOFT_APP_ID when it is missing', () => {
    expect(() => teamsPackageConfigFromEnv({})).toThrow(/MICROSOFT_APP_ID is required/);
    expect(() => teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: '  ' })).toThrow(/MICROSOFT_APP_ID is required/);
  });

  it('names MICROSOFT_APP_ID when it is not a GUID', () => {
    expect(() => teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: 'my-bot' })).toThrow(/MICROSOFT_APP_ID must be a GUID/);
  });

  it('names TEAMS_APP_ID when it is not a GUID, and uses it when it is', () => {
    expect(() => teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_ID: 'nope' })).toThrow(
      /TEAMS_APP_ID must be a GUID/,
    );
    const appId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    expect(teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_ID: appId }).appId).toBe(appId);
  });

  it('rejects a version Teams would refuse and a domain with a scheme', () => {
    expect(() => teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_VERSION: '1.0.0-beta' })).toThrow(
      /TEAMS_APP_VERSION/,
    );
    expect(() =>
      teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: BOT_ID, TEAMS_VALID_DOMAIN: 'https://assistant.council.example' }),
    ).toThrow(/TEAMS_VALID_DOMAIN/);
  });

  it('defaults the version to package.json and the developer links to placeholders', () => {
    const config = teamsPackageConfigFromEnv({ MICROSOFT_APP_ID: BOT_ID });
    expect(config.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(config.developer.privacyUrl).toBe('https://www.example.gov.uk/privacy');
    expect(config.validDomains).toEqual([]);
  });
});
