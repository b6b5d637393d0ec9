/**
 * Membership in a sorted word list held as one newline-separated string, by binary search over the string
 * itself: nothing to build at load (a 275,000-word list is ready as soon as it is read), microseconds a look-up.
 * The list must be sorted in JavaScript string order with one word per line.
 */
export type WordTest = (word: string) => boolean;

export function sortedWordList(text: string): WordTest {
  return (word: string) => {
    let low = 0;
    let high = text.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = text.lastIndexOf('\n', middle - 1) + 1;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const candidate = text.slice(start, end);
      if (candidate === word) return true;
      if (candidate < word) low = end + 1;
      else high = start;
    }
    return false;
  };
}
