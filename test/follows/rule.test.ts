import { describe, expect, it } from 'vitest';
import { matchText, parseRule, type Rule, ruleMatches, splitRules } from '../../src/follows/rule.js';

function rule(text: string, negation = false): Rule {
  const parsed = parseRule(text, { negation });
  if (parsed.kind !== 'ok') throw new Error(`${text}: ${parsed.kind}`);
  return parsed.rule;
}
const matches = (r: string, headline: string, lead = '') => ruleMatches(rule(r), matchText(headline, lead));

describe('what a follow or mute matches', () => {
  it.each([
    ['Taiwan', 'China sends jets near TAIWAN', true],
    ['taiwan', "Taiwan's president visits Japan", true],
    ['Taiwan', 'Taiwanese chipmakers expand', false],
    ['Iran', 'Ukraine grain deal extended', false],
    ['sanction', 'EU adopts new sanctions on Russia', true],
    ['sanctions', 'US lifts one sanction on Venezuela oil', true],
    ['company', 'Tech companies report profits', true],
    ['sanction*', 'Firms sanctioned over exports', true],
    ['sanction*', 'Sanctioning bodies meet', true],
    ['news', 'New stadium opens in Lagos', false],
    ['Sao Paulo', 'Floods in São Paulo kill five', true],
    ['são paulo', 'Floods in Sao Paulo kill five', true],
    ['"Bank of Japan"', 'Bank of Japan raises rates', true],
    ['"Bank of Japan"', 'Japan central bank of last resort', false],
    ['Bank of Japan', 'Japan: the bank of the world raises rates', true],
    ['"Bank of Japan"', 'Rates', false],
    ['Тайвань', 'Пекин провёл учения у берегов Тайваня', true],
    ['Тайвань', 'Переговоры с Тайванем', true],
    ['Тайваня', 'Тайвань закрыл порты', true],
    ['Россия', 'Санкции против России продлены', true],
    ['санкции', 'ЕС ввёл новые санкций пакет', true],
    ['"Белый дом"', 'Заявление Белого дома', true],
    ['Лавров', 'Встреча с Лавровым в Анкаре', true],
    ['Лавров', 'Заявление Лаврова', true],
    ['США', 'Посол США вызван', true],
    ['Москва', 'В Москве прошёл саммит', true],
    ['Нью-Йорк', 'Биржа в Нью-Йорке открылась ростом', true],
    ['Ёлка', 'Главная елка страны', true],
  ])('when the rule is %s and the headline is "%s", then it matches: %s', (r, headline, expected) => {
    expect(matches(r, headline)).toBe(expected);
  });

  it('when a word is in the lead only, then it matches; a phrase never runs from the headline into the lead', () => {
    expect(matches('Taiwan', 'Jets seen near island', 'Taiwan said on Monday it tracked jets.')).toBe(true);
    expect(matches('"island taiwan"', 'Jets seen near island', 'Taiwan said on Monday it tracked jets.')).toBe(false);
  });

  it('when a search excludes a word, then stories naming it do not match', () => {
    const r = rule('Taiwan -chips', true);
    expect(ruleMatches(r, matchText('Taiwan chips exports rise', ''))).toBe(false);
    expect(ruleMatches(r, matchText('Taiwan holds drills', ''))).toBe(true);
  });

  it('when a rule is written another way, then it has the same key (one follow, not two)', () => {
    expect(rule('Sanctions').key).toBe(rule('sanction').key);
    expect(rule('Тайваня').key).toBe(rule('тайвань').key);
    expect(rule('Bank  of Japan').text).toBe('Bank of Japan');
  });

  it('when a rule is too long, has too many words, a too-short prefix or no words, then it says so', () => {
    expect(parseRule('x'.repeat(101)).kind).toBe('too-long');
    expect(parseRule('a b c d e f g h i j k').kind).toBe('too-many-parts');
    expect(parseRule('ab*').kind).toBe('short-prefix');
    expect(parseRule('!!! ...').kind).toBe('empty');
    expect(parseRule('-chips', { negation: true }).kind).toBe('only-negated');
  });

  it('when several follows are sent at once, then commas and new lines separate them, not commas inside quotes', () => {
    expect(splitRules('Taiwan, "Bank of Japan, Tokyo"\nchips;  ')).toEqual(['Taiwan', '"Bank of Japan, Tokyo"', 'chips']);
  });

  it('when a person writes regular-expression characters, then they are plain punctuation (nothing is run)', () => {
    const r = rule('(a+)+$ Taiwan');
    expect(ruleMatches(r, matchText('A Taiwan story', ''))).toBe(true);
    expect(parseRule('.*').kind).toBe('empty');
  });
});
