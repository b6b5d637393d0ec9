import { describe, expect, it } from 'vitest';
import { segment } from '../../knowledge/pipeline/segment.ts';

const headings = (text: string) => segment(text, 'Title').map((s) => s.heading);

describe('segment', () => {
  it('finds headings written as questions, statements, numbers, capitals and markdown', () => {
    const text = [
      'What information do we collect?',
      'We collect your name.',
      '2. HOW LONG WE KEEP IT',
      'We keep it for 6 years.',
      '## Sharing',
      'We share it with the DWP.',
      'Your rights',
      'You can ask for a copy.',
    ].join('\n');
    expect(headings(text)).toEqual([
      'What information do we collect?',
      '2. HOW LONG WE KEEP IT',
      'Sharing',
      'Your rights',
    ]);
  });

  it('drops a table of contents with page numbers and uses its entries as headings', () => {
    const text =
      'Table of Contents\n\nAbout us3\nYour rights.....4\n\nAbout us\n\nWe run a service.\n\nYour rights\n\nYou may ask for a copy.';
    const sections = segment(text, 'Title');
    expect(sections.map((s) => s.heading)).toEqual(['About us', 'Your rights']);
    expect(JSON.stringify(sections)).not.toMatch(/\.\.\.\.4/);
  });

  it('keeps a list with the sentence that introduces it', () => {
    const [section] = segment(
      'Who we share with\n\nWe may share your information with:\n\n• Police\n• Schools',
      'Title',
    );
    expect(section?.blocks).toEqual([
      { kind: 'list', leadIn: 'We may share your information with:', items: ['Police', 'Schools'] },
    ]);
  });

  it('re-joins a bullet wrapped onto the next line', () => {
    const [section] = segment(
      'Data\n\n- Details of conversations between staff, the\n police and doctors.\n- Name',
      'Title',
    );
    expect(section?.blocks[0]).toMatchObject({
      items: ['Details of conversations between staff, the police and doctors.', 'Name'],
    });
  });

  it('re-joins a paragraph hard-wrapped at a width, whatever word starts the next line', () => {
    // Pasted from a PDF or an e-mail: the lines break where the width ran out, before numbers, names and capitals.
    const text = [
      'Who we are',
      'Anytown Council, Civic Centre, High Street, Anytown AT1 1AA, is the data controller for',
      'this information. We keep taxi and private hire driver files for a period of',
      '6 years after your licence expires, and refused applications are kept for',
      '3 years after the decision. We also receive information from the',
      'Disclosure and Barring Service, the DVLA, the',
      'Home Office and the Police, and we share it with the',
      "Information Commissioner's Office when it asks.",
    ].join('\n');
    const sections = segment(text, 'Title');
    expect(sections.map((s) => s.heading)).toEqual(['Who we are']);
    expect(sections[0]!.blocks).toEqual([
      {
        kind: 'paragraph',
        text:
          'Anytown Council, Civic Centre, High Street, Anytown AT1 1AA, is the data controller for this information. ' +
          'We keep taxi and private hire driver files for a period of 6 years after your licence expires, and refused ' +
          'applications are kept for 3 years after the decision. We also receive information from the Disclosure and ' +
          "Barring Service, the DVLA, the Home Office and the Police, and we share it with the Information Commissioner's " +
          'Office when it asks.',
      },
    ]);
  });

  it('does not take a line of two sentences for a heading', () => {
    expect(
      headings(
        'Title line\n\nEnvironmental Services, Testvale Council. Version 2.1, January 2026\n\nWe hold your name.',
      ),
    ).not.toContain('Environmental Services, Testvale Council. Version 2.1, January 2026');
  });

  it('keeps a list item that ends in a preposition and the heading below it apart', () => {
    expect(
      headings('Sources\n\nWe receive it from:\n- Other services you are engaged with\nHow we use it\nTo help.'),
    ).toEqual(['Sources', 'How we use it']);
  });

  it('does not take a contact line or a broken "contact … at" sentence for a heading', () => {
    expect(
      headings('Contact\n\nEmail: dpo@example.gov.uk\n\nFor further information visit\n\nMore text here.'),
    ).toEqual(['Contact']);
  });

  it('keeps the last item of a numbered list in the list, and reads a numbered heading over bullets as a heading', () => {
    const text = [
      '1. WHAT WE COLLECT',
      '- your name',
      '- your address',
      '2. WHY',
      'We use it to:',
      '1. assess your application',
      '2. contact you',
      'We do not use it for anything else.',
    ].join('\n');
    const sections = segment(text, 'Title');
    expect(sections.map((s) => s.heading)).toEqual(['1. WHAT WE COLLECT', '2. WHY']);
    expect(sections[1]?.blocks[0]).toMatchObject({ items: ['assess your application', 'contact you'] });
  });

  it('stops a contents list at body text that was wrapped into short lines', () => {
    const text = [
      'Contents',
      'About us',
      'Your rights',
      'We run the library service for the',
      'borough and its residents.',
      'Your rights',
      'You can ask for a copy.',
    ].join('\n');
    const body = JSON.stringify(segment(text, 'Title'));
    expect(body).toContain('borough and its residents');
    expect(body).toContain('You can ask for a copy.');
  });

  it('does not take "…Officer email:" for a heading', () => {
    const sections = segment('Contact\n\nData Protection Officer email:\ndpo@example.gov.uk', 'Title');
    expect(sections.map((s) => s.heading)).toEqual(['Contact']);
  });

  it('keeps a one-line heading apart from the sentence under it, in any heading case', () => {
    const text = [
      'Who we are',
      'Harbourside Council is the data controller for parking permits.',
      '',
      'Where it comes from',
      'From you when you apply, and from the DVLA.',
      '',
      'Where It Comes From',
      'We get it from your GP.',
    ].join('\n');
    expect(headings(text)).toEqual(['Who we are', 'Where it comes from', 'Where It Comes From']);
  });
});
