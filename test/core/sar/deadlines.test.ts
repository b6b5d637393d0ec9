import { describe, expect, it } from 'vitest';
import {
  complaintAcknowledgeBy,
  computeDeadline,
  SarDeadlineInputError,
  type SarClockInput,
} from '#core/sar/deadlines.ts';
import { englandAndWales } from './holidays.ts';

const calendar = englandAndWales();
const deadline = (input: SarClockInput) => computeDeadline(input, calendar);

describe('the worked examples in docs/product.md', () => {
  it.each([
    // [received, base due date, due date, why]
    ['2025-09-03', '2025-10-03', '2025-10-03', 'Wed 3 Sep 2025 → Fri 3 Oct 2025: the same date next month'],
    ['2024-01-01', '2024-02-01', '2024-02-01', 'Mon 1 Jan 2024, a bank holiday, still counts: → Thu 1 Feb 2024'],
    ['2025-01-31', '2025-02-28', '2025-02-28', '31 Jan 2025 → Fri 28 Feb 2025: no 31 Feb, so its last day'],
    ['2024-01-31', '2024-02-29', '2024-02-29', '31 Jan 2024 → Thu 29 Feb 2024 in the leap year'],
    ['2024-11-25', '2024-12-25', '2024-12-27', 'Mon 25 Nov 2024 → Christmas and Boxing Day → Fri 27 Dec 2024'],
    ['2026-01-31', '2026-02-28', '2026-03-02', 'Sat 31 Jan 2026 → Sat 28 Feb 2026 → Mon 2 Mar 2026'],
  ])('received %s: base %s, due %s (%s)', (receivedOn, baseDueDate, dueDate) => {
    const result = deadline({ receivedOn });
    expect(result).toMatchObject({
      clockStartsOn: receivedOn,
      baseDueDate,
      dueDate,
      extensionNoticeBy: dueDate,
      extendedDueDate: null,
      pausedDays: 0,
      status: 'running',
      warnings: [],
    });
  });

  it('started Sun 30 Nov 2025 and extended: three months → Sat 28 Feb 2026 → Mon 2 Mar 2026', () => {
    const result = deadline({
      receivedOn: '2025-11-30',
      extended: { on: '2025-12-10', reason: 'ten years of records' },
    });
    expect(result).toMatchObject({
      dueDate: '2025-12-30',
      extensionNoticeBy: '2025-12-30',
      extendedDueDate: '2026-03-02',
    });
    expect(result.warnings).toEqual([]);
  });
});

