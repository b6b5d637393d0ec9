import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { NoticeFileError, parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadSources, loadThesaurus } from '../../knowledge/sources.ts';
import type { Fact } from '#core/knowledge-schema.ts';
import { realKnowledgeBase } from '../helpers.ts';

const notice = (id: string) => realKnowledgeBase().notices.find((n) => n.id === id)!;

/** One invented notice built alone: its facts. */
function factsOf(body: string): Fact[] {
  const { registry, thesaurus } = loadSources();
  const file = parseNoticeFile(
    `---\nid: testvale-noise\ncouncil: testvale\ntitle: Noise Privacy Notice\n---\n${body}`,
    'testvale-noise.txt',
  );
  return buildKnowledgeBase([file], registry, thesaurus).notices[0]!.facts;
}

/** …as `topic: text`. */
const topicsOf = (body: string): string[] => factsOf(body).map((f) => `${f.topic}: ${f.text}`);

describe('topics of list items', () => {
  const body = [
    '2. The information we collect',
    '2.1 Food complaints',
    '* the name and contact details of the person complaining',
    '* details of what was eaten, where and when',
    '* symptoms, GP details and laboratory test results',
    '2.2 Noise complaints',
    '* noise diary sheets you complete',
    '* audio recordings you make with the Noise App',
    '* information about your health where you tell us the noise affects it',
    '3. Who we share it with',
    '* the Police, where noise is linked to crime',
    '* social landlords and housing associations, where the noise comes from one of their tenants',
    '* Soundtrace Ltd, which supplies the Noise App',
  ].join('\n');

  it('follow the numbered heading above their subsection and the rest of their list', () => {
    const facts = topicsOf(body);
    for (const item of [
      'contact details of the person complaining',
      'symptoms, GP details',
      'noise diary',
      'audio recordings',
    ])
      expect(facts.filter((f) => f.includes(item))).toEqual([expect.stringMatching(/^data-collected: /)]);
    expect(facts.filter((f) => f.includes('housing associations'))).toEqual([expect.stringMatching(/^sharing: /)]);
  });
});

describe('knowledge base build', () => {
  it('is deterministic: the same notices give byte-identical output', () => {
    const { files, registry, thesaurus } = loadSources();
    expect(JSON.stringify(buildKnowledgeBase(files, registry, thesaurus))).toBe(
      JSON.stringify(buildKnowledgeBase([...files].reverse(), registry, thesaurus)),
    );
  });

  it('extracts retention rules as record type, period and trigger', () => {
    const rules = notice('southend-childrens-services').facts.flatMap((f) => (f.retention ? [f.retention] : []));
    expect(rules).toContainEqual(
      expect.objectContaining({ recordType: 'adoption records', period: '100 years', months: 1200 }),
    );
    expect(rules).toContainEqual(expect.objectContaining({ period: '75 years', trigger: 'from last contact' }));
  });

  it('marks a retention "in line with our policy" with no period as vague', () => {
    const rules = notice('southend-connexions').facts.flatMap((f) => (f.retention ? [f.retention] : []));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.vague && r.months === null)).toBe(true);
  });

  it('fills a stripped address from the same council’s other notice and cites where it came from', () => {
    const filled = notice('kent-community-learning-skills').facts.find((f) =>
      /Transparency Team at data\.protection@kent\.gov\.uk/.test(f.text),
    );
    expect(filled?.repair).toEqual({
      kind: 'filled',
      from: expect.objectContaining({ notice: 'kent-connect-to-work' }),
    });
    expect(filled?.sentence).toMatch(/Team at$/); // the published sentence is kept as published
  });

  it('never leaves a fact ending in a hole', () => {
    for (const n of realKnowledgeBase().notices) {
      for (const f of n.facts) expect(f.text, `${f.id}: ${f.text}`).not.toMatch(/\b(?:at|visit|go to)\s*[:,]?\s*$/i);
    }
  });

  it('keeps provenance: every fact quotes a sentence that is in its notice', () => {
    const { files } = loadSources();
    for (const n of realKnowledgeBase().notices) {
      const body = files
        .find((f) => f.meta.id === n.id)!
        .body.replace(/\s+/g, ' ')
        .replace(/[‘’]/g, "'");
      for (const f of n.facts.slice(0, 40)) expect(body).toContain(f.sentence.replace(/\*\*/g, '').slice(0, 25));
    }
  });

  it('builds a notice laid out unlike the seeds, for a council the registry does not know', () => {
    const text = [
      '---',
      'id: leeds-libraries',
      'council: leeds',
      'title: Libraries Privacy Notice',
      '---',
      '1. WHO WE ARE',
      'Leeds City Council is the data controller for library records.',
      '2. WHAT WE COLLECT',
      'We collect:',
      '* your name and address',
      '* your borrowing history',
      '3. HOW LONG WE KEEP IT',
      'Borrowing records are kept for 2 years after your last loan.',
      '4. CONTACT',
      'Contact our Data Protection Officer at dpo@leeds.example.',
    ].join('\n');
    const kb = buildKnowledgeBase([parseNoticeFile(text, 'leeds-libraries.txt')], [], loadThesaurus());
    const facts = kb.notices[0]!.facts;
    expect(kb.notices[0]!.sections.map((s) => s.heading)).toEqual([
      '1. WHO WE ARE',
      '2. WHAT WE COLLECT',
      '3. HOW LONG WE KEEP IT',
      '4. CONTACT',
    ]);
    expect(facts.find((f) => f.topic === 'retention')?.retention).toMatchObject({
      period: '2 years',
      trigger: 'after your last loan',
    });
    expect(facts.filter((f) => f.topic === 'data-collected').map((f) => f.text)).toContain('your borrowing history');
    expect(facts.find((f) => f.topic === 'contact')?.contacts?.[0]).toMatchObject({
      role: 'dpo',
      email: 'dpo@leeds.example',
    });
  });

  it('rejects a notice file with a clear message when its front-matter is wrong', () => {
    expect(() => parseNoticeFile('no front matter', 'testvale-noise.txt')).toThrow(NoticeFileError);
    expect(() =>
      parseNoticeFile('---\nid: other\ncouncil: kent\ntitle: T\n---\ntext here', 'testvale-noise.txt'),
    ).toThrow(/does not match the file name/);
    expect(() => parseNoticeFile('---\nid: x\ntitle: T\n---\ntext here', 'testvale-noise.txt')).toThrow(/council/);
  });
});

