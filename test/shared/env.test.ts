/** functions/shared/env.ts: the variable names infra and the entries share, the per-function schemas, the list rule. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  ChatEnvSchema,
  commaList,
  DigestEnvSchema,
  ENV,
  EscalationHttpEnvSchema,
  MailRetryEnvSchema,
  readEnv,
  RemindersEnvSchema,
  SarIntakeEnvSchema,
  secretArnVariable,
  TeamsEnvSchema,
} from '#shared/env.ts';

describe('env', () => {
  it('names each variable by itself, and a secret by its ARN variable', () => {
    for (const [key, value] of Object.entries(ENV)) expect(value).toBe(key);
    expect(ENV.SAR_TABLE).toBe('SAR_TABLE');
    expect(secretArnVariable(ENV.ORIGIN_VERIFY)).toBe('ORIGIN_VERIFY_SECRET_ARN');
    expect(Object.isFrozen(ENV)).toBe(true);
  });

  it('one comma-list rule: trimmed, empty items dropped, empty or unset is none unless required', () => {
    expect(z.parse(commaList(), ' a, b,,c ,')).toEqual(['a', 'b', 'c']);
    expect(z.parse(commaList(), undefined)).toEqual([]);
    expect(z.parse(commaList(), '')).toEqual([]);
    expect(z.parse(commaList('needed'), 'x')).toEqual(['x']);
    expect(() => readEnv(z.object({ L: commaList('L is needed') }), {})).toThrow(/L/);
    expect(() => readEnv(z.object({ L: commaList('L is needed') }), { L: '' })).toThrow(/L is needed/);
  });

  it('each function reads its own variables, with the defaults it had', () => {
    expect(readEnv(SarIntakeEnvSchema, { SAR_TABLE: 's', MAIL_TABLE: 'm', OTHER: 'x' })).toEqual({
      SAR_TABLE: 's',
      MAIL_TABLE: 'm',
    });
    expect(readEnv(RemindersEnvSchema, { SAR_TABLE: 's' })).toEqual({
      SAR_TABLE: 's',
      MICROSOFT_APP_ID: '',
      MICROSOFT_APP_PASSWORD: '',
      MICROSOFT_APP_TENANT_ID: '',
    });
    expect(
      readEnv(ChatEnvSchema, { UNANSWERED_TABLE: 'u', ALLOWED_ORIGINS: 'https://a.gov.uk, https://b.gov.uk' }),
    ).toEqual({
      UNANSWERED_TABLE: 'u',
      ALLOWED_ORIGINS: ['https://a.gov.uk', 'https://b.gov.uk'],
      SAR_INTAKE_FUNCTION: 'sar-intake',
    });
    const teams = {
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'p',
      MICROSOFT_APP_TENANT_ID: 't',
      TEAMS_ALLOWED_TENANTS: 't, u',
      TEAMS_COUNCIL: 'kent',
      TEAMS_CHANNEL_TABLE: 'c',
      ESCALATION_TABLE: 'e',
      MAIL_TABLE: 'm',
    };
    expect(readEnv(TeamsEnvSchema, teams)).toMatchObject({ TEAMS_ALLOWED_TENANTS: ['t', 'u'], TEAMS_IG_STAFF: [] });
  });

  it('fails fast naming what is wrong', () => {
    expect(() => readEnv(SarIntakeEnvSchema, { MAIL_TABLE: 'm' })).toThrow(/^Configuration:[\s\S]*SAR_TABLE/);
    expect(() => readEnv(TeamsEnvSchema, { MICROSOFT_APP_ID: '' })).toThrow(/MICROSOFT_APP_ID is required in AWS/);
    expect(() => readEnv(TeamsEnvSchema, {})).toThrow(/TEAMS_ALLOWED_TENANTS/);
    expect(() => readEnv(ChatEnvSchema, { UNANSWERED_TABLE: 'u', ORIGIN_VERIFY: 'short' })).toThrow(
      /ORIGIN_VERIFY must be at least 32 characters/,
    );
  });

  it('the three escalation functions each read only what they use: the retry needs no link key, only the digest the audit', () => {
    const key = 'k'.repeat(32);
    expect(
      readEnv(EscalationHttpEnvSchema, {
        ESCALATION_TABLE: 'e',
        MAIL_TABLE: 'm',
        ALLOWED_ORIGINS: 'https://a.gov.uk,, https://b.gov.uk',
        ACK_LINK_SECRET: key,
      }),
    ).toEqual({
      ESCALATION_TABLE: 'e',
      MAIL_TABLE: 'm',
      ALLOWED_ORIGINS: ['https://a.gov.uk', 'https://b.gov.uk'],
      ACK_LINK_SECRET: key,
    });
    expect(readEnv(MailRetryEnvSchema, { MAIL_TABLE: 'm', ACK_LINK_SECRET: key, AUDIT_PATH: '/a' })).toEqual({
      MAIL_TABLE: 'm',
    });
    const digest = { ESCALATION_TABLE: 'e', MAIL_TABLE: 'm', UNANSWERED_TABLE: 'u', ACK_LINK_SECRET: key };
    expect(
      readEnv(DigestEnvSchema, {
        ...digest,
        ACK_LINK_BASE: 'https://x.example/ack',
        AUDIT_PATH: '/var/task/audit.json',
      }),
    ).toMatchObject({
      AUDIT_PATH: '/var/task/audit.json',
    });
    expect(() => readEnv(DigestEnvSchema, { ...digest, ACK_LINK_BASE: 'not a url' })).toThrow(/ACK_LINK_BASE/);
    expect(() =>
      readEnv(EscalationHttpEnvSchema, { ESCALATION_TABLE: 'e', MAIL_TABLE: 'm', ACK_LINK_SECRET: 'short' }),
    ).toThrow(/ACK_LINK_SECRET must be at least 32 characters/);
  });
});
