import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateReference,
  isValidReference,
  normaliseReference,
  REFERENCE_ALPHABET,
  referenceCheckCharacter,
  type RandomBytes,
} from '#core/sar/reference.ts';

/** A seeded byte source (mulberry32), so the few thousand references below are the same on every run. */
function seededBytes(seed: number): RandomBytes {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return (size) => Uint8Array.from({ length: size }, next);
}

const FORMAT = new RegExp(`^SAR-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`);
const compact = (reference: string) => reference.slice(4).replace('-', '');

describe('the reference alphabet', () => {
  it('has 29 distinct symbols and none of 0 O 1 I L U (nor S, read as 5)', () => {
    expect(new Set(REFERENCE_ALPHABET).size).toBe(29);
    expect(REFERENCE_ALPHABET.length).toBe(29);
    for (const ambiguous of '0O1ILUS') expect(REFERENCE_ALPHABET).not.toContain(ambiguous);
  });
});

describe('generateReference', () => {
  const source = seededBytes(2025);
  const references = Array.from({ length: 3000 }, () => generateReference(source));

  it('makes references like SAR-7K4M-Q9TX that pass their own check', () => {
    for (const reference of references) {
      expect(reference).toMatch(FORMAT);
      expect(normaliseReference(reference)).toBe(reference);
    }
    expect(new Set(references).size).toBe(references.length);
  });

  it('catches every single-symbol substitution in 3000 references', () => {
    // Prepare
    const missed: string[] = [];
    let tried = 0;
    for (const reference of references) {
      const symbols = [...compact(reference)];
      for (let i = 0; i < symbols.length; i++) {
        for (const other of REFERENCE_ALPHABET) {
          if (other === symbols[i]) continue;
          const typo = symbols.with(i, other).join('');
          tried++;
          // Act
          if (isValidReference(typo)) missed.push(`${reference} → ${typo}`);
        }
      }
    }
    // Assess
    expect(tried).toBe(3000 * 8 * 28);
    expect(missed).toEqual([]);
  });

  it('catches every transposition of two different symbols, adjacent or not, in 3000 references', () => {
    const missed: string[] = [];
    let adjacent = 0;
    for (const reference of references) {
      const symbols = [...compact(reference)];
      for (let i = 0; i < symbols.length; i++) {
        for (let j = i + 1; j < symbols.length; j++) {
          if (symbols[i] === symbols[j]) continue; // swapping equal symbols changes nothing
          if (j === i + 1) adjacent++;
          const swapped = symbols.with(i, symbols[j]!).with(j, symbols[i]!).join('');
          if (isValidReference(swapped)) missed.push(`${reference} → ${swapped}`);
        }
      }
    }
    expect(adjacent).toBeGreaterThan(3000 * 6);
    expect(missed).toEqual([]);
  });

  it('makes different references from different random bytes, e.g. node:crypto', () => {
    const reference = generateReference((size) => randomBytes(size));
    expect(reference).toMatch(FORMAT);
    expect(generateReference(seededBytes(7))).toBe(generateReference(seededBytes(7)));
    expect(generateReference(seededBytes(7))).not.toBe(generateReference(seededBytes(8)));
  });

  it('skips bytes that would bias the symbols (232–255) rather than folding them in', () => {
    // Prepare: the first batch is all unusable bytes, the second all zero.
    const batches = [new Uint8Array(16).fill(255), new Uint8Array(16).fill(232), new Uint8Array(16)];
    // Act
    const reference = generateReference(() => batches.shift()!);
    // Assess: value 0 is '2'; the check for seven 2s is 2 too (0·Σweights ≡ 0).
    expect(reference).toBe('SAR-2222-2222');
  });

  it('refuses a random source that never yields a usable byte, or that is not bytes', () => {
    expect(() => generateReference(() => new Uint8Array(16).fill(255))).toThrow(/unusable bytes/);
    expect(() => generateReference((() => [1, 2, 3]) as unknown as RandomBytes)).toThrow(TypeError);
  });
});

describe('normaliseReference / isValidReference', () => {
  const reference = generateReference(seededBytes(42));
  const body = compact(reference);

  it.each([
    ['as issued', reference],
    ['lower case', reference.toLowerCase()],
    ['without hyphens', `SAR${body}`],
    ['with spaces', `sar ${body.slice(0, 4)} ${body.slice(4)}`],
    ['spaced out', [...`SAR${body}`].join(' ')],
    ['without the prefix', body],
    ['with an en dash', reference.replace(/-/g, '–')],
    ['with surrounding space', `  ${reference}\n`],
  ])('accepts the reference %s', (_how, typed) => {
    expect(normaliseReference(typed)).toBe(reference);
    expect(isValidReference(typed)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too short', reference.slice(0, -1)],
    ['too long', `${reference}2`],
    ['another prefix', `SRA-${body.slice(0, 4)}-${body.slice(4)}`],
    ['an excluded symbol', `SAR-${body.slice(0, 3)}O-${body.slice(4)}`],
    ['punctuation inside', `SAR-${body.slice(0, 4)}.${body.slice(4)}`],
  ])('rejects %s', (_how, typed) => {
    expect(normaliseReference(typed)).toBeNull();
    expect(isValidReference(typed)).toBe(false);
  });

  it('computes the check symbol from the body, and only from alphabet symbols', () => {
    expect(referenceCheckCharacter(body.slice(0, 7))).toBe(body[7]);
    expect(() => referenceCheckCharacter('ABCDEF')).toThrow(RangeError);
    expect(() => referenceCheckCharacter('ABCDEF0')).toThrow(/Not a reference symbol/);
  });
});