describe('month ends, leap years and bank holidays', () => {
  it.each([
    [
      '2024-02-29',
      '2024-03-29',
      '2024-04-02',
      'leap day 2024 → Good Friday 29 Mar 2024 → Tue 2 Apr after Easter Monday',
    ],
    ['2025-03-18', '2025-04-18', '2025-04-22', '18 Mar 2025 → Good Friday 18 Apr 2025 → Tue 22 Apr'],
    [
      '2026-11-25',
      '2026-12-25',
      '2026-12-29',
      '25 Nov 2026 → Christmas Fri, weekend, Boxing Day substitute Mon → Tue 29 Dec 2026',
    ],
    [
      '2021-11-25',
      '2021-12-25',
      '2021-12-29',
      '25 Nov 2021 → Christmas Sat 2021, two substitute days → Wed 29 Dec 2021',
    ],
    [
      '2022-05-02',
      '2022-06-02',
      '2022-06-06',
      '2 May 2022 → moved Spring bank holiday and Platinum Jubilee → Mon 6 Jun 2022',
    ],
    ['2022-08-19', '2022-09-19', '2022-09-20', '19 Aug 2022 → the State Funeral 19 Sep 2022 → Tue 20 Sep'],
    ['2025-03-31', '2025-04-30', '2025-04-30', '31 Mar 2025 → 30 Apr 2025'],
    ['2025-03-30', '2025-04-30', '2025-04-30', 'received the day BST began (30 Mar 2025): no shift'],
    ['2025-10-26', '2025-11-26', '2025-11-26', 'received the day BST ended (26 Oct 2025): no shift'],
  ])('received %s: base %s, due %s (%s)', (receivedOn, baseDueDate, dueDate) => {
    expect(deadline({ receivedOn })).toMatchObject({ baseDueDate, dueDate });
  });

  it('extends to the last day of a leap February: started 30 Nov 2023 → Thu 29 Feb 2024', () => {
    const result = deadline({ receivedOn: '2023-11-30', extended: { on: '2023-12-01', reason: 'numerous requests' } });
    expect(result.extendedDueDate).toBe('2024-02-29');
  });

  it('gives the same dates whatever time zone the process runs in', () => {
    // Prepare
    const input: SarClockInput = { receivedOn: '2025-03-30', pauses: [{ from: '2025-04-01', to: '2025-04-02' }] };
    const before = process.env.TZ;
    try {
      // Act
      const results = ['Europe/London', 'Pacific/Kiritimati', 'America/Los_Angeles'].map((tz) => {
        process.env.TZ = tz;
        return deadline(input);
      });
      // Assess
      expect(results[0]!.dueDate).toBe('2025-05-02');
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('identity and authority: the clock has not started, it is not paused', () => {
  it('waits while identity evidence we asked for has not arrived', () => {
    const result = deadline({ receivedOn: '2025-06-02', identityRequested: true });
    expect(result).toEqual({
      clockStartsOn: null,
      waitingFor: ['identity'],
      baseDueDate: null,
      pausedDays: 0,
      pauses: [],
      pausedSince: null,
      dueDate: null,
      extendedDueDate: null,
      extensionNoticeBy: null,
      status: 'waiting-for-evidence',
      warnings: [],
    });
  });

  it('starts the clock the day the identity evidence arrives: 9 Jun 2025 → due Wed 9 Jul 2025', () => {
    const result = deadline({ receivedOn: '2025-06-02', identityRequested: true, identityVerifiedOn: '2025-06-09' });
    expect(result).toMatchObject({ clockStartsOn: '2025-06-09', dueDate: '2025-07-09', status: 'running' });
  });

  it('starts from proof of authority when it arrives last: 14 Jul 2025 → due Thu 14 Aug 2025', () => {
    const result = deadline({
      receivedOn: '2025-07-01',
      identityRequested: true,
      identityVerifiedOn: '2025-07-03',
      authorityRequested: true,
      authorityProvedOn: '2025-07-14',
    });
    expect(result).toMatchObject({ clockStartsOn: '2025-07-14', dueDate: '2025-08-14' });
  });

  it('keeps waiting for authority once identity has arrived', () => {
    const result = deadline({
      receivedOn: '2025-07-01',
      identityRequested: true,
      identityVerifiedOn: '2025-07-03',
      authorityRequested: true,
    });
    expect(result).toMatchObject({ status: 'waiting-for-evidence', waitingFor: ['authority'], dueDate: null });
  });

  it('starts on receipt when the evidence came with or before the request', () => {
    const result = deadline({ receivedOn: '2025-07-01', identityRequested: true, identityVerifiedOn: '2025-06-28' });
    expect(result.clockStartsOn).toBe('2025-07-01');
  });

  it('does not let evidence we did not ask for move the start, and says so', () => {
    const result = deadline({ receivedOn: '2025-07-01', identityRequested: false, identityVerifiedOn: '2025-07-10' });
    expect(result.clockStartsOn).toBe('2025-07-01');
    expect(result.warnings).toMatchObject([{ code: 'evidence-not-requested', evidence: 'identity' }]);
  });
});

describe('clarification stops the clock', () => {
  it('counts the day asked and the day answered: 28 Jan–3 Feb 2025, across the month end, is 7 days', () => {
    // Prepare: received Fri 10 Jan 2025, base due Mon 10 Feb 2025.
    const input: SarClockInput = { receivedOn: '2025-01-10', pauses: [{ from: '2025-01-28', to: '2025-02-03' }] };
    // Act
    const result = deadline(input);
    // Assess
    expect(result).toMatchObject({
      baseDueDate: '2025-02-10',
      pausedDays: 7,
      pauses: [{ from: '2025-01-28', to: '2025-02-03', days: 7 }],
      dueDate: '2025-02-17',
      status: 'running',
    });
  });

  it('counts a clarification answered the day it was asked as one day', () => {
    const result = deadline({ receivedOn: '2025-01-10', pauses: [{ from: '2025-01-20', to: '2025-01-20' }] });
    expect(result).toMatchObject({ pausedDays: 1, dueDate: '2025-02-11' });
  });

  it('applies the working-day rule after the pause: 3 Mar 2025 + 15 days → Good Friday → Tue 22 Apr 2025', () => {
    const result = deadline({ receivedOn: '2025-03-03', pauses: [{ from: '2025-03-10', to: '2025-03-24' }] });
    expect(result).toMatchObject({ baseDueDate: '2025-04-03', pausedDays: 15, dueDate: '2025-04-22' });
  });

  it('adds every pause, and moves the extension and its notice cut-off by them too', () => {
    const result = deadline({
      receivedOn: '2025-10-06',
      pauses: [
        { from: '2025-10-13', to: '2025-10-14' },
        { from: '2025-10-20', to: '2025-10-20' },
      ],
      extended: { on: '2025-10-30', reason: 'records held in three services' },
    });
    // 6 Nov + 3 = Sun 9 Nov 2025 → Mon 10 Nov; 6 Jan 2026 + 3 = Fri 9 Jan 2026.
    expect(result).toMatchObject({
      pausedDays: 3,
      dueDate: '2025-11-10',
      extensionNoticeBy: '2025-11-10',
      extendedDueDate: '2026-01-09',
    });
    expect(result.warnings).toEqual([]);
  });

  it('is paused while an answer is awaited: no due date until it arrives', () => {
    const result = deadline({
      receivedOn: '2025-03-03',
      pauses: [{ from: '2025-03-10', to: '2025-03-12' }, { from: '2025-03-20' }],
    });
    expect(result).toMatchObject({
      status: 'paused',
      pausedSince: '2025-03-20',
      pausedDays: 3,
      baseDueDate: '2025-04-03',
      dueDate: null,
      extensionNoticeBy: null,
    });
  });

  it('counts days shared by overlapping records once', () => {
    const result = deadline({
      receivedOn: '2025-03-03',
      pauses: [
        { from: '2025-03-12', to: '2025-03-18' },
        { from: '2025-03-10', to: '2025-03-14' },
      ],
    });
    // 10–18 Mar: 9 days; 3 Apr + 9 = Sat 12 Apr 2025 → Mon 14 Apr.
    expect(result).toMatchObject({
      pausedDays: 9,
      pauses: [{ days: 4 }, { days: 5 }],
      dueDate: '2025-04-14',
    });
    expect(result.warnings).toMatchObject([{ code: 'overlapping-pauses' }]);
  });

  it('counts only days after the clock started', () => {
    // Identity asked for on receipt (2 Jun 2025), clarification asked 4 Jun, identity arrives 9 Jun, answer 11 Jun.
    const result = deadline({
      receivedOn: '2025-06-02',
      identityRequested: true,
      identityVerifiedOn: '2025-06-09',
      pauses: [{ from: '2025-06-04', to: '2025-06-11' }],
    });
    // 9, 10, 11 Jun: 3 days; 9 Jul + 3 = Sat 12 Jul 2025 → Mon 14 Jul.
    expect(result).toMatchObject({ pausedDays: 3, dueDate: '2025-07-14' });
    expect(result.warnings).toMatchObject([{ code: 'pause-before-clock-start' }]);
  });

  it('does not let a clarification asked after the deadline revive it', () => {
    const result = deadline({ receivedOn: '2025-03-03', pauses: [{ from: '2025-04-10', to: '2025-04-12' }] });
    expect(result).toMatchObject({ pausedDays: 0, dueDate: '2025-04-03', status: 'running' });
    expect(result.warnings).toMatchObject([{ code: 'pause-after-due-date' }]);
  });
});

describe('extensions', () => {
  it('flags an extension recorded after the cut-off for telling the requester', () => {
    const result = deadline({ receivedOn: '2025-03-03', extended: { on: '2025-04-07', reason: 'complex' } });
    expect(result).toMatchObject({ extensionNoticeBy: '2025-04-03', extendedDueDate: '2025-06-03' });
    expect(result.warnings).toMatchObject([{ code: 'extension-notice-late', noticeBy: '2025-04-03' }]);
  });
});

describe('beyond the holiday calendar (2018–2028): flagged, not guessed', () => {
  it('leaves a due date in 2029 empty and says why', () => {
    const result = deadline({ receivedOn: '2028-12-15' });
    expect(result).toMatchObject({
      baseDueDate: '2029-01-15',
      dueDate: null,
      extensionNoticeBy: null,
      status: 'running',
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'calendar-does-not-cover',
        field: 'dueDate',
        dateBeforeWorkingDayRule: '2029-01-15',
        lastYearCovered: 2028,
      }),
    ]);
  });

  it('flags Sat 30 Dec 2028 too: the next working day depends on whether Mon 1 Jan 2029 is a holiday', () => {
    const result = deadline({ receivedOn: '2028-11-30' });
    expect(result.dueDate).toBeNull();
    expect(result.warnings).toMatchObject([
      { code: 'calendar-does-not-cover', dateBeforeWorkingDayRule: '2028-12-30' },
    ]);
  });

  it('flags only the extended date when only it is beyond', () => {
    const result = deadline({ receivedOn: '2028-11-10', extended: { on: '2028-11-20', reason: 'complex' } });
    // 10 Dec 2028 is a Sunday → Mon 11 Dec; 10 Feb 2029 is unknown.
    expect(result).toMatchObject({ dueDate: '2028-12-11', extendedDueDate: null });
    expect(result.warnings).toMatchObject([{ code: 'calendar-does-not-cover', field: 'extendedDueDate' }]);
  });
});

describe('bad input gets a clear error', () => {
  it.each([
    ['an impossible date', { receivedOn: '2025-02-29' }, /receivedOn/],
    ['a date with a time', { receivedOn: '2025-02-01T09:00:00Z' }, /YYYY-MM-DD/],
    [
      'an answer before the question',
      { receivedOn: '2025-03-03', pauses: [{ from: '2025-03-10', to: '2025-03-09' }] },
      /answered on 2025-03-09, before it was asked on 2025-03-10/,
    ],
    [
      'a clarification before the request',
      { receivedOn: '2025-03-03', pauses: [{ from: '2025-03-01', to: '2025-03-04' }] },
      /before the request was received/,
    ],
    [
      'two open clarifications',
      { receivedOn: '2025-03-03', pauses: [{ from: '2025-03-10' }, { from: '2025-03-12' }] },
      /more than one clarification/,
    ],
    [
      'a clarification asked while another awaits its answer',
      { receivedOn: '2025-03-03', pauses: [{ from: '2025-03-10' }, { from: '2025-03-12', to: '2025-03-13' }] },
      /still awaiting an answer/,
    ],
    [
      'an extension without reasons',
      { receivedOn: '2025-03-03', extended: { on: '2025-03-10', reason: '  ' } },
      /reasons/,
    ],
  ])('rejects %s', (_what, input, message) => {
    expect(() => deadline(input as SarClockInput)).toThrow(SarDeadlineInputError);
    expect(() => deadline(input as SarClockInput)).toThrow(message);
  });
});

describe('complaintAcknowledgeBy (DPA 2018 s.164A)', () => {
  it.each([
    ['2026-06-19', '2026-07-19', 'the day s.164A comes into force; a Sunday stays a Sunday'],
    ['2026-01-31', '2026-03-02', 'plain calendar days across a short February'],
    ['2028-02-01', '2028-03-02', 'and a leap February'],
    ['2026-12-10', '2027-01-09', 'and a year end'],
  ])('received %s → acknowledge by %s (%s)', (receivedOn, expected) => {
    expect(complaintAcknowledgeBy(receivedOn)).toBe(expected);
  });

  it('rejects a date that is not one', () => {
    expect(() => complaintAcknowledgeBy('2026-06-31')).toThrow(SarDeadlineInputError);
  });
});
