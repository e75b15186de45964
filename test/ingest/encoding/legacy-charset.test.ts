import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/ingest/encoding/decode-text.js';
import { sniffLegacyCharset } from '../../../src/ingest/encoding/legacy-charset.js';

const RUSSIAN_HEADLINES = [
  'Новости дня',
  'Путин провёл совещание с членами правительства',
  'В Москве ожидается сильный снегопад',
  'ЦЕНТРОБАНК СОХРАНИЛ КЛЮЧЕВУЮ СТАВКУ',
  'Сборная России вышла в финал чемпионата Европы по хоккею',
  'Курс доллара: что ждёт рубль на этой неделе?',
  'Жители Якутска пожаловались на морозы',
  'Эксперты оценили шансы на перемирие',
];

describe('sniffLegacyCharset', () => {
  it('when Russian text (even one short or all-capitals headline) is windows-1251 or KOI8-R, then each is recognised', () => {
    for (const text of RUSSIAN_HEADLINES) {
      const xml = `<item><title>${text}</title><link>https://ru.example/a</link></item>`;
      expect(sniffLegacyCharset(iconv.encode(xml, 'windows-1251')), text).toBe('windows-1251');
      expect(sniffLegacyCharset(iconv.encode(xml, 'koi8-r')), text).toBe('koi8-r');
    }
  });

  it('when Ukrainian text is windows-1251, then it is read as windows-1251', () => {
    expect(sniffLegacyCharset(iconv.encode('Київ: Верховна Рада ухвалила бюджет на наступний рік', 'windows-1251'))).toBe('windows-1251');
  });

  it('when Latin-script text is windows-1252, then it stays windows-1252 (accented letters sit among ASCII ones)', () => {
    for (const text of ['Notícias: ações da saúde', 'L’été à Paris, où ça coûte cher', 'Größere Übungen für Straßen', 'El niño español: ¿qué año?', 'Ça y est', 'Ålesund får ny bro']) {
      expect(sniffLegacyCharset(iconv.encode(text, 'windows-1252')), text).toBe('windows-1252');
    }
  });

  it('when Central European text (windows-1250, many accents in a row) comes undeclared, then it is not taken for Russian', () => {
    for (const text of ['Zażółć gęślą jaźń w Łodzi', 'Příliš žluťoučký kůň úpěl ďábelské ódy']) {
      expect(sniffLegacyCharset(iconv.encode(text, 'windows-1250')), text).toBe('windows-1252');
    }
  });
});

describe('decodeText', () => {
  it('when bytes are valid UTF-8, then they are UTF-8 whatever is declared or not', () => {
    const bytes = Buffer.from('Größe — Москва');
    expect(decodeText(bytes, undefined)).toEqual({ text: 'Größe — Москва', charset: 'utf-8', warning: null });
    expect(decodeText(bytes, 'windows-1251')).toMatchObject({ text: 'Größe — Москва', warning: 'declared windows-1251 but the bytes are UTF-8: read as UTF-8' });
  });

  it('when ASCII-only bytes declare a charset, then it is followed without a warning', () => {
    expect(decodeText(Buffer.from('plain'), 'windows-1251')).toEqual({ text: 'plain', charset: 'windows-1251', warning: null });
  });
});
