import iconv from 'iconv-lite';

/** Correct news text in many scripts and languages: repair must never change a character of it. */
export const CORRECT_TEXTS = {
  french: 'L’été à Paris : où se trouve l’État ? Déjà « très » cher, dit-il… Ça coûte 12 € à Noël',
  german: 'Größere Übungen für Straßenbahnen: Äpfel, Öl und Müll – „Grüße“',
  russian: 'Собака лает, караван идёт — «Привет», сказал президент России в четверг',
  ukrainian: 'Київ: копії рішень Верховної Ради її депутатам, Рівне і Львів',
  portuguese: 'Notícias: ações da saúde em São Paulo, irmã e maçã; ÂNGULO, À noite',
  spanish: 'El niño español dijo «¿Adónde vas?» ¡Qué año! Señor Muñoz',
  greek: 'Η Αθήνα και η Θεσσαλονίκη: «Ελλάδα» — οι εκλογές του Ιουνίου',
  japanese: '日本の首相が「改革」を発表、東京で記者会見。カタカナとひらがな',
  chinese: '中国国家主席在北京会见外国领导人，讨论经济合作与发展问题。',
  korean: '서울에서 대통령이 기자회견을 열었다',
  arabic: 'قال الرئيس في القاهرة إن المحادثات ستستمر الأسبوع المقبل',
  hebrew: 'ראש הממשלה נפגש עם השר בירושלים',
  turkish: 'Türkiye’nin başkenti Ankara’da İstanbul ve Şanlıurfa için ağır kış',
  vietnamese: 'Thủ tướng Việt Nam gặp gỡ các nhà đầu tư tại Hà Nội và Huế',
  polish: 'Zażółć gęślą jaźń: Łódź, Kraków i Gdańsk',
  czech: 'Příliš žluťoučký kůň úpěl ďábelské ódy',
  icelandic: 'Þórður og Ægir fóru til Ísafjarðar',
  hindi: 'भारत के प्रधानमंत्री ने नई दिल्ली में बैठक की',
  thai: 'นายกรัฐมนตรีไทยเดินทางไปกรุงเทพ',
  emoji: 'Goal! ⚽️🎉 Fans cheer 👍🏽 in the rain ☔ — 🇧🇷 wins',
  english: 'Plain ASCII news: the mayor said "no" to a 5% tax (again).',
} as const;

/**
 * `text`'s UTF-8 bytes read as `via`, as WHATWG does it: bytes a windows code page leaves undefined
 * become the C1 control of the same number (Node's own TextDecoder reads windows-1252 as latin1).
 */
export function doubleEncode(text: string, via: 'latin1' | 'windows-1252' | 'windows-1251'): string {
  const bytes = Buffer.from(text, 'utf8');
  if (via === 'latin1') return bytes.toString('latin1');
  return [...bytes].map((b) => {
    const ch = iconv.decode(Buffer.from([b]), via);
    return ch === '\uFFFD' ? String.fromCharCode(b) : ch;
  }).join('');
}

/** `text` in a legacy charset's bytes. */
export function encode(text: string, charset: string): Buffer {
  return iconv.encode(text, charset);
}

/** A seeded pseudo-random generator in [0, 1) (mulberry32): the same sequence every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
