/**
 * Which mail sender a deployment uses, from its environment: Amazon SES v2 in AWS, SMTP for a council's own
 * relay (for example Microsoft 365), or none yet (mail is queued, recorded pending and sent once configured).
 */
import * as z from 'zod/mini';
import type { MailSender } from '#core/ports.ts';
import { UnconfiguredMail } from '#adapters/unconfigured-mail.ts';

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

/**
 * Loads the sender on the first send: nodemailer is a quarter of a megabyte, and most invocations (a SAR lookup,
 * a status change) send nothing, so cold starts do not pay for it.
 */
function onFirstSend(load: () => Promise<MailSender>): MailSender {
  let sender: Promise<MailSender> | undefined;
  return {
    send: async (mail) => {
      sender ??= load().catch((error: unknown) => {
        sender = undefined;
        throw error;
      });
      return (await sender).send(mail);
    },
  };
}

export function mailSenderFromEnv(env: NodeJS.ProcessEnv = process.env): MailSender {
  const config = z.parse(MailEnv, env);
  if (config.MAIL_TRANSPORT === 'none') return new UnconfiguredMail();
  if (!config.MAIL_FROM) throw new Error('Configuration: MAIL_FROM is required when MAIL_TRANSPORT is set');
  if (config.MAIL_TRANSPORT === 'ses') {
    const from = config.MAIL_FROM;
    return onFirstSend(async () => {
      const [{ SESv2Client }, { SesMailSender }] = await Promise.all([
        import('@aws-sdk/client-sesv2'),
        import('#adapters/mail/ses-sender.ts'),
      ]);
      return new SesMailSender(new SESv2Client({}), {
        from,
        ...(config.SES_IDENTITY_ARN ? { fromIdentityArn: config.SES_IDENTITY_ARN } : {}),
        ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}),
      });
    });
  }
  if (!config.SMTP_HOST) throw new Error('Configuration: SMTP_HOST is required when MAIL_TRANSPORT is smtp');
  const smtp = {
    host: config.SMTP_HOST,
    from: config.MAIL_FROM,
    ...(config.SMTP_PORT ? { port: config.SMTP_PORT } : {}),
    ...(config.SMTP_USER && config.SMTP_PASS ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS } } : {}),
  };
  return onFirstSend(async () => new (await import('#adapters/mail/smtp-sender.ts')).SmtpMailSender(smtp));
}
