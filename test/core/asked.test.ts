import { describe, expect, it } from 'vitest';
import { askedDetail } from '#core/asked.ts';

describe('which contact detail a question asks for', () => {
  it.each([
    ['what is your phone number', 'phone'],
    ['can i email the dpo', 'email'],
    ['what address do i write to', 'address'],
    ['what number do i ring', 'phone'],
  ])('%j asks for the council’s %s', (question, detail) => {
    expect(askedDetail(question)).toBe(detail);
  });

  it.each([
    'reception gave my address to my ex',
    'do you keep my card number when i pay',
    'you published my phone number with my application',
    'is my national insurance number kept',
    'what do you do with her email address',
  ])('%j names the person’s own detail, not one of the council’s', (question) => {
    expect(askedDetail(question)).toBeUndefined();
  });
});
