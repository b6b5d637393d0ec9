/**
 * Mail delivery before a deployment has SES or SMTP configured (they arrive with the escalation issue):
 * every send fails, so notifications are recorded as pending and go out on retry once delivery exists,
 * rather than being marked sent when nothing was delivered.
 */
import type { MailSender } from '#core/ports.ts';

export class UnconfiguredMail implements MailSender {
  async send(): Promise<void> {
    throw new Error('No mail delivery is configured for this deployment yet');
  }
}
