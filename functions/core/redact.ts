/**
 * Personal data out of text before it is logged or recorded: emails, phone numbers, National Insurance and NHS
 * numbers, postcodes, dates (of birth) and names. Plain TypeScript, so every channel and log line uses the same
 * rules.
 *
 * The text is normalised first (NFKC, so full-width digits and letters are plain ones; format characters such as
 * zero-width spaces and joiners, soft hyphens and bidi controls removed; a dash of any kind inside a number a hyphen), so "０７７００",
 * "0770\u200B0900462" and "QQ–12–34–56–C" meet the same rules as what they look like. The output is the normalised
 * text. Redacting a lookalike costs a log line a word; missing a real one leaks it: the rules lean to redacting.
 */

/** Words that follow "I'm", "name is", "… here" and sign-offs without being a name ("I'm worried", "I am her mum"). */
const NOT_NAMES = new Set(
  (
    'a an the and or but so not no yes nor if as at by for from in into of off on onto out over to up with ' +
    'about above after again against all also already always am any anyone are around away back be because been ' +
    'before being below between both can cannot could did do does doing done down during each either else enough ' +
    'even ever every everyone few from further had has have having he her here hers herself him himself his how i ' +
    'is it its itself just least less like many may me might mine more most much must my myself near neither never ' +
    'next nobody none now nowhere often once one only other our ours ourselves own perhaps quite rather really same ' +
    'she should since some somebody someone something sometimes soon still such than that their theirs them then ' +
    'there these they this those though through thus too under unless until us very was we well were what when ' +
    'where whether which while who whom whose why will would yet you your yours yourself ' +
    // what people say they are
    'able unable afraid scared angry upset sad sorry glad happy unhappy pleased fine ok okay sure unsure aware ' +
    'unaware concerned confused curious nervous anxious desperate disappointed frustrated furious interested ' +
    'ready due entitled eligible allowed meant supposed told asked married divorced separated single widowed ' +
    'pregnant disabled deaf blind homeless unemployed employed retired student carer parent mum mother dad father ' +
    'guardian tenant resident client solicitor advocate social worker nurse teacher adult child minor teenager ' +
    'new old young older younger aged over under 16 17 18 their his her ' +
    'worried trying looking writing asking calling wondering hoping thinking going getting waiting moving ' +
    'leaving living staying working studying applying complaining contacting emailing messaging chatting ' +
    'urgent important serious ridiculous unacceptable correct right wrong true false confident certain ' +
    // greetings, sign-off words and people who are not a person's name
    'hi hello hey dear thanks thank cheers bye goodbye regards best wishes sincerely faithfully morning afternoon ' +
    'evening anybody everybody nobody somebody staff team council officer service services department ' +
    'monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday'
  ).split(/\s+/),
);

/** A word shaped like an adjective, verb or adverb ("devastated", "struggling", "honestly") is not taken for a name. */
const NOT_NAME_SUFFIX = /(?:ing|ed|ly|ful|ous|able|ible|less|ive|ish)$/;

function isNameWord(word: string, lowerCaseAllowed: boolean): boolean {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  if (NOT_NAMES.has(lower)) return false;
  if (!lowerCaseAllowed && !/^\p{Lu}/u.test(word)) return false;
  // Short names can end like adjectives (Fred, Clive, Trish); longer words so shaped rarely are names.
  if (lower.length >= 6 && NOT_NAME_SUFFIX.test(lower)) return false;
  if (lower.length >= 5 && /(?:ing|ed|ly)$/.test(lower)) return false;
  return true;
}

const NAME = "\\p{L}[\\p{L}'’-]*";
const TITLE = '(?:mrs?|ms|miss|mx|dr)\\.?';

/**
 * The leading run of name words in `words` (at most three): how many to redact. The first must be a name word;
 * with a title first ("Mrs Patel") the title goes with them.
 */
function nameLength(words: string[], lowerCaseAllowed: boolean): number {
  let start = 0;
  if (words[0] && new RegExp(`^${TITLE}$`, 'iu').test(words[0])) start = 1;
  let n = start;
  while (n < words.length && n < start + 3 && isNameWord(words[n]!, lowerCaseAllowed)) n++;
  return n > start ? n : 0;
}

/**
 * "<lead> <up to three name words>": the lead kept, the name replaced. `lowerCaseAllowed`: whether an uncapitalised
 * word counts ("my name is jane" does; "this is urgent" must not).
 */