describe('topics of sections a heading names in its own words', () => {
  const facts = topicsOf(
    [
      'How is it kept secure?',
      'The control room is locked and only authorised operators can enter it.',
      'Copies given to the police are encrypted.',
      'How do I ask for footage of myself?',
      'Fill in the footage request form on our website.',
      'There is no charge and we will reply within one month.',
    ].join('\n'),
  );

  it('files how information is kept safe as security, not retention ("kept")', () => {
    expect(facts).toContain('security: The control room is locked and only authorised operators can enter it.');
    expect(facts).toContain('security: Copies given to the police are encrypted.');
  });

  it('files whom a name is not given to as sharing', () => {
    const noticeFacts = topicsOf(
      'Reports\nIf you report a dog at a neighbouring property, we do not give your name to the owner unless you agree.',
    );
    expect(noticeFacts).toContain(
      'sharing: If you report a dog at a neighbouring property, we do not give your name to the owner unless you agree.',
    );
  });

  it('files how to ask for footage, its cost and its reply time as the access request', () => {
    expect(facts).toContain('access-request: There is no charge and we will reply within one month.');
    expect(facts.some((f) => f.startsWith('retention: There is no charge'))).toBe(false);
  });
});

describe('hole repair', () => {
  it('reads "visit" as a noun where it is one, not as a stripped link', () => {
    const facts = topicsOf(
      'How long we keep it\nWe keep job records for 2 years after the last visit, and payment records for 6 years.\nFor more information please visit.',
    );
    expect(facts).toContain(
      'retention: We keep job records for 2 years after the last visit, and payment records for 6 years.',
    );
    expect(facts.join('\n')).not.toContain('please visit');
  });

  it('reads "you visit" at the end of a sentence as a clause, not as a stripped link', () => {
    const facts = topicsOf(
      'What we hold about you\nOur web filter logs attempts to reach blocked sites, but we do not keep a list of the other websites you visit.',
    );
    expect(facts.join('\n')).toContain('the other websites you visit.');
  });

  it('reads "looked at, and …" as a verb, not a stripped link', () => {
    const facts = topicsOf(
      'Your rights\nYou can ask us to restrict how we use it while a complaint is looked at, and to object.',
    );
    expect(facts.join('\n')).toContain('while a complaint is looked at, and to object.');
  });

  it('reads "they go to and …" as a clause, and keeps the whole sentence', () => {
    const facts = topicsOf(
      'What we hold\nAbout your child: their name, the school they go to and their unique pupil number, and their attendance record.',
    );
    expect(facts.join('\n')).toContain(
      'the school they go to and their unique pupil number, and their attendance record.',
    );
  });

  it('leaves a space after a filled-in address and keeps a link that follows stray punctuation', () => {
    const cls = realKnowledgeBase().notices.find((n) => n.id === 'kent-community-learning-skills')!;
    expect(cls.facts.map((f) => f.text)).toContainEqual(
      expect.stringContaining('data.protection@kent.gov.uk to exercise any of your rights'),
    );
    const children = realKnowledgeBase().notices.find((n) => n.id === 'southend-childrens-services')!;
    const viewed = children.facts.find((f) => f.sentence.includes('can be viewed at'));
    expect(viewed?.repair).toBeUndefined();
    expect(viewed?.text).toContain('www.southend.gov.uk/privacynotice');
  });
});

