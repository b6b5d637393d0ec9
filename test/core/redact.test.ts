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
  ])('redacts %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('does not take "I am worried" for a name, but takes any name after "my name is"', () => {
    expect(redactPersonalData('I am worried about who sees my file')).toBe('I am worried about who sees my file');
    expect(redactPersonalData("I'm Jane and I want my file")).toBe("I'm [name] and I want my file");
    expect(redactPersonalData('my name is jane smith')).toBe('my name is [name]');
  });

  it('leaves a question without personal data as it was', () => {
    const question = 'how long do you keep adoption records for 100 years?';
    expect(redactPersonalData(question)).toBe(question);
  });
});
