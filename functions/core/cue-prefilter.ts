/**
 * A cheap test before a cue phrase's regular expression runs: the literal words every match of it must contain.
 * Most phrases' words are absent from any one question, so most patterns (many with lookbehinds) are never run, nor
 * compiled, which was most of a cold start's first answer. Sound by construction: a phrase gives only words that
 * are literal text every match of it contains; a phrase it cannot read always runs (test/core/cue-prefilter.test.ts
 * checks both over every main and dev question).
 */

/**
 * What every match of one phrase contains, as a conjunction of disjunctions: each inner list holds alternatives one
 * of which is in every match. Undefined when nothing can be read (the phrase always runs).
 */
export function requiredLiterals(phrase: string): string[][] | undefined {
  // "\bwho hosts\b|\bhosted\b": each top-level alternative has its own; one element of each, pooled, is required.
  const alternatives = topLevelAlternatives(phrase);
  if (alternatives.length > 1) {
    const best = alternatives.map((a) => requiredElements(a)?.[0]);
    return best.every((b) => b !== undefined) ? [best.flat() as string[]] : undefined;
  }
  return requiredElements(phrase);
}

/** A phrase without top-level "|": its required literal elements, the most selective first. */
function requiredElements(pattern: string): string[][] | undefined {
  const found: string[][] = [];
  for (let at = 0; at < pattern.length;) {
    const element = elementAt(pattern, at);
    if (!element) return undefined;
    const quantifier = /^(?:[?*+]|\{\d*(?:,\d*)?\})\??/.exec(pattern.slice(element.end))?.[0] ?? '';
    const optional = /^(?:[?*]|\{0)/.test(quantifier);
    if (element.run !== undefined) {
      // A quantifier binds to a run's last letter only: "kept?" needs "kep".
      const run = optional ? element.run.slice(0, -1) : element.run;
      if (run.trim().length >= 2) found.push([run]);
    } else if (element.group && !optional) found.push(element.group);
    at = element.end + quantifier.length;
  }
  return found.length ? found.sort((a, b) => selectivity(b) - selectivity(a)) : undefined;
}

/** One element of a pattern at `at`: a literal run, a group of literal alternatives, or anything else (skipped). */
function elementAt(pattern: string, at: number): { end: number; run?: string; group?: string[] } | undefined {
  const c = pattern[at]!;
  if (c === '\\') return { end: at + (pattern[at + 1] === 'u' ? 6 : 2) };
  if (c === '[') {
    const end = closingBracket(pattern, at);
    return end < 0 ? undefined : { end: end + 1 };
  }
  if (c === '(') {
    const end = closingParen(pattern, at);
    if (end < 0) return undefined;
    // "(?:wants?|would like)": literal alternatives, each perhaps with an optional last letter ("want").
    const literalGroup = /^\(\?:((?:[a-z' -]+\??\|)*[a-z' -]+\??)\)$/.exec(pattern.slice(at, end + 1));
    const group = literalGroup?.[1]!.split('|').map((g) => (g.endsWith('?') ? g.slice(0, -2) : g));
    return group?.every((g) => g.trim().length >= 2) ? { end: end + 1, group } : { end: end + 1 };
  }
  const run = /^[a-z' -]+/.exec(pattern.slice(at))?.[0];
  return run ? { end: at + run.length, run } : { end: at + 1 }; // "^", ".", a digit: matched, never required
}

/** Words in nearly every question make a poor test: "the", "do", "you" say little; "recorded" says a lot. */
const COMMON = new Set(['a', 'an', 'the', 'do', 'does', 'you', 'i', 'my', 'me', 'how', 'what', 'can', 'is', 'are']);
const selectivity = (alternatives: string[]) =>
  Math.min(...alternatives.map((a) => (COMMON.has(a.trim()) ? 1 : a.trim().length)));

/** A pattern split at its top-level "|" (outside groups and character classes). */
function topLevelAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') i = Math.max(i, closingBracket(pattern, i));
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, pattern.slice(start)];
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') {
      i = closingBracket(text, i);
      if (i < 0) return -1;
    } else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function closingBracket(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ']') return i;
  }
  return -1;
}

/** A test of whether a phrase may match: false only when one of its required words is absent. */
export function mayMatch(phrase: string): (text: string) => boolean {
  const required = requiredLiterals(phrase);
  if (!required) return () => true;
  return (text) => required.every((alternatives) => alternatives.some((literal) => text.includes(literal)));
}
