import type { SearchTexts } from './search-texts.js';

/** /search in English. */
export const searchEn = {
  usage:
    'Send words to look for in every stored story, e.g. /search Taiwan chips, /search "Bank of Japan", /search sanction* -oil (the - leaves a word out).',
  range: (from, to, total, capped) => `Stories ${from}–${to} of ${total}${capped ? ' (searched the newest 1,000 matches; add words to narrow it)' : ''}, best first`,
  none: (query, several) => `Nothing found for ${query}.${several ? ' Fewer words may find something.' : ' Check the spelling, or try another form of the word.'}`,
  allMuted: (query, count) => `${count === 1 ? 'The one story' : `All ${count} stories`} found for ${query} ${count === 1 ? 'is' : 'are'} muted here. /follows lists the mutes.`,
  tooCommon: (words) => `${words}: too common to search for on its own. Add a name, a place or a topic, e.g. /search Taiwan elections.`,
  tooLong: (max) => `That search is too long: at most ${max} characters.`,
  tooManyParts: (max) => `That search has too many words: at most ${max}.`,
  shortPrefix: (text, min) => `'${text}': write at least ${min} letters before the *.`,
  onlyExcluded: 'Say what to look for, not only what to leave out: /search Taiwan -chips.',
  more: 'More ▸',
  expired: 'This search can no longer be read. Send /search again.',
} satisfies SearchTexts;
