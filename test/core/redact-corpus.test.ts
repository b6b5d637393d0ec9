// Finding 6 of issue 12: realistic variants of personal data — formats, spacing, case, unicode — that must all be
// redacted before a question reaches a log line or the unanswered-question records (and from there the DPO digest),
// and ordinary sentences that must come through untouched.
import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '#core/redact.ts';
import { redactQuestion } from '#core/unanswered.ts';

const ZWSP = '\u200B';
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
const WJ = '\u2060';
const BOM = '\uFEFF';
const NBSP = '\u00A0';
const SHY = '\u00AD';
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// [what it is, the text, what must be left]
const MUST_REDACT: [string, string, string][] = [
  // Phone numbers
  ['mobile with dots', 'call me on 07700.900.462 please', 'call me on [phone] please'],
  ['mobile with spaces', 'my number is 07700 900 462', 'my number is [phone]'],
  ['mobile with hyphens', 'ring 07700-900-462', 'ring [phone]'],
  ['mobile in brackets', 'ring (07700) 900462 after 5', 'ring [phone] after 5'],
  ['+44 (0)', 'text +44 (0) 7700 900462', 'text [phone]'],
  ['+44 no spaces', 'whatsapp +447700900462', 'whatsapp [phone]'],
  ['0044', 'from abroad 0044 7700 900462', 'from abroad [phone]'],
  ['+44 with hyphens', 'tel +44 7700-900-462.', 'tel [phone].'],
  ['odd grouping', 'phone 077 009 004 62', 'phone [phone]'],
  ['London landline', 'landline 020 7946 0958', 'landline [phone]'],
  ['landline, area code in brackets', 'home (020) 7946 0958', 'home [phone]'],
  ['+44 landline', 'office +44 20 7946 0958', 'office [phone]'],
  ['03 number', 'work 0300 123 4567', 'work [phone]'],
  ['full-width digits', `call ${fullWidth('07700 900462')}`, 'call [phone]'],
  ['zero-width space inside', `call 0770${ZWSP}0900${ZWSP}462`, 'call [phone]'],
  ['non-breaking spaces', `call 07700${NBSP}900${NBSP}462`, 'call [phone]'],
  ['word joiner and soft hyphen inside', `call 07700${WJ}900${SHY}462`, 'call [phone]'],
  ['slashes', 'mob 07700/900/462', 'mob [phone]'],
  // Emails
  ['upper-case email', 'JANE.SMITH@EXAMPLE.CO.UK is my email', '[email] is my email'],
  ['email with zero-width space', `email jane${ZWSP}@example.com`, 'email [email]'],
  ['full-width at sign', 'email jane＠example.com', 'email [email]'],
  ['spelled out', 'email me at jane dot smith at gmail dot com', 'email me at [email]'],
  ['bracketed at', 'jane.smith[at]example[dot]co[dot]uk', '[email]'],
  ['plus address', 'sarah_j+council@gmail.com', '[email]'],
  // National Insurance numbers
  ['NI with dashes', 'NI number QQ-12-34-56-C', 'NI number [ni-number]'],
  ['NI lower case, grouped', 'ni qq 123456 c', 'ni [ni-number]'],
  ['NI with dots', 'my NINO is QQ.12.34.56.C', 'my NINO is [ni-number]'],
  ['NI full-width', `NI ${fullWidth('QQ123456C')}`, 'NI [ni-number]'],
  ['NI with zero-width non-joiner', `NI QQ12${ZWNJ}3456C`, 'NI [ni-number]'],
  ['NI with en dashes', 'NI QQ–12–34–56–C', 'NI [ni-number]'],
  ['NI without the letter', 'national insurance JG 10 37 59', 'national insurance [ni-number]'],
  // NHS numbers
  ['NHS with dots', 'NHS 943.476.5919', 'NHS [nhs-number]'],
  ['NHS with en dashes', 'NHS number 943–476–5919', 'NHS number [nhs-number]'],
  ['NHS full-width', `NHS ${fullWidth('943 476 5919')}`, 'NHS [nhs-number]'],
  ['NHS with zero-width joiner', `NHS 943${ZWJ}476${ZWJ}5919`, 'NHS [nhs-number]'],
  // Postcodes
  ['postcode lower case', 'I live in me14 1xq', 'I live in [postcode]'],
  ['postcode without space', 'postcode ME141XQ', 'postcode [postcode]'],
  ['postcode SW1A', 'at SW1A 1AA', 'at [postcode]'],
  ['short postcode', 'Manchester M1 1AE', 'Manchester [postcode]'],
  ['postcode, two spaces', 'Maidstone ME14  1XQ', 'Maidstone [postcode]'],
  ['postcode with zero-width space', `ME14${ZWSP}1XQ`, '[postcode]'],
  ['postcode full-width', fullWidth('ME14 1XQ'), '[postcode]'],
  ['postcode mixed case', 'Southend Ss2 6er', 'Southend [postcode]'],
  ['postcode with a byte-order mark', `${BOM}SS2 6ER`, '[postcode]'],
  // Dates (of birth)
  ['day of month year', 'born on the 14th of March 1987', 'born on [date]'],
  ['D.O.B and short year', 'D.O.B 14 Mar 87', 'D.O.B [date]'],
  ['dob numeric short year', 'dob: 14/03/87', 'dob: [date]'],
  ['month first', 'March 14th, 1987 is my birthday', '[date] is my birthday'],
  ['hyphenated month', 'dob 14-Mar-1987', 'dob [date]'],
  ['dots', 'born 14.03.1987', 'born [date]'],
  ['ISO', 'born 1987-03-14', 'born [date]'],
  ['ordinal words', 'the fourteenth of march 1987', '[date]'],
  ['no year after a birth cue', 'my birthday is 14th March', 'my birthday is [date]'],
  ['digits run after a birth cue', 'DOB 14031987', 'DOB [date]'],
  ['spaced digits after a birth cue', 'date of birth 14 03 1987', 'date of birth [date]'],
  ['year after born in', 'I was born in 1987', 'I was born in [date]'],
  ['single-digit day and month', 'born 3/5/2001', 'born [date]'],
  ['full-width date', `dob ${fullWidth('14/03/1987')}`, 'dob [date]'],
  ['comma before the year', 'born 14 March, 1987', 'born [date]'],
  // Names
  ["lower-case i'm", "i'm priya patel and i want my file", "i'm [name] and i want my file"],
  ['name is, no my', 'name is Tom Jones', 'name is [name]'],
  ['here', 'Ravi Shah here, I want my records', '[name] here, I want my records'],
  ['lower-case here after a greeting', 'hi, ravi here', 'hi, [name] here'],
  ["it's … here", "it's priya here", "it's [name] here"],
  ['im without apostrophe', 'im jane and i need help', 'im [name] and i need help'],
  ['I am, capitalised', 'I am Priya Patel', 'I am [name]'],
  ['curly apostrophe', 'I’m Tom Jones', 'I’m [name]'],
  ['full name is', 'my full name is siân jones', 'my full name is [name]'],
  ['name colon', 'Name: Ravi Shah', 'Name: [name]'],
  ['lower-case title', 'can mrs patel see my file', 'can [name] see my file'],
  ['title with initialled surname', 'Dr Okafor said so', '[name] said so'],
  ['sign-off', 'what do you keep? Thanks, Priya', 'what do you keep? Thanks, [name]'],
  ['sign-off on a new line', 'who sees my data?\nRegards,\nTom Jones', 'who sees my data?\nRegards,\n[name]'],
  ['relation', 'my nephew Jack was in care', 'my nephew [name] was in care'],
  ['this is', 'this is Mr Smith from flat 2', 'this is [name] from flat 2'],
  ['zero-width inside a name after my name is', `my name is Pri${ZWSP}ya Patel`, 'my name is [name]'],
];

