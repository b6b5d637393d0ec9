/**
 * Which mail sender a deployment uses, from its environment: Amazon SES v2 in AWS, SMTP for a council's own
 * relay (for example Microsoft 365), or none yet (mail is queued, recorded pending and sent once configured).
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod/mini';
import type { MailSender } from '#core/ports.ts';
import { SesMailSender } from '../adapters/mail/ses-sender.ts';
import { SmtpMailSender } from '../adapters/mail/smtp-sender.ts';
import { UnconfiguredMail } from '../adapters/unconfigured-mail.ts';

const MailEnv = z.object({
  MAIL_TRANSPORT: z._default(z.enum(['ses', 'smtp', 'none']), 'none'),
  MAIL_FROM: z.optional(z.email()),
  SES_IDENTITY_ARN: z.optional(z.string()),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  SMTP_HOST: z.optional(z.string()),
  SMTP_PORT: z.optional(z.coerce.number().check(z.int(), z.positive())),
  SMTP_USER: z.optional(z.string()),
  SMTP_PASS: z.optional(z.string()),
});

export function mailSenderFromEnv(env: NodeJS.ProcessEnv = process.env): MailSender {
  const config = z.parse(MailEnv, env);
  if (config.MAIL_TRANSPORT === 'none') return new UnconfiguredMail();
  if (!config.MAIL_FROM) throw new Error('Configuration: MAIL_FROM is required when MAIL_TRANSPORT is set');
  if (config.MAIL_TRANSPORT === 'ses') {
    return new SesMailSender(new SESv2Client({}), {
      from: config.MAIL_FROM,
      ...(config.SES_IDENTITY_ARN ? { fromIdentityArn: config.SES_IDENTITY_ARN } : {}),
      ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}),
    });
  }
  if (!config.SMTP_HOST) throw new Error('Configuration: SMTP_HOST is required when MAIL_TRANSPORT is smtp');
  return new SmtpMailSender({
    host: config.SMTP_HOST,
    from: config.MAIL_FROM,
    ...(config.SMTP_PORT ? { port: config.SMTP_PORT } : {}),
    ...(config.SMTP_USER && config.SMTP_PASS ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS } } : {}),
  });
}
