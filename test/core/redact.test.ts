import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '#core/redact.ts';

describe('redactPersonalData', () => {
  it.each([
    ['my email is jane.smith@example.co.uk can you delete my data', 'my email is [email] can you delete my data'],
    ['call me on 07700 900123 please', 'call me on [phone] please'],
    ['my landline is 01632 960 999', 'my landline is [phone]'],
    ['NI number QQ 12 34 56 C, is it on file?', 'NI number [ni-number], is it on file?'],
    ['my NHS number is 943 476 5919', 'my NHS number is [nhs-number]'],
    ['I live at 10 High Street, Maidstone ME14 1XQ', 'I live at 10 High Street, Maidstone [postcode]'],
    ['born 03/09/2008, what do you hold', 'born [date], what do you hold'],
    ['my son was born 12 March 2010', 'my son was born [date]'],
    ['My name is Jane Smith and I want my file', 'My name is [name] and I want my file'],
    ['my son Tom was born on 2010-03-12', 'my son [name] was born on [date]'],
    [
      'I am writing about my mum, Mrs Patel, date of birth 01.02.1950',
      'I am writing about my mum, [name], date of birth [date]',
    ],
    [
      'Hi, this is Sarah Jones (sarah_j+council@gmail.com, +44 7700 900123). My NHS no. 9434765919, postcode me14 1xq.',
      'Hi, this is [name] ([email], [phone]). My NHS no. [nhs-number], postcode [postcode].',
    ],
    ['ni no qq123456c, nhs 943-476-5919', 'ni no [ni-number], nhs [nhs-number]'],
  ])('redacts %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('does not take "I am worried" for a name, but takes any name after "my name is"', () => {
    expect(redactPersonalData('I am worried about who sees my file')).toBe('I am worried about who sees my file');
    expect(redactPersonalData("I'm Jane and I want my file")).toBe("I'm [name] and I want my file");
    expect(redactPersonalData('my name is jane smith')).toBe('my name is [name]');
  });

  it('leaves a question without personal data as it was', () => {
    for (const question of [
      'how long do you keep adoption records for 100 years?',
      "does my son's school see his SEN records?",
      'who does Kent share my Connect to Work data with?',
    ])
      expect(redactPersonalData(question)).toBe(question);
  });
});
