/**
 * Case references people can read, say and type: `SAR-7K4M-Q9TX`.
 *
 * - Alphabet: 29 symbols, digits 2–9 and capitals without 0/O, 1/I/L, U (Crockford's exclusions plus 0 and 1)
 *   and S (read as 5). 29 is prime, which is what makes the check below exact.
 * - Seven random symbols (29⁷ ≈ 1.7 × 10¹⁰ references) then one check symbol. With the symbols' values
 *   v₀…v₇ (v₇ the check), Σ (8 − i)·vᵢ ≡ 0 (mod 29) — the ISBN-10 scheme over a prime alphabet. A wrong
 *   symbol at position i changes the sum by (8 − i)·Δ, and a swap of positions i, j by (j − i)·Δ; both
 *   factors are non-zero and below 29, so neither can be a multiple of 29: every single-symbol error and
 *   every transposition (adjacent or not) is caught.
 * - Randomness is injected (the core imports no node:crypto): pass e.g.
 *   `(n) => crypto.getRandomValues(new Uint8Array(n))`. Uniqueness is the store's job (a conditional write).
 */

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRTVWXYZ';
export const REFERENCE_PREFIX = 'SAR';
/** Random symbols before the check symbol. */
export const REFERENCE_BODY_LENGTH = 7;

/** Returns `size` random bytes, e.g. node:crypto `randomBytes` or `crypto.getRandomValues(new Uint8Array(size))`. */
export type RandomBytes = (size: number) => Uint8Array;

const BASE = REFERENCE_ALPHABET.length; // 29
const VALUE = new Map([...REFERENCE_ALPHABET].map((symbol, value) => [symbol, value]));
// Bytes at or above this would make some symbols likelier than others (256 is not a multiple of 29).
const UNBIASED_LIMIT = Math.floor(256 / BASE) * BASE;
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/g;

/** The check symbol for seven body symbols from the alphabet. */
export function referenceCheckCharacter(body: string): string {
  if (body.length !== REFERENCE_BODY_LENGTH) {
    throw new RangeError(`A reference body has ${REFERENCE_BODY_LENGTH} symbols, not ${body.length}`);
  }
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = VALUE.get(body[i]!);
    if (value === undefined) throw new RangeError(`Not a reference symbol: ${JSON.stringify(body[i])}`);
    sum += (REFERENCE_BODY_LENGTH + 1 - i) * value;
  }
  // The check symbol has weight 1, so it is whatever brings the sum to a multiple of 29.
  return REFERENCE_ALPHABET[(BASE - (sum % BASE)) % BASE]!;
}

/** A new reference such as `SAR-7K4M-Q9TX`, from the random source given. */
export function generateReference(randomBytes: RandomBytes): string {
  let body = '';
  for (let batch = 0; body.length < REFERENCE_BODY_LENGTH; batch++) {
    if (batch >= 32) throw new Error('generateReference: the random source keeps returning unusable bytes');
    const bytes = randomBytes(16);
    if (!(bytes instanceof Uint8Array))
      throw new TypeError('generateReference: the random source must return a Uint8Array');
    for (const byte of bytes) {
      if (byte < UNBIASED_LIMIT && body.length < REFERENCE_BODY_LENGTH) body += REFERENCE_ALPHABET[byte % BASE];
    }
  }
  return format(body + referenceCheckCharacter(body));
}

/**
 * The canonical form (`SAR-7K4M-Q9TX`) of a reference as someone typed it — any case, spaces or hyphens
 * anywhere, with or without the SAR prefix — or null if it is not a valid reference (a symbol outside the
 * alphabet, the wrong length, or a check symbol that does not match).
 */
export function normaliseReference(text: string): string | null {
  let compact = text.toUpperCase().replace(SEPARATORS, '');
  if (compact.length === REFERENCE_PREFIX.length + REFERENCE_BODY_LENGTH + 1 && compact.startsWith(REFERENCE_PREFIX)) {
    compact = compact.slice(REFERENCE_PREFIX.length);
  }
  if (compact.length !== REFERENCE_BODY_LENGTH + 1) return null;
  let sum = 0;
  for (let i = 0; i < compact.length; i++) {
    const value = VALUE.get(compact[i]!);
    if (value === undefined) return null;
    sum += (REFERENCE_BODY_LENGTH + 1 - i) * value;
  }
  return sum % BASE === 0 ? format(compact) : null;
}

export function isValidReference(text: string): boolean {
  return normaliseReference(text) !== null;
}

function format(compact: string): string {
  return `${REFERENCE_PREFIX}-${compact.slice(0, 4)}-${compact.slice(4)}`;
}
