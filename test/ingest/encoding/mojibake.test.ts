import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../../src/ingest/encoding/mojibake.js';
import { CORRECT_TEXTS, doubleEncode, seededRandom } from './samples.js';

describe('repairMojibake leaves correct text alone', () => {
  it('when text in any script is correct, then it comes back unchanged, character for character', () => {
    for (const [language, text] of Object.entries(CORRECT_TEXTS)) expect(repairMojibake(text), language).toBe(text);
  });

  it('when correct text has letters that mojibake is made of ("Âge", "São", "SÃO", "ALEMÃ”"), then it is unchanged', () => {
    const tricky = [
      'Âge moyen des députés: 49 ans',
      'São Paulo e SÃO PAULO',
      'A ALEMÃ” disse: «IRMÔ',
      'NÃO À GUERRA — “MAÇÔ…',
      'perché”… e città»',
      'Nestlé™ et L’Oréal®',
      'Él dijo «Adiós»… ¿Qué?',
      'Ýmir, Þór og Ægir – “Ísland”',
      'GRÜN’S, LÖWENBRÄU™',
      'col·lecció, l’àvia',
      '25 °C, 3×2 m², 1ª edição, nº 5',
      'Ukraine: копії, її, Рівне; Russian: Рёбра её»',
    ];
    for (const text of tricky) expect(repairMojibake(text), text).toBe(text);
  });

  it('when random correct sentences in many languages and cases are tried (seeded), then none is changed', () => {
    const random = seededRandom(20261128);
    const words = Object.values(CORRECT_TEXTS).flatMap((t) => t.split(/\s+/));
    const after = ['', '', '', ',', '.', '’', '”', '»', '…', '”…', '’s', ' —', ':', '!', '?', '™', '®', '°'];
    const before = ['', '', '', '«', '“', '‘', '„', '¿', '¡', '(', '— '];
    const cases = [(w: string) => w, (w: string) => w.toUpperCase(), (w: string) => w.toLowerCase()];
    let changed = 0;
    const examples: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const length = 1 + Math.floor(random() * 12);
      const parts: string[] = [];
      const shape = cases[Math.floor(random() * cases.length)] ?? ((w: string) => w);
      for (let i = 0; i < length; i++) {
        const word = words[Math.floor(random() * words.length)] ?? '';
        parts.push(`${before[Math.floor(random() * before.length)]}${shape(word)}${after[Math.floor(random() * after.length)]}`);
      }
      const sentence = parts.join(random() < 0.2 ? '\u00A0' : ' ');
      if (repairMojibake(sentence) !== sentence) {
        changed++;
        if (examples.length < 5) examples.push(sentence);
      }
    }
    expect(examples).toEqual([]);
    expect(changed).toBe(0);
  });

  it('when random code points from every plane are tried (seeded), then none is changed', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 5_000; n++) {
      let s = '';
      for (let i = 0; i < 20; i++) {
        const cp = random() < 0.5 ? 0x20 + Math.floor(random() * 0x2fe0) : Math.floor(random() * 0x10ffff);
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        s += String.fromCodePoint(cp);
      }
      // Random text can spell mojibake by chance ("Ã©"); only text without such a pair is correct.
      if (/[\u00C2-\u00F4][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/u.test(s)) continue;
      if (/[\u0412-\u0444][\u0402-\u040F\u0452-\u045F\u0490\u0491\u0404\u0454\u0406\u0407\u0456\u0457\u040E\u045E\u0408\u0458\u0405\u0455\u0401\u0451\u2116]/u.test(s)) continue;
      expect(repairMojibake(s), JSON.stringify(s)).toBe(s);
    }
  });
});

describe('repairMojibake repairs double-encoded UTF-8', () => {
  it('when text in any script was encoded twice through ISO-8859-1 or windows-1252, then it is restored exactly', () => {
    for (const [language, text] of Object.entries(CORRECT_TEXTS)) {
      for (const via of ['latin1', 'windows-1252'] as const) {
        const broken = doubleEncode(text, via);
        if (broken === text) continue;
        expect(repairMojibake(broken), `${language} via ${via}: ${broken}`).toBe(text);
      }
    }
  });

  it('when Cyrillic text was encoded twice through windows-1251 ("РЎРѕР±Р°РєР°"), then it is restored', () => {
    for (const language of ['russian', 'ukrainian'] as const) {
      const text = CORRECT_TEXTS[language];
      expect(repairMojibake(doubleEncode(text, 'windows-1251')), language).toBe(text);
    }
    expect(repairMojibake('РЎРѕР±Р°РєР° вЂ” РґСЂСѓРі С‡РµР»РѕРІРµРєР°')).toBe('Собака — друг человека');
  });

  it('when the examples from the issue come in, then they read right', () => {
    expect(repairMojibake('Ã©tÃ©')).toBe('été');
    expect(repairMojibake('Ð¡Ð¾Ð±Ð°ÐºÐ°')).toBe('Собака');
    expect(repairMojibake('Itâ€™s â€œfineâ€\u009D â€” really')).toBe('It’s “fine” — really');
  });

  it('when text was encoded twice over (two layers), then both are undone', () => {
    const text = 'Déjà vu à São Paulo — l’été';
    expect(repairMojibake(doubleEncode(doubleEncode(text, 'windows-1252'), 'windows-1252'))).toBe(text);
  });

  it('when a line mixes correct and double-encoded words, then only the broken ones change', () => {
    expect(repairMojibake('Le café est prêt — mais lâ€™Ã©tÃ© Ã\u00A0 Paris')).toBe('Le café est prêt — mais l’été à Paris');
    expect(repairMojibake(`Москва: ${doubleEncode('президент России', 'windows-1252')}`)).toBe('Москва: президент России');
    // Each line stands on its own: the correct line is not touched by the broken one's evidence.
    expect(repairMojibake('ALEMÃ” disse\nCafÃ©')).toBe('ALEMÃ” disse\nCafé');
  });

  it('when a lone doubtful pair sits on a line with clear mojibake, then it is repaired too', () => {
    // "Ã»" at a word's end could be an all-capitals word, alone; with "Ã©" beside it, it is "û".
    expect(repairMojibake('dÃ» Ã  la sociÃ©tÃ©')).toBe('dû à la société');
    // Its no-break space made a space, "à" is still "à" on such a line: "Ã  la", "dÃ©jÃ  vu".
    expect(repairMojibake('Il est dÃ©jÃ  lÃ  Ã  la gare')).toBe('Il est déjà là à la gare');
    expect(repairMojibake('Rendez-vous Ã\u00A0 Paris')).toBe('Rendez-vous à Paris');
  });

  it('when bytes were lost to U+FFFD in the first reading ("ã�®"), then what cannot be decoded becomes one U+FFFD', () => {
    const lossy = new TextDecoder('windows-1252').decode(Buffer.from('日本の首相', 'utf8')).replace(/[\u0081\u008D\u008F\u0090\u009D]/g, '\uFFFD');
    expect(repairMojibake(lossy)).toBe('日本\uFFFD首相');
  });
});
