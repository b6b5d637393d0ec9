/** Delivery failures from a real relay (SMTP server or SES), in one shape the caller can record and retry on. */

export type MailRelay = 'smtp' | 'ses';

export interface MailRelayErrorDetails {
  /** The library's or service's error code: `ECONNECTION`, `EENVELOPE`, `ESOCKET`, `MessageRejected`, … */
  code?: string | undefined;
  /** SMTP: the server's reply code (451, 550, …). SES: the HTTP status of the API response. */
  responseCode?: number | undefined;
  /**
   * true when the relay refused this message for good (retrying it unchanged will fail again), false when a later
   * attempt may succeed (a 4xx reply, throttling, the relay unreachable), undefined when it cannot be told.
   */
  permanent?: boolean | undefined;
  cause?: unknown;
}

/** The relay did not accept the message: nothing was delivered, and the attempt should be recorded as failed. */
export class MailRelayError extends Error {
  readonly relay: MailRelay;
  readonly code: string | undefined;
  readonly responseCode: number | undefined;
  readonly permanent: boolean | undefined;

  constructor(relay: MailRelay, message: string, details: MailRelayErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MailRelayError';
    this.relay = relay;
    this.code = details.code;
    this.responseCode = details.responseCode;
    this.permanent = details.permanent;
  }
}
