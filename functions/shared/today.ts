/** Today's date where the councils are: what "received today" means for a SAR, an escalation or a reminder. */

/** Today as YYYY-MM-DD in Europe/London: a request received at 00:30 BST is received that day, not the day before. */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
