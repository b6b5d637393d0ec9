import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  fromEpochDay,
  isLocalDate,
  isoWeekday,
  parseLocalDate,
  toEpochDay,
} from '#core/sar/local-date.ts';

describe('LocalDate', () => {
  it('agrees with UTC day numbering for every day from 1899 to 2101', () => {
    // Prepare: Date.UTC is only the oracle here; the code under test never touches Date.
    const first = Date.UTC(1899, 0, 1) / 86_400_000;
    const last = Date.UTC(2101, 11, 31) / 86_400_000;
    const mismatches: string[] = [];
    for (let day = first; day <= last; day++) {
      const utc = new Date(day * 86_400_000);
      const iso = utc.toISOString().slice(0, 10);
      // Act
      const weekday = ((utc.getUTCDay() + 6) % 7) + 1;
      if (fromEpochDay(day) !== iso || toEpochDay(iso) !== day || isoWeekday(iso) !== weekday) mismatches.push(iso);
    }
    // Assess
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-10-31', 3, '2026-01-31'],
  ])('%s + %i month(s) → %s (same day, or the last day of a shorter month)', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('adds and counts days across month, year and BST boundaries without shifting', () => {
    // BST began 30 Mar 2025 and ended 26 Oct 2025: a day is still a day.
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(addDays('2025-10-25', 2)).toBe('2025-10-27');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2025-01-28', '2025-02-03')).toBe(6);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('rejects what is not a calendar date', () => {
    for (const text of [
      '2025-02-29',
      '2024-02-30',
      '2025-13-01',
      '2025-00-10',
      '2025-1-5',
      '05/01/2025',
      '2025-01-01T00:00',
      '',
    ]) {
      expect(isLocalDate(text)).toBe(false);
      expect(() => parseLocalDate(text)).toThrow(RangeError);
    }
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate(20240229)).toBe(false);
  });
});