describe('a question-and-answer notice', () => {
  const facts = topicsOf(
    [
      'Q. What information do you collect?',
      'A. We take a photo of you for your membership card.',
      'Q. Do you collect anything sensitive?',
      'A. Yes. Before your induction we ask you to fill in a health questionnaire.',
      'Q. Why do you need it?',
      'A. We use it to manage your membership and, if you agree, to send you offers.',
    ].join('\n\n'),
  );

  it("reads each heading as the resident's question it is", () => {
    expect(facts).toContain('data-collected: We take a photo of you for your membership card.');
    expect(facts.some((f) => f.startsWith('purposes: We use it to manage your membership'))).toBe(true);
  });

  it('joins a bare "Yes." to the sentence it introduces', () => {
    expect(facts).toContain('data-collected: Yes. Before your induction we ask you to fill in a health questionnaire.');
    expect(facts.some((f) => f.endsWith(': Yes.'))).toBe(false);
  });
});

describe('headings that are plain sentences', () => {
  const facts = topicsOf(
    [
      'Sometimes we need to tell other people',
      'If a case goes to court, the magistrates will see the diary sheets.',
      'We also hear about you from other people',
      'Your doctor may mention the noise when you ask for help.',
      'One score is worked out by a computer',
      'A program rates how urgent each case is, and an officer checks every rating.',
      'The National Pupil Database',
      'It holds records of pupils in schools in England.',
    ].join('\n\n'),
  );

  it('head their sections as the questions they answer', () => {
    expect(facts).toContain('sharing: If a case goes to court, the magistrates will see the diary sheets.');
    expect(facts).toContain('sources: Your doctor may mention the noise when you ask for help.');
    expect(facts).toContain('rights: A program rates how urgent each case is, and an officer checks every rating.');
  });

  it('but a heading that only names a thing sets no topic ("database" is not security)', () => {
    expect(facts.find((f) => f.endsWith('It holds records of pupils in schools in England.'))).not.toMatch(/^security/);
  });
});

describe('a right stated outside the rights section', () => {
  it('is recorded on the sentence that states it, in the words notices use for erasure', () => {
    const facts = factsOf(
      [
        'How long we keep it',
        'Case files are kept for 6 years.',
        'You can also ask for your information to be deleted, but we may need to keep it while a case is open.',
      ].join('\n'),
    );
    expect(facts.find((f) => f.text.startsWith('You can also ask'))?.rights).toContain('erasure');
  });
});

describe('a notice for a service that handles complaints', () => {
  const facts = topicsOf(
    [
      'When you make a complaint we record your name, address and the details of your complaint.',
      'If someone complains for you, we need your written consent first.',
      'Our complaints procedure has two stages.',
      'Complaint files are kept for 6 years after the complaint is closed.',
      'We share a complaint with the service it is about.',
      'Our lawful basis for handling complaints is public task, under Article 6(1)(e) of the UK GDPR.',
      'We report the number of complaints to councillors without naming anyone.',
      'Making a complaint will not affect the services you receive.',
      "If you are unhappy with how we have used your information, you can complain to the Information Commissioner's Office.",
    ].join('\n\n'),
  );

  it('files a sentence by what it says of the complaints, not as a complaint about the council', () => {
    expect(facts).toContain(
      'lawful-basis: Our lawful basis for handling complaints is public task, under Article 6(1)(e) of the UK GDPR.',
    );
    expect(facts.filter((f) => f.startsWith('complaints:'))).toEqual([
      "complaints: If you are unhappy with how we have used your information, you can complain to the Information Commissioner's Office.",
    ]);
  });
});

describe('rights stated in plain words', () => {
  it.each([
    ['A housing officer checks every application, so no decision is made by a computer alone.', 'automated-decisions'],
    ['The assessment is calculated by our charging software, and an officer checks it.', 'automated-decisions'],
    ['You can ask us to close your application at any time.', 'erasure'],
  ])('%j states %s', (sentence, right) => {
    const facts = factsOf(`Your rights\n${sentence}`);
    expect(facts.find((f) => f.text === sentence)?.rights).toContain(right);
  });
});

