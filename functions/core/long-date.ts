/**
 * Dates as people read them: '2027-01-04' → '4 January 2027' (GOV.UK style: no ordinal, no leading zero, no
 * comma). Every mail and the widget write dates this way; the ISO form stays in data and APIs.
 * Pure string work, no Date, so no time zone can move a day (and small enough for the widget's bundle).
 */

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_IN_TEXT = /\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g;

/** '2027-01-04' → '4 January 2027'; anything that is not a 'YYYY-MM-DD' date is returned as it is. */
export function longDate(date: string): string {
  const match = ISO_DATE.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month && Number(match[3]) >= 1 ? `${Number(match[3])} ${month} ${match[1]}` : date;
}

/** Every 'YYYY-MM-DD' date inside a text written out long ('reply by 2027-01-04.' → 'reply by 4 January 2027.'). */
export function longDatesIn(text: string): string {
  return text.replace(ISO_DATE_IN_TEXT, (whole) => longDate(whole));
}
