/** Sentence splitting that survives the abbreviations, addresses and references notices are full of. */

const ABBREVIATIONS =
  /\b(?:e\.g|i\.e|etc|no|nos|dr|mr|mrs|ms|st|tel|approx|art|arts|reg|s|ss|para|paras|vol|ref|inc|ltd|co|dept|govt|cf|vs|op|pp)\.$/i;

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const boundary = /[.!?]["')\]]?\s+(?=["'([]?[A-Z0-9])/g;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].trimEnd().length;
    const candidate = text.slice(start, end);
    // "e.g. Department", "Tel. Catherine", "section 3. of" are not sentence ends.
    if (ABBREVIATIONS.test(candidate) || /\b[A-Z]\.$/.test(candidate)) continue;
    sentences.push(candidate.trim());
    start = match.index + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.filter((s) => /[a-z]/i.test(s));
}
