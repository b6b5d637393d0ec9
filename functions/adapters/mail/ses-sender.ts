/** Mail delivery through Amazon SES (API v2). A send resolves only once SES accepted the message. */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SESv2Client, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailSender, OutgoingMail } from '#core/ports.ts';
import { assertSafeAddress } from './address.ts';
import { nodemailerFields, prepareMail } from './message.ts';
import type { PreparedMail } from './message.ts';
import { MailRelayError } from './relay-error.ts';

export interface SesMailSenderConfig {
  /** The council's verified SES identity (an address, or an address at a verified domain). */
  from: string;
  /** For sending authorization: the ARN of the identity `from` belongs to, when it is in another account. */
  fromIdentityArn?: string;
  /** The configuration set to send with (event publishing, dedicated IPs, suppression overrides). */
  configurationSetName?: string;
  /**
   * How a message with attachments is sent. 'simple' (the default): SES builds the MIME message from
   * `Content.Simple.Attachments`. 'raw': we build it with nodemailer's MailComposer and send `Content.Raw`, which
   * also labels non-ASCII text attachments `charset=utf-8` (SES's simple attachments carry a bare content type).
   * Messages without attachments always use simple content.
   */
  attachments?: 'simple' | 'raw';
}

export class SesMailSender implements MailSender {
  private readonly from: string;

  constructor(
    private readonly client: SESv2Client,
    private readonly config: SesMailSenderConfig,
  ) {
    this.from = assertSafeAddress(config.from, 'from');
  }

  async send(mail: OutgoingMail): Promise<void> {
    // Throws MailAddressError before any request is made.
    const prepared = prepareMail(mail, this.from);
    const request = await this.request(prepared);
    try {
      await this.client.send(new SendEmailCommand(request));
    } catch (error) {
      throw toRelayError(error);
    }
  }

  /** The SendEmail request for a prepared message. */
  private async request(prepared: PreparedMail): Promise<SendEmailCommandInput> {
    const envelope: SendEmailCommandInput = {
      FromEmailAddress: prepared.from,
      ...(this.config.fromIdentityArn ? { FromEmailAddressIdentityArn: this.config.fromIdentityArn } : {}),
      ...(this.config.configurationSetName ? { ConfigurationSetName: this.config.configurationSetName } : {}),
      Destination: { ToAddresses: [prepared.to] },
      ...(prepared.replyTo ? { ReplyToAddresses: [prepared.replyTo] } : {}),
      Content: undefined,
    };
    if (prepared.attachments.length > 0 && this.config.attachments === 'raw') {
      // The Reply-To header is inside the raw message; SES reads it from there.
      const { ReplyToAddresses: _inMessage, ...rest } = envelope;
      return { ...rest, Content: { Raw: { Data: await rawMessage(prepared) } } };
    }
    return {
      ...envelope,
      Content: {
        Simple: {
          Subject: { Data: prepared.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: prepared.text, Charset: 'UTF-8' } },
          ...(prepared.attachments.length > 0
            ? {
                Attachments: prepared.attachments.map((a) => ({
                  FileName: a.filename,
                  RawContent: new TextEncoder().encode(a.content),
                  ContentType: a.contentType,
                  ContentDisposition: 'ATTACHMENT' as const,
                  ContentTransferEncoding: 'BASE64' as const,
                })),
              }
            : {}),
        },
      },
    };
  }
}

/** The whole MIME message, for `Content.Raw`. SES takes the recipients from Destination, not from these headers. */
async function rawMessage(prepared: PreparedMail): Promise<Uint8Array> {
  return new MailComposer({
    ...nodemailerFields(prepared),
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: 'win',
  })
    .compile()
    .build();
}

// Errors that say this message will be refused again until someone changes the account, identity or message.
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'BadRequestException',
  'NotFoundException',
]);

function toRelayError(error: unknown): MailRelayError {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const name = typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.code === 'string' ? e.code : '';
  const permanent = PERMANENT.has(name)
    ? true
    : status === undefined || status === 429 || status >= 500
      ? false
      : undefined;
  const what =
    status === undefined
      ? 'Amazon SES could not be reached'
      : `Amazon SES refused the message (${name || `HTTP ${status}`})`;
  return new MailRelayError('ses', `${what}. The email was not sent.`, {
    code: name || undefined,
    responseCode: status,
    permanent,
    cause: error,
  });
}