function nameAfter(lead: string, lowerCaseAllowed: boolean, flags = 'giu'): [RegExp, (...m: string[]) => string] {
  const pattern = new RegExp(`(${lead})(\\s+)((?:${TITLE}\\s+)?${NAME}(?:\\s+${NAME}){0,2})`, flags);
  return [
    pattern,
    (match, leadText, space, rest) => {
      const words = rest!.split(/\s+/);
      const n = nameLength(words, lowerCaseAllowed);
      if (!n) return match;
      const kept = rest!.slice(words.slice(0, n).join(' ').length);
      return `${leadText}${space}[name]${kept}`;
    },
  ];
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORDINAL_WORD =
  '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))';
const DAY = `(?:[0-3]?\\d(?:st|nd|rd|th)?|${ORDINAL_WORD})`;
const YEAR = "(?:\\d{4}|'?\\d{2})(?!\\d)";
/** "D.O.B", "DOB:", "date of birth", "born (on the)", "birthday is". */
const BIRTH_CUE =
  "(?:\\bd\\.?\\s?o\\.?\\s?b\\b\\.?|\\bdate of birth\\b|\\bborn(?:\\s+on)?(?:\\s+the)?|\\bbirthday(?:\\s+is)?|\\bb['’]?day)";
const CUE_GAP = '\\s*(?:[:=-]|is)?\\s*';
const TLD = '(?:com|co|uk|org|net|gov|ac|nhs|sch|info|me|io|ltd|plc)';

type Rule = [RegExp, string | ((...match: string[]) => string)];

const RULES: Rule[] = [
  // Emails, and "jane dot smith at gmail dot com".
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  [
    new RegExp(
      `[A-Za-z0-9._%+-]+(?:\\s+dot\\s+[A-Za-z0-9_%+-]+)*\\s*(?:\\s+at\\s+|\\[at\\]|\\(at\\))\\s*[A-Za-z0-9-]+(?:\\s*(?:\\s+dot\\s+|\\[dot\\]|\\(dot\\)|\\.)\\s*[A-Za-z0-9-]+)*\\s*(?:\\s+dot\\s+|\\[dot\\]|\\(dot\\)|\\.)\\s*${TLD}\\b`,
      'gi',
    ),
    '[email]',
  ],
  // ISO dates first: "on 2010-03-12" is not an NI number.
  [/\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b/g, '[date]'],
  // National Insurance number: two prefix letters (never D, F, I, Q, U or V, nor O second; QQ is the format's own
  // example), six digits, a letter A–D (spaces, dots or hyphens between). The last letter may be left off.
  [
    /\b(?:QQ|[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[\s.-]?\d{2}[\s.-]?\d{2}[\s.-]?\d{2}(?:[\s.-]?[A-D])?\b/gi,
    '[ni-number]',
  ],
  // Dates before numbers, so "14.03.1987" is a date, not digits. Day and month in words: "14th of March 1987",
  // "14 Mar 87", "14-Mar-1987", "the fourteenth of march 1987", "March 14th, 1987".
  [new RegExp(`\\b(?:the\\s+)?${DAY}(?:\\s+of)?[\\s./-]+${MONTH}\\.?,?[\\s./-]+(?:of\\s+)?${YEAR}`, 'gi'), '[date]'],
  [new RegExp(`\\b${MONTH}\\.?\\s+(?:the\\s+)?${DAY},?\\s+${YEAR}`, 'gi'), '[date]'],
  // Numbers: 01/02/1990, 1-2-90, 14.3.87, 1990-02-01.
  [/\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)/g, '[date]'],
  // After a birth cue, the shapes that are dates only there: "D.O.B 14 March", "dob 140387", "born 14 03 1987",
  // "born in 1987", "born March 1987".
  [new RegExp(`(${BIRTH_CUE}${CUE_GAP})(?:the\\s+)?${DAY}(?:\\s+of)?\\s+${MONTH}\\b\\.?`, 'gi'), '$1[date]'],
  [
    new RegExp(`(${BIRTH_CUE}${CUE_GAP})(?:\\d{6}|\\d{8}|\\d{1,2}\\s\\d{1,2}\\s(?:\\d{4}|\\d{2}))(?!\\d)`, 'gi'),
    '$1[date]',
  ],
  [new RegExp(`(\\bborn(?:\\s+in)?\\s+)(?:${MONTH}\\.?\\s+)?\\d{4}\\b`, 'gi'), '$1[date]'],
  // NHS number: ten digits, usually 3-3-4.
  [/\b\d{3}[\s.-]?\d{3}[\s.-]?\d{4}\b/g, '[nhs-number]'],
  // UK phone numbers: 07… mobiles, 01/02/03 landlines, +44 or 0044 (with or without "(0)"); digits grouped by
  // spaces, dots, hyphens, slashes or brackets.
  [/(?<![\d+])(?:(?:\+|\b00)\s?44[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)(?:\d[\s.\-()/]{0,2}){8,9}\d(?!\d)/g, '[phone]'],
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi, '[postcode]'],
  // Names. After "my name is", "name is", "name:", "full name is": whatever follows, whatever its case.
  nameAfter("\\b(?:my\\s+)?(?:full\\s+)?name(?:\\s+is|['’]s|\\s*:)", true),
  // "I'm priya patel", "im jane", "I am Jane Smith": any case, but never a word that describes ("I am worried").
  nameAfter("\\b(?:i\\s+am|i['’]m|im)\\b(?:\\s+called)?", true),
  // "this is Mr Smith", "called Ravi": only a capitalised word ("this is urgent" stays as it is).
  nameAfter('\\b(?:[Tt]his is|[Cc]alled)', false, 'gu'),
  // "Ravi Shah here", "hi, ravi here", "it's priya here": one or two words and "here" opening the message or a
  // sentence.
  [
    new RegExp(
      `(\\b(?:hi|hello|hey|morning|afternoon|evening)\\b[,!]?\\s+|\\bit['’]?s\\s+|^|[.!?]\\s+)(${NAME}(?:\\s+${NAME})?)(?=\\s+here\\b)`,
      'giu',
    ),
    (match, lead, name) => (name!.split(/\s+/).every((w) => isNameWord(w, true)) ? `${lead}[name]` : match),
  ],
  // A sign-off: "Thanks, Priya", "Regards,\nTom Jones" at the end.
  [
    new RegExp(
      `(\\b(?:regards|thanks|thank you|many thanks|cheers|sincerely|best wishes|yours faithfully|yours sincerely)\\s*[,\\n-]+\\s*)(${NAME}(?:\\s+${NAME})?)(?=\\s*[.!]?\\s*$)`,
      'giu',
    ),
    (match, lead, name) => (name!.split(/\s+/).every((w) => isNameWord(w, true)) ? `${lead}[name]` : match),
  ],
  // A title and a name anywhere: "my mum, Mrs Patel", "mrs patel" ("Dr" and "Ms" only capitalised, with a
  // capitalised name: "my dr said", "I have ms").
  [/\b(?:Mrs?|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?/gu, '[name]'],
  [
    new RegExp(`\\b(?:mrs?|miss|mx)\\.?\\s+(${NAME})`, 'giu'),
    (match, name) => (isNameWord(name!, true) ? '[name]' : match),
  ],
  // A capitalised name after a relation: "my son Tom"; "my daughter's social worker" stays as it is.
  [
    /\b((?:[Mm]y|[Oo]ur)\s+(?:son|daughter|child|kid|mum|mom|mother|dad|father|parent|partner|wife|husband|brother|sister|nan|nana|gran|grandma|grandad|granddad|grandmother|grandfather|grandson|granddaughter|stepson|stepdaughter|niece|nephew|aunt|auntie|uncle|cousin|boyfriend|girlfriend|fiancée?|friend|neighbour|carer|client|tenant|baby)\s+)(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)/gu,
    (match, lead, name) => {
      const words = name!.split(/\s+/);
      const n = nameLength(words, false);
      return n ? `${lead}[name]${name!.slice(words.slice(0, n).join(' ').length)}` : match;
    },
  ],
];

/** NFKC, format characters (zero-width, soft hyphen, bidi controls) removed, a dash inside a number or word a hyphen. */
export function normaliseForRedaction(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/(?<=[\p{L}\d])\p{Pd}(?=[\p{L}\d])/gu, '-');
}

/** Rules that can only match text with these in it are skipped without them (a long text without "@" costs less). */
const NEEDS: [RegExp, RegExp][] = [
  [RULES[0]![0], /@/],
  [RULES[1]![0], /\sat\s|\[at\]|\(at\)/i],
];

export function redactPersonalData(text: string): string {
  let out = normaliseForRedaction(text);
  for (const [pattern, replacement] of RULES) {
    const needs = NEEDS.find(([rule]) => rule === pattern)?.[1];
    if (needs && !needs.test(out)) continue;
    out = out.replace(pattern, replacement as (...m: string[]) => string);
  }
  return out;
}
