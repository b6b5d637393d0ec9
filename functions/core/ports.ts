/** The ports the core needs from the outside world; adapters implement them (DynamoDB, files, clocks). */
import type { SessionContext } from './answer-contract.ts';
import type { Escalation } from './escalation/index.ts';
import type { QueuedMail } from './mail-queue.ts';
import type { SarCase } from './sar/case.ts';
import type { SarIntakeRequest, SarIntakeResponse } from './sar/intake-contract.ts';

/** Where SAR cases live. Only the SAR intake function writes it. */
export interface SarCaseStore {
  /**
   * Creates the case for a submission once: the same idempotency key returns the case it already made
   * (created: false), however often and however concurrently it is retried. With a `fingerprint` (of what was
   * submitted), the same key with another fingerprint throws SubmissionConflictError instead: a form sent again with
   * other details is neither recorded silently as the first nor dropped.
   */
  createOnce(
    idempotencyKey: string,
    make: (reference: string) => SarCase,
    newReference: () => string,
    fingerprint?: string,
  ): Promise<{ case: SarCase; created: boolean }>;
  get(reference: string): Promise<SarCase | undefined>;
  /** A council's cases whose binding due date is on or before `until` (open or not), soonest first. */
  listDueBy(council: string, until: string): Promise<SarCase[]>;
  /** A council's cases in one status, soonest due first. */
  listByStatus(council: string, status: string): Promise<SarCase[]>;
  /** Writes `next` only if the stored case is still at `next.version - 1`; otherwise throws SarConflictError. */
  update(next: SarCase): Promise<void>;
  /**
   * Cases created whose mail is not known to be queued (createOnce marks each before writing it), oldest first.
   * Optional: a store without it leaves queuing to the submission and its repeats.
   */
  mailOwed?(limit?: number): Promise<{ reference: string; since: string }[]>;
  /** The case's mail is queued (or the case never came to be): its mark is removed. */
  mailQueued?(reference: string): Promise<void>;
}

/**
 * The SAR intake as the other functions reach it (the chat's hand-off, the mail retry): Lambda Invoke in AWS
 * (adapters/lambda-sar-intake.ts), the same contract everywhere (sar/intake-contract.ts). Never throws: an intake
 * that cannot be reached answers `unavailable`.
 */
export interface SarIntakeClient {
  submit(request: SarIntakeRequest | Record<string, unknown>): Promise<SarIntakeResponse>;
  /** Any other action of the intake (get, reminders, …); the response is the intake's own. */
  invoke(event: { action: string } & Record<string, unknown>): Promise<unknown>;
}

export class SarConflictError extends Error {
  constructor(reference: string) {
    super(`Case ${reference} was changed by someone else at the same time. Reload it and try again.`);
    this.name = 'SarConflictError';
  }
}

/** An idempotency key already used for a submission with other details: nothing was written for this one. */
export class SubmissionConflictError extends Error {
  constructor() {
    super('This form was already sent with different details. Start a new request to send these details.');
    this.name = 'SubmissionConflictError';
  }
}

/** The store could not be reached: nothing was written, the caller may retry. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The case store could not be reached. Nothing was saved; please try again.');
    this.name = 'StoreUnavailableError';
    this.cause = cause;
  }
}

/** An email the product sends: plain text, with no user input in any header but a validated address. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** A validated address the recipient can reply to (the person who escalated). */
  replyTo?: string;
  attachments?: { filename: string; content: string; contentType?: string }[];
  /**
   * The left part of the Message-ID (the sender adds `@` and its domain): the same on every attempt at one queued mail,
   * so a mail sent twice (a crash after the relay accepted it, before "sent" was recorded) is one message to the
   * recipient's mail client. Letters, digits and `.-_` only.
   */
  messageId?: string;
}

/** Mail delivery: the local outbox by default, SES or SMTP in a council's deployment. Throws when not accepted. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** The durable mail queue (see mail-queue.ts). */
export interface MailQueue {
  /** Stores the mail; false when a mail with its id is already queued (so a repeated enqueue sends once). */
  enqueue(mail: QueuedMail): Promise<boolean>;
  /** Pending mail whose next attempt is due, oldest first. */
  due(now: string, limit: number): Promise<QueuedMail[]>;
  /** Saves the mail if it is still at `previousAttempts` (so two runs never both take one attempt); false if not. */
  save(mail: QueuedMail, previousAttempts: number): Promise<boolean>;
  get(id: string): Promise<QueuedMail | undefined>;
  dead(): Promise<QueuedMail[]>;
}

/** Structured logging as the use cases need it (Powertools' Logger fits it). Attributes never hold personal data. */
export interface Log {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

/** A conversation reference as the Bot Framework gives it: stored as it is, used only by the Teams adapter. */
export type ConversationReferenceJson = Record<string, unknown>;

/** Where each council's information-governance Teams channel is (the reminders post there each day). */
export interface TeamsChannelStore {
  save(council: string, reference: ConversationReferenceJson, savedBy: string, at: string): Promise<void>;
  get(council: string): Promise<ConversationReferenceJson | undefined>;
}

/** Posts into a Teams conversation the bot stored (the reminders' daily list); the Bot Framework adapter implements it. */
export interface TeamsPoster {
  /** Posts `text` (Teams Markdown) as a message into the conversation `channel` refers to. */
  post(channel: ConversationReferenceJson, text: string): Promise<void>;
}

/**
 * Where a Teams conversation's context (the service, council and topic of its last answer) waits for a follow-up
 * typed in the compose box, which carries nothing back (a card button carries the context in its data instead).
 * One small item per conversation, expiring; never the question or the answer.
 */
export interface TeamsContextStore {
  get(conversationId: string): Promise<SessionContext | undefined>;
  put(conversationId: string, context: SessionContext): Promise<void>;
}

/** Escalations to the DPO and the abuse limits on them (one DynamoDB table in AWS). */
export interface EscalationStore {
  save(escalation: Escalation): Promise<void>;
  get(reference: string): Promise<Escalation | undefined>;
  openComplaints(council: string): Promise<Escalation[]>;
  /** Marks a complaint acknowledged (it leaves the open-complaints index); undefined when there is no such escalation. */
  acknowledge(reference: string, on: string): Promise<Escalation | undefined>;
  /** Counts one use of `key` today; false once `max` uses have been counted. */
  take(kind: 'session' | 'address', key: string, day: string, max: number): Promise<boolean>;
  /** Gives back one use taken today (a request that was refused after all does not count). */
  give(kind: 'session' | 'address', key: string, day: string): Promise<void>;
}
