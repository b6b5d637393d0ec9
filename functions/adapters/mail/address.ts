/**
 * Header safety for every mail sender: only an address that passes `assertSafeAddress` ever reaches a header,
 * and any other header text (subjects, attachment names) goes through `safeHeaderText` first.
 */

/** Which header an address was meant for, so an error can say which one was refused without echoing it. */
export type AddressField = 'to' | 'from' | 'replyTo';

/** An address that is not one plain, well-formed mailbox. Thrown before anything is sent. */
export class MailAddressError extends Error {
  constructor(
    readonly field: AddressField,
    readonly reason: string,
  ) {
    // The address itself is left out: it may be a member of the public's, and error messages end up in logs.
    super(`Refusing to send: the ${describe(field)} address is not a single valid email address (${reason}).`);
    this.name = 'MailAddressError';
  }
}

function describe(field: AddressField): string {
  return field === 'replyTo' ? 'reply-to' : field === 'from' ? 'sender' : 'recipient';
}

// RFC 5322 dot-atom text (ASCII only; no quoted local parts, no comments, no display names). The apostrophe is
// an ordinary atext character (o'brien@…) and cannot end or split a header, so it is allowed; double quotes are not.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * Accepts exactly one bare address (`name@example.gov.uk`) and returns it unchanged; throws MailAddressError for
 * anything else: line breaks or other control characters, spaces, lists (`,` `;`), display names or routes
 * (`<` `>` `"` `:`), more or fewer than one `@`, or a domain that is not a dotted host name.
 */
export function assertSafeAddress(address: unknown, field: AddressField = 'to'): string {
  const refuse = (reason: string): never => {
    throw new MailAddressError(field, reason);
  };
  if (typeof address !== 'string') return refuse('it is not text');
  if (address.length === 0) return refuse('it is empty');
  if (/[\r\n]/.test(address)) return refuse('it contains a line break');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(address)) return refuse('it contains a control character');
  if (/\s/.test(address)) return refuse('it contains a space');
  if (/[,;]/.test(address)) return refuse('it lists more than one address');
  if (/[<>"()[\]\\:]/.test(address)) return refuse('it contains a display name, quote or bracket');
  if (/[^\x21-\x7e]/.test(address)) return refuse('it contains non-ASCII characters');
  if (address.length > 254) return refuse('it is longer than 254 characters');
  const parts = address.split('@');
  if (parts.length !== 2) return refuse('it must contain exactly one @');
  const [local = '', domain = ''] = parts;
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) return refuse('the part before @ is invalid');
  const labels = domain.split('.');
  if (labels.length < 2) return refuse('the domain has no dot');
  if (!labels.every((label) => DOMAIN_LABEL.test(label)) || !TOP_LEVEL.test(labels.at(-1) ?? ''))
    return refuse('the domain is not a valid host name');
  return address;
}

/** Whether `address` would pass assertSafeAddress. */
export function isSafeAddress(address: unknown): address is string {
  try {
    assertSafeAddress(address);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text that is safe on one header line: every line break, tab and other control character (C0, DEL, C1, and
 * U+2028/U+2029) becomes a space, runs of spaces collapse, and the result is trimmed and capped at `maxLength`
 * characters (never splitting a surrogate pair), ending in "…" when it was cut.
 */
export function safeHeaderText(text: string, maxLength = 200): string {
  const flat = String(text)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  if (chars.length <= maxLength) return flat;
  return `${chars
    .slice(0, Math.max(0, maxLength - 1))
    .join('')
    .trimEnd()}…`;
}
