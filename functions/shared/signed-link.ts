/**
 * Links the DPO can click in an email to act without logging in ("mark complaint ESC-… acknowledged"):
 * HMAC-SHA256 over the action, the reference and an expiry, compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface LinkClaims {
  action: 'acknowledge-complaint';
  reference: string;
  /** Seconds since the epoch after which the link no longer works. */
  expires: number;
}

const signature = (claims: LinkClaims, secret: string) =>
  createHmac('sha256', secret).update(`${claims.action}\n${claims.reference}\n${claims.expires}`).digest('base64url');

export function signedUrl(base: string, claims: LinkClaims, secret: string): string {
  const url = new URL(base);
  url.searchParams.set('ref', claims.reference);
  url.searchParams.set('exp', String(claims.expires));
  url.searchParams.set('sig', signature(claims, secret));
  return url.toString();
}

/** The claims when the signature matches and the link has not expired; otherwise undefined. */
export function verifyLink(
  action: LinkClaims['action'],
  query: Record<string, string | undefined>,
  secret: string,
  nowSeconds: number,
): LinkClaims | undefined {
  const expires = Number(query.exp);
  if (!query.ref || !query.sig || !Number.isInteger(expires) || expires < nowSeconds) return undefined;
  const claims: LinkClaims = { action, reference: query.ref, expires };
  const expected = Buffer.from(signature(claims, secret));
  const given = Buffer.from(query.sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? claims : undefined;
}
