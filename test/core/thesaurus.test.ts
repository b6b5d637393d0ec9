import { describe, expect, it } from 'vitest';
import { stem } from '#core/language.ts';
import { compileThesaurus } from '#core/thesaurus.ts';
import { loadThesaurus } from '../../knowledge/sources.ts';

const thesaurus = compileThesaurus(loadThesaurus());
const implied = (text: string) => new Set(thesaurus.expand(text).slice(text.length).trim().split(' ').filter(Boolean));
/** Whether a question and a notice's sentence are read as naming the same thing. */
const meetIn = (question: string, notice: string) => [...implied(question)].some((t) => implied(notice).has(t));

describe('the thesaurus (knowledge/thesaurus.yaml)', () => {
  it.each([
    ['will you pass my details to bailiffs', 'we may instruct enforcement agents'],
    ['do you tell the job centre', 'we share it with the Department of Work and Pensions'],
    ['does the tax office get my income', 'HM Revenue and Customs'],
    ['i got a court letter about a fine', 'registered with the Traffic Enforcement Centre'],
    ['will this affect my credit check', 'we use credit reference agencies'],
    ['is my mum s care home told', 'residential care providers'],
    ['does my probation officer see it', 'the Probation Service'],
    ['can the people who run the computer system see my file', 'our software supplier'],
    ['do you keep my photo', 'a passport-style photograph for your badge'],
    ['do you hold anything about my convictions', 'details of any relevant offences'],
    ['will you ask about my wages', 'HMRC tells us about your earnings'],
    ['is my medical info kept', 'health information about you'],
    ['do i need a foto', 'a passport-style photograph'],
    ['do you keep a list of the books i have borrowed', 'your reading history'],
    ['do you check if im subletting', 'to prevent tenancy fraud'],
    ['will my arrears stay on file', 'any rent arrears'],
    ['can i get the vid of me', 'footage of you'],
    ['do the bin men see my address', 'collection crews see your address'],
    ['does the bin lorry have cameras', 'our collection vehicles carry cameras'],
    ['does the escort know about his condition', 'passenger assistants are told'],
    ['who do you ask for a character reference', 'we contact at least three personal referees'],
    ['does ur wifi track me', 'if you use our wi fi'],
    ['is the funeral being livestreamed', 'services can be webcast for family who cannot attend'],
    ['do you hold my childs dla', 'Disability Living Allowance award letter'],
    ['im on uc', 'if you receive Universal Credit'],
    ['do you record when i log on', 'your login times'],
    ['will what he died of be written down', 'the cause of death from the medical certificate'],
    ['are you checking if our marriage is fake', 'to prevent and detect sham marriages'],
    ['will next door find out', 'we will not tell your neighbours'],
    ['is my dyslexia on file', 'whether you have a learning difficulty'],
  ])("reads %j and the notice's %j as naming the same thing", (question, notice) => {
    expect(meetIn(question, notice)).toBe(true);
  });

  it('keeps apart words the stemmer would run together', () => {
    expect(stem('customer')).not.toBe(stem('customs'));
    expect(stem('accountability')).not.toBe(stem('account'));
    expect(stem('university')).not.toBe(stem('universal'));
    expect(stem('customers')).toBe(stem('customer'));
  });

  it('does not join unrelated things', () => {
    expect(meetIn('do you tell the police', 'HM Revenue and Customs')).toBe(false);
    // A leaking toilet is not a data leak, nor a wheelie bin a deletion.
    expect(implied('my toilet is leaking')).not.toContain('security');
    expect(implied('who empties my bin')).not.toContain('delete');
    expect(implied('please bin my records')).toContain('delete');
    expect(implied('has my data been leaked')).toContain('security');
  });

  it.each([
    ['does the escort write down when he gets off', 'log'],
    ['will you send me adverts', 'marketing'],
    ['is it safe over there', 'abroad'],
    ['does it log when i drove in', 'enter'],
    ['does it log when i drove out', 'leave'],
    ['do you track where i go on my pass', 'journey'],
    ['will my objection be public', 'publish'],
    ['is my phone number shown online', 'publish'],
    ['is that how they picked me for jury service', 'courts'],
  ])('reads %j as asking about what the notice calls %j', (question, word) => {
    expect(implied(question)).toContain(word);
  });

  it('reads an everyday phrase in the words of what it asks, one way ("pass it on" is sharing)', () => {
    expect(implied('do you pass it on to the council tax team')).toContain('share');
    expect(implied('we share it')).not.toContain('pass');
  });

  it('reads "tell" as disclosure only when someone else is told, never "tell me" or "what I tell you"', () => {
    expect(implied('will you tell anyone')).toContain('share');
    expect(implied('tell me what you hold')).not.toContain('share');
    expect(implied('do you write down what i tell you')).not.toContain('share');
  });

  it('matches by stem and across a gap of up to four words, and no further', () => {
    expect(implied('they passed my notes on')).toContain('share');
    expect(thesaurus.expand('pass the red blue green yellow pink on')).toBe('pass the red blue green yellow pink on');
  });

  it('adds nothing to a text none of its phrases are in', () => {
    expect(thesaurus.expand('how long do you keep it')).toBe('how long do you keep it');
  });

  it('knows which phrases name a council service', () => {
    expect([...thesaurus.servicesIn('how long do you keep my adoption file')]).toEqual(['adoption']);
    expect(thesaurus.servicesIn('how long do you keep my file').size).toBe(0);
    expect([...thesaurus.servicesIn('bins - who do you share my details with')]).toEqual(['waste and recycling']);
    expect([...thesaurus.servicesIn('do you keep my info for the 30 hours')]).toEqual(['early years funding']);
    expect([...thesaurus.servicesIn('does the gym keep my health form')]).toEqual(['leisure services']);
  });
});