const MUST_SURVIVE = [
  'I am worried about who sees my file',
  "I'm not sure which service I used",
  'i am writing about my son',
  'im worried about my data',
  'I am a carer for my mum',
  'I am her mother and want her records',
  "I'm trying to find out what you hold",
  'I am over 18 and want my file',
  "I'm unhappy with how you handled my complaint",
  "I'm Deaf and need a BSL interpreter",
  'Kent County Council',
  'Who does Kent County Council share my data with?',
  'Care Act 2014',
  'how long do you keep records under the Care Act 2014?',
  'What does the Data Protection Act 2018 s.164A say?',
  'how long do you keep adoption records for 100 years?',
  "does my son's school see his SEN records?",
  'who does Kent share my Connect to Work data with?',
  'Sefton@work helped me find a job',
  'Can I get a copy of my data within one month?',
  'The notice was reviewed in May 2025',
  'I called 3 times last week',
  'Is my data kept for 6 years after the case closes?',
  'Do you use my info for marketing?',
  "I'm a solicitor acting for my client",
  'My son is 14 and in year 9',
  'Section 3.2 of the notice says 12 months',
  'Version 1.2 of the form',
  'is anyone here?',
  'Anyone here?',
  'This is urgent',
  'this is about my daughter',
  'Thanks for your help',
  'thanks, that helps',
  'my daughter goes to school in Maidstone',
  'I was born in Kent',
  'my name is not on the letter',
  'Room 101, Sessions House',
  'I have ms and need large print',
  'my dr said you have my notes',
  "it's about my housing file",
];

describe('redaction corpus', () => {
  it(`has at least 60 variants (${MUST_REDACT.length}) and a few dozen ordinary sentences (${MUST_SURVIVE.length})`, () => {
    expect(MUST_REDACT.length).toBeGreaterThanOrEqual(60);
    expect(MUST_SURVIVE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MUST_REDACT)('redacts %s', (_what, text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it.each(MUST_REDACT)('keeps %s out of the unanswered-question record', (_what, text) => {
    const recorded = redactQuestion(text);
    // Nothing of the personal data is left: no run of three digits, and none of the names or addresses.
    expect(recorded).not.toMatch(/\d{3}|@|priya|patel|ravi|shah|jones|smith|okafor|jack|qq|me14|ss2|sw1a|m1 1ae/i);
  });

  it.each(MUST_SURVIVE)('leaves %j untouched', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });
});

describe('redaction of hostile text', () => {
  it('takes well under a second for 4,000 characters shaped to make the patterns backtrack', () => {
    for (const text of [
      'a dot '.repeat(700),
      'a'.repeat(4000) + '@',
      '0'.repeat(4000),
      '07700-'.repeat(700),
      "i'm ".repeat(1000),
      'x [at] y [dot] '.repeat(250),
      `born ${'1.'.repeat(2000)}`,
    ]) {
      const started = performance.now();
      redactPersonalData(text);
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});
