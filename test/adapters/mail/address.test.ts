import { describe, expect, it } from 'vitest';
import { MailAddressError, assertSafeAddress, isSafeAddress, safeHeaderText } from '#adapters/mail/address.ts';

describe('assertSafeAddress', () => {
  it.each([
    'dpo@council.example',
    'data.protection@example.gov.uk',
    "siobhan.o'brien@example.ie",
    'first+tag@sub.example.co.uk',
    'x@xn--bcher-kva.example',
  ])('accepts %s', (address) => {
    expect(assertSafeAddress(address)).toBe(address);
  });

  it.each([
    ['', /empty/],
    ['dpo@council.example\r\nBcc: evil@example.com', /line break/],
    ['dpo@council.example\n', /line break/],
    ['dpo@council.example\u0000', /control character/],
    ['dpo@council.example\u2028Bcc: x@example.com', /control character/],
    ['dpo @council.example', /space/],
    ['a@example.com,b@example.com', /more than one/],
    ['a@example.com;b@example.com', /more than one/],
    ['Evil <evil@example.com>', /space/],
    ['<evil@example.com>', /display name/],
    ['"dpo"@council.example', /display name, quote/],
    ['dpo@@council.example', /exactly one @/],
    ['dpo.council.example', /exactly one @/],
    ['dpo@council', /no dot/],
    ['dpo@council.', /not a valid host/],
    ['dpo@-council.example', /not a valid host/],
    ['dpo@council.123', /not a valid host/],
    ['.dpo@council.example', /before @/],
    ['dp..o@council.example', /before @/],
    ['dpø@council.example', /non-ASCII/],
    [`${'a'.repeat(65)}@council.example`, /before @/],
  ])('refuses %j', (address, reason) => {
    let error: unknown;
    try {
      assertSafeAddress(address, 'replyTo');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MailAddressError);
    expect((error as MailAddressError).field).toBe('replyTo');
    expect((error as Error).message).toMatch(/^Refusing to send: the reply-to address is not a single valid email/);
    expect((error as Error).message).toMatch(reason);
    // The refused address never appears in the message (it may be personal data, and messages get logged).
    if (address.length > 3) expect((error as Error).message).not.toContain(address);
  });

  it('refuses values that are not text', () => {
    expect(() => assertSafeAddress(undefined)).toThrow(MailAddressError);
    expect(isSafeAddress(42)).toBe(false);
    expect(isSafeAddress('dpo@council.example')).toBe(true);
  });
});

describe('safeHeaderText', () => {
  it('puts everything on one line', () => {
    expect(safeHeaderText('Escalation\r\nBcc: evil@example.com\r\n\r\nbody')).toBe(
      'Escalation Bcc: evil@example.com body',
    );
    expect(safeHeaderText('a\u0000b\u007fc\u0085d\u2028e\tf')).toBe('a b c d e f');
    expect(safeHeaderText('  padded  ')).toBe('padded');
  });

  it('caps the length without splitting a character', () => {
    expect(safeHeaderText('x'.repeat(300))).toHaveLength(200);
    expect(safeHeaderText('x'.repeat(300)).endsWith('…')).toBe(true);
    const emoji = safeHeaderText('😀'.repeat(20), 10);
    expect(Array.from(emoji)).toHaveLength(10);
    expect(emoji).toBe(`${'😀'.repeat(9)}…`);
    expect(safeHeaderText('short', 10)).toBe('short');
  });
});
