/** Mail delivery through a council's SMTP relay (nodemailer). A send resolves only once the relay accepted it. */
import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPSentMessageInfo, SMTPTransportOptions, Transporter } from 'nodemailer';
import type { MailSender, OutgoingMail } from '#core/ports.ts';
import { assertSafeAddress } from './address.ts';
import { nodemailerFields, prepareMail } from './message.ts';
import { MailRelayError } from './relay-error.ts';

export interface SmtpMailSenderConfig {
  host: string;
  /** Defaults to 465 when `secure`, otherwise 587. */
  port?: number;
  /** TLS from the first byte (usually port 465). Defaults to true on port 465, otherwise false. */
  secure?: boolean;
  /**
   * When not `secure`: refuse to continue unless the server upgrades with STARTTLS. Defaults to true, so credentials
   * and messages never cross the network in clear; set false only for a relay on the same host or a test server.
   */
  requireTLS?: boolean;
  auth?: { user: string; pass: string };
  /** The envelope and From address: the council's sending mailbox. */
  from: string;
  /** Milliseconds to wait for the TCP connection. Default 10 000. */
  connectionTimeout?: number;
  /** Milliseconds to wait for the server's greeting once connected. Default 10 000. */
  greetingTimeout?: number;
  /** Milliseconds of inactivity before giving up on a connection. Default 30 000. */
  socketTimeout?: number;
  /** Extra TLS options (a private CA, a server name); certificates are always verified unless you say otherwise. */
  tls?: ConnectionOptions;
}

export class SmtpMailSender implements MailSender {
  private readonly transporter: Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;
  private readonly from: string;

  constructor(config: SmtpMailSenderConfig) {
    this.from = assertSafeAddress(config.from, 'from');
    const secure = config.secure ?? config.port === 465;
    const options: SMTPTransportOptions = {
      host: config.host,
      port: config.port ?? (secure ? 465 : 587),
      secure,
      requireTLS: !secure && (config.requireTLS ?? true),
      connectionTimeout: config.connectionTimeout ?? 10_000,
      greetingTimeout: config.greetingTimeout ?? 10_000,
      socketTimeout: config.socketTimeout ?? 30_000,
      tls: { minVersion: 'TLSv1.2', ...config.tls },
      // Attachments are strings we built; never let a message read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    };
    if (config.auth) options.auth = { user: config.auth.user, pass: config.auth.pass };
    this.transporter = nodemailer.createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<void> {
    // Throws MailAddressError before any connection is made.
    const prepared = prepareMail(mail, this.from);
    let info: SMTPSentMessageInfo;
    try {
      info = await this.transporter.sendMail({
        ...nodemailerFields(prepared),
        // Only the validated recipient gets the message, whatever the headers say.
        envelope: { from: prepared.from, to: [prepared.to] },
      });
    } catch (error) {
      throw toRelayError(error);
    }
    if (info.rejected.length > 0 || info.accepted.length === 0) {
      throw new MailRelayError('smtp', 'The SMTP relay did not accept the recipient. The email was not sent.', {
        code: 'EENVELOPE',
        permanent: undefined,
      });
    }
  }

  /** Closes any open connection. The sender cannot be used afterwards. */
  close(): void {
    this.transporter.close();
  }
}

function toRelayError(error: unknown): MailRelayError {
  const e = (error ?? {}) as Partial<NodemailerError>;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent = typeof e.permanent === 'boolean' ? e.permanent : responseCode === undefined ? false : undefined;
  const what =
    responseCode !== undefined
      ? `The SMTP relay refused the message (${responseCode})`
      : code === 'ETIMEDOUT'
        ? 'The SMTP relay did not respond in time'
        : code === 'EAUTH' || code === 'ENOAUTH'
          ? 'The SMTP relay refused the login'
          : code === 'ETLS' || code === 'EREQUIRETLS'
            ? 'A secure connection to the SMTP relay could not be made'
            : 'The SMTP relay could not be reached';
  return new MailRelayError('smtp', `${what}. The email was not sent.`, {
    code,
    responseCode,
    permanent: code === 'EAUTH' || code === 'ENOAUTH' || code === 'ETLS' || code === 'ECONFIG' ? true : permanent,
    cause: error,
  });
}
