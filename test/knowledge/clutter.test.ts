import { describe, expect, it } from 'vitest';
import { buildWithReport } from '../../knowledge/pipeline/build-kb.ts';
import { removeClutter } from '../../knowledge/pipeline/clutter.ts';
import { parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadThesaurus } from '../../knowledge/sources.ts';

const PASTED_PAGE = `---
id: testvale-homelessness
council: testvale
title: Housing Options and Homelessness Privacy Notice
---
Skip to main content
We use some essential cookies to make this website work. We'd like to set additional cookies to understand how you use the site.
Accept additional cookies
Reject additional cookies
JavaScript is disabled in your browser. Some parts of this page may not work.
Home > Housing > Homelessness > Privacy notice
Print this page

Information we ask you for
- your name, date of birth and National Insurance number
- proof of income, such as payslips or bank statements
- details of any unspent convictions

Organisations we may pass it to
- HM Revenue and Customs
- Registered housing associations
- The Probation Service

Questions about this notice
Contact our Data Protection Officer at [email protected] or write to the Town Hall.

Was this page useful? Yes No
Report a problem with this page
© 2026 Testvale Borough Council
`;

describe('website clutter in a pasted notice', () => {
  const { kb, report } = buildWithReport(
    [parseNoticeFile(PASTED_PAGE, 'testvale-homelessness.txt')],
    [],
    loadThesaurus(),
  );
  const facts = kb.notices[0]!.facts;

  it('never becomes a fact, and each dropped line is reported', () => {
    const text = facts.map((f) => f.text).join('\n');
    for (const furniture of [
      'Skip to',
      'cookies',
      'JavaScript',
      'Home >',
      'Print this page',
      'Was this page',
      'Report a problem',
      '©',
    ])
      expect(text).not.toContain(furniture);
    expect(report[0]!.dropped).toHaveLength(10);
  });

  it('treats an address the site hid as stripped: no "[email protected]" in an answer', () => {
    expect(facts.some((f) => f.text.includes('protected]'))).toBe(false);
    expect(report[0]!.hiddenEmails).toBe(1);
  });

  it('files list items by their own content when the heading is unfamiliar', () => {
    const topicOf = (start: string) => facts.find((f) => f.text.startsWith(start))?.topic;
    expect(topicOf('proof of income')).toBe('data-collected');
    expect(topicOf('details of any unspent convictions')).toBe('data-collected');
    expect(topicOf('HM Revenue and Customs')).toBe('sharing');
    expect(topicOf('The Probation Service')).toBe('sharing');
  });

  it('drops a PDF running footer with the page number beside other words', () => {
    const kept = removeClutter('Records are kept\n\nTestvale Borough Council            Page 1 of 2\n\nfor 6 years.');
    expect(kept.dropped).toEqual(['Testvale Borough Council            Page 1 of 2']);
    expect(removeClutter('Read page 3 of 12 of our retention schedule for the periods.').dropped).toEqual([]);
  });

  it('drops a block of related links down to the next blank line, and keeps what follows it', () => {
    const kept = removeClutter(
      'Complaints\nContact our DPO first.\n\nRelated pages\nFind your bin collection day\nBook a bulky waste collection\n\nWe keep bookings for 12 months.',
    );
    expect(kept.dropped).toEqual(['Related pages', 'Find your bin collection day', 'Book a bulky waste collection']);
    expect(kept.text).toContain('We keep bookings for 12 months.');
  });

  it('drops page tools on one line, a cookie banner title and an accordion instruction inside a sentence', () => {
    const kept = removeClutter(
      'Cookies on testvale.gov.uk\nSearch this site   Search\nPrint this page   Share this page\nThis page explains how we use your data. Select a heading to open each section.',
    );
    expect(kept.dropped).toEqual([
      'Cookies on testvale.gov.uk',
      'Search this site   Search',
      'Print this page   Share this page',
      'Select a heading to open each section.',
    ]);
    expect(kept.text.trim()).toBe('This page explains how we use your data.');
  });

  it('drops share buttons on one line, and a "+" toggle after a heading', () => {
    const kept = removeClutter('Share this page:  Facebook  X  LinkedIn  Email\nWho we share it with +\nThe police.');
    expect(kept.dropped).toEqual(['Share this page:  Facebook  X  LinkedIn  Email', '+']);
    expect(kept.text).toBe('Who we share it with\nThe police.');
  });

  it("drops an accordion's toggle pasted after its heading, and keeps the heading", () => {
    const kept = removeClutter('Your rights  Show\nYou can ask us to delete it.\nWe will show you the file. Open');
    expect(kept.dropped).toEqual(['Show']);
    expect(kept.text).toBe('Your rights\nYou can ask us to delete it.\nWe will show you the file. Open');
  });

  it('keeps sentences that only mention cookies or printing', () => {
    const kept = removeClutter(
      'We use cookies on the library computers only to remember your session.\nWe print your letter.',
    );
    expect(kept.dropped).toEqual([]);
  });
});