describe('a table of several columns', () => {
  const facts = topicsOf(
    [
      'At a glance',
      '',
      '| Activity | Purpose | Lawful basis | How long we keep it |',
      '| --- | --- | --- | --- |',
      '| Noise diaries | To decide whether the noise is a nuisance | Public task | 2 years after the case closes |',
      '',
      'How long we keep it',
      '',
      '| Record | Retention period |',
      '| --- | --- |',
      '| Recordings | 6 months |',
    ].join('\n'),
  );

  it("files each cell of a row under its column's topic, named by its row and column", () => {
    expect(facts).toContain('purposes: Noise diaries — Purpose: To decide whether the noise is a nuisance');
    expect(facts).toContain('lawful-basis: Noise diaries — Lawful basis: Public task');
    expect(facts).toContain('retention: Noise diaries — How long we keep it: 2 years after the case closes');
    expect(facts.some((f) => f.includes('Activity — Purpose'))).toBe(false);
  });

  it('keeps a two-column row whole, under its header', () => {
    expect(facts).toContain('retention: Recordings — 6 months');
  });
});

describe('a web page that lists its own sections', () => {
  const facts = topicsOf(
    [
      'On this page',
      'What we collect +',
      'Who we share it with +',
      '',
      'What we collect +',
      'About your finances: your income, benefits and savings.',
      'Who we share it with +',
      'We share your case with the police.',
    ].join('\n'),
  );

  it('drops the list of sections, and files "About your finances: …" as what is collected', () => {
    expect(facts).toEqual([
      'data-collected: About your finances: your income, benefits and savings.',
      'sharing: We share your case with the police.',
    ]);
  });
});

describe('headings that are only a name, in a legal layout', () => {
  const facts = topicsOf(
    [
      '4. SOURCES OF PERSONAL DATA',
      '4.1 The Council obtains information from:',
      '(a) the Department for Work and Pensions, through its benefits system;',
      '5. PURPOSES OF PROCESSING',
      '5.1 The Council processes personal data in order to:',
      '(a) work out what a person pays towards their care;',
      '9. RECIPIENTS',
      '9.1 Care homes, including invoices.',
    ].join('\n'),
  );

  it('head their sections', () => {
    expect(facts.some((f) => /^sources: .*Department for Work and Pensions/.test(f))).toBe(true);
    expect(facts.some((f) => /^purposes: .*work out what a person pays/.test(f))).toBe(true);
    expect(facts.some((f) => /^sharing: .*Care homes, including invoices/.test(f))).toBe(true);
  });
});

describe('a list of recipients whose heading was lost', () => {
  const facts = topicsOf(
    [
      'Where we get information from',
      '',
      'Most of the information comes from you. We also get information from the Learning Records Service.',
      '',
      '- the Jobcentre Plus, which we tell if you start or leave a course you were referred to',
      '- exam boards, which need your name and date of birth to register you',
      '- Lumen Learning Systems Ltd, which hosts our online learning platform',
    ].join('\n'),
  );

  it('files each organisation by what it is told or does for us: a recipient', () => {
    for (const start of ['the Jobcentre Plus', 'exam boards', 'Lumen Learning Systems Ltd'])
      expect(facts.find((f) => f.includes(start))).toMatch(/^sharing: /);
  });
});

describe('contacts', () => {
  it("files a service's own team as the service, not as its data protection people", () => {
    const facts = factsOf(
      [
        'Contact us',
        'For questions about your case, contact the Noise Team at noise@testvale.example or on 01632 960111.',
        'Our Data Protection Officer can be reached at dpo@testvale.example.',
      ].join('\n'),
    );
    const roleOf = (start: string) => facts.find((f) => f.text.startsWith(start))?.contacts?.[0]?.role;
    expect(roleOf('For questions about your case')).toBe('service');
    expect(roleOf('Our Data Protection Officer')).toBe('dpo');
  });
});

describe('a choice the person has, in plain words', () => {
  it('files "you can tell us to stop" and "if you do not want to appear…" as consent', () => {
    const facts = topicsOf(
      'We send a reminder letter on the anniversary. You can tell us to stop at any time. If you do not want to appear on the webcast, sit in the marked seats at the back.',
    );
    expect(facts).toContain('consent: You can tell us to stop at any time.');
    expect(facts.some((f) => f.startsWith('consent: If you do not want to appear on the webcast'))).toBe(true);
  });
});
