/**
 * Words as follows, mutes and search compare them: lower case, accents dropped (é → e, ё → е; й
 * stays й), split on anything that is not a letter or a digit, a possessive "'s" dropped. Each word
 * also has a key that joins its forms: English plurals ("sanctions" → "sanction", "companies" →
 * "company") and Russian case endings ("Тайваня", "Тайванем" → "тайван"), so a follow written in
 * one form matches the others. No regular expression a person writes is ever run.
 */

/** Words ending in -s that are not plurals (their key is the word itself). */
const NOT_PLURAL = new Set([
  'news', 'series', 'species', 'means', 'physics', 'economics', 'politics', 'mathematics', 'diabetes', 'measles',
  'headquarters', 'whereabouts', 'always', 'perhaps', 'its', 'his', 'this', 'thus', 'was', 'has', 'does', 'yes', 'less',
  'hers', 'ours', 'yours', 'theirs', 'olympics', 'athletics', 'aids', 'isis', 'mers', 'sars', 'brics', 'tass', 'reuters',
]);

/**
 * Russian noun and adjective case endings, longest first. -ов/-ев are left out on purpose: they end
 * surnames (Лавров, Медведев) far more often in news than genitive plurals, and cutting them would
 * part "Лавров" from "Лаврова".
 */
const RUSSIAN_ENDINGS = [
  'иями', 'ями', 'ами', 'иях', 'иям', 'ией', 'ием', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими',
  'ях', 'ах', 'ам', 'ям', 'ом', 'ем', 'ой', 'ей', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ую', 'юю', 'ых', 'их', 'ым', 'им',
  'ия', 'ья', 'ье', 'ии', 'ию', 'ью',
  'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь', 'й',
];
/** A Russian stem keeps at least this many letters ("США" stays "сша", not "сш"). */
const MIN_RUSSIAN_STEM = 3;

const CYRILLIC = /[\u0400-\u04ff]/u;
const LATIN = /^[a-z]+$/u;

/** Lower case without accents, ё read as е, й kept; possessive 's dropped. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .normalize('NFKD')
    .replace(/и\u0306/gu, 'й')
    .replace(/\p{M}+/gu, '')
    .replace(/['’`ʼ]s(?![\p{L}\p{N}])/gu, '');
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The words of a text, folded (see `foldText`), in order. */
export function wordsOf(text: string): string[] {
  // Most English text is plain ASCII: the same result without Unicode normalisation (3-4x faster).
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase().replace(/['`]s(?![a-z0-9])/g, '').match(/[a-z0-9]+/g) ?? [];
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function englishKey(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || NOT_PLURAL.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes') || word.endsWith('zzes')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

function russianKey(word: string): string {
  for (const ending of RUSSIAN_ENDINGS) {
    if (word.length - ending.length >= MIN_RUSSIAN_STEM && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * The key that joins a folded word's forms: an English plural's singular, a Russian word without
 * its case ending; other words as they are.
 */
export function wordKey(word: string): string {
  if (LATIN.test(word)) return englishKey(word);
  if (CYRILLIC.test(word)) return russianKey(word);
  return word;
}
