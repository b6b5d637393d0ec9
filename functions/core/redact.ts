/**
 * Personal data out of text before it is logged: emails, phone numbers, National Insurance and NHS numbers,
 * postcodes, dates of birth. Plain TypeScript, so every channel and log line uses the same rules.
 */
const RULES: [RegExp, string][] = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  // National Insurance number: two letters, six digits, a letter A–D (spaces allowed).
  // Loose on purpose (QQ 12 34 56 C, the format's own example, too): redacting a lookalike costs nothing.
  [/\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi, '[ni-number]'],
  // NHS number: ten digits, usually 3-3-4.
  [/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g, '[nhs-number]'],
  // UK phone numbers: 07… mobiles, 01/02/03 landlines, +44.
  [/(?<![\d])(?:\+44\s?\(?0?\)?|0)(?:\d[\s-]?){8,9}\d(?![\d])/g, '[phone]'],
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi, '[postcode]'],
  // Dates: 01/02/1990, 1-2-90, 1 February 1990, February 1st 1990.
  [/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g, '[date]'],
  [/\b\d{4}-\d{2}-\d{2}\b/g, '[date]'],
  [
    /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b/gi,
    '[date]',
  ],
  [
    /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/gi,
    '[date]',
  ],
  // "my name is jane smith": after these words whatever follows is a name, whatever its case.
  [/\b(my name is|my name's|name:)\s+(?:(?:mrs?|ms|miss|dr)\.?\s+)?[a-z'-]+(?:\s+[a-z'-]+)?/gi, '$1 [name]'],
  // "I'm Jane", "this is Mr Smith": only a capitalised word, so "I am worried" stays as it is.
  [
    /\b([Ii] am|[Ii]'m|[Tt]his is|[Cc]alled)\s+((?:Mrs?|Ms|Miss|Dr)\.?\s+)?[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?/g,
    '$1 [name]',
  ],
  // A title and a capitalised name anywhere: "my mum, Mrs Patel".
  [/\b(?:Mrs?|Ms|Miss|Dr)\.?\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?/g, '[name]'],
  // A capitalised name after a relation: "my son Tom", "my daughter's social worker" stays as it is.
  [
    /\b((?:[Mm]y|[Oo]ur)\s+(?:son|daughter|child|mum|mother|dad|father|partner|wife|husband|brother|sister|nan|gran|grandson|granddaughter|friend|carer|client|tenant))\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?/g,
    '$1 [name]',
  ],
];

export function redactPersonalData(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
