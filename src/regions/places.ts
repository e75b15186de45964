import type { Region } from './regions.js';

/**
 * The hand-kept part of the gazetteer: what the data packages (world-countries, city-timezones) do
 * not say or say in a way news does not. Everything else comes from the packages; see gazetteer.ts.
 */

/**
 * News regions of countries whose package subregion would put them elsewhere, by ISO 3166 alpha-2.
 * The first region is the one a story about that country is filed under; a second one is added too.
 * - Egypt is North Africa in the UN scheme, but news desks file it under the Middle East.
 * - Iran is "Southern Asia" in the data; every outlet files it under the Middle East.
 * - Turkey sits in both; outlets put it under Europe, with Middle East coverage alongside.
 * - Georgia, Armenia, Azerbaijan are "Western Asia" in the data; the South Caucasus is Europe in news.
 * - Cyprus is already Europe in the data.
 */
export const COUNTRY_REGIONS: Readonly<Record<string, readonly Region[]>> = {
  EG: ['middle-east', 'africa'],
  IR: ['middle-east'],
  TR: ['europe', 'middle-east'],
  GE: ['europe'],
  AM: ['europe'],
  AZ: ['europe'],
  RU: ['europe'],
};

/** Names of countries that news writes and the package does not list (short forms, old names). */
export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['US', 'U.S.', 'U.S.A.', 'USA', 'America', 'United States', 'United States of America', 'Washington'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Westminster', 'Downing Street'],
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  CD: ['DRC', 'D.R. Congo', 'Democratic Republic of the Congo', 'Congo-Kinshasa'],
  CG: ['Congo-Brazzaville'],
  AE: ['UAE', 'U.A.E.', 'Emirates', 'Dubai'],
  KR: ['Korea', 'ROK'],
  KP: ['DPRK'],
  SA: ['Saudi', 'KSA'],
  VA: ['Vatican', 'Holy See'],
  CV: ['Cabo Verde'],
  TL: ['East Timor'],
  CI: ['Ivory Coast'],
  MK: ['Macedonia'],
  SZ: ['Swaziland'],
  MM: ['Burma', 'Yangon'],
  PS: ['Gaza', 'Gaza Strip', 'West Bank', 'Palestinian territories'],
  UA: ['Kiev', 'Crimea', 'Donbas', 'Donbass', 'Kharkov', 'Odesa'],
  RU: ['Kremlin', 'Siberia', 'Chechnya', 'Dagestan'],
  CN: ['PRC', 'Tibet', 'Xinjiang', 'Peking', 'Zhongnanhai'],
  IN: ['Bombay', 'Calcutta', 'Madras', 'Bangalore', 'Kashmir'],
  VN: ['Saigon'],
  IL: ['Tel Aviv', 'Golan Heights'],
  JP: ['Kuril Islands', 'Kurils', 'Okinawa'],
  KZ: ['Nur-Sultan'],
};

/** Places that are not countries but name a region outright (and institutions named for a place). */
export const REGION_PLACES: Readonly<Record<Region, readonly string[]>> = {
  asia: [
    'Asia', 'Asian', 'Asia-Pacific', 'Asia Pacific', 'Southeast Asia', 'South East Asia', 'South Asia', 'East Asia',
    'Central Asia', 'Oceania', 'Pacific Islands', 'South China Sea', 'East China Sea', 'Taiwan Strait', 'Korean Peninsula',
    'Himalayas', 'ASEAN',
  ],
  europe: [
    'Europe', 'European', 'European Union', 'EU', 'E.U.', 'Eurozone', 'Balkans', 'Baltics', 'Baltic', 'Scandinavia',
    'Scandinavian', 'Nordic', 'Caucasus', 'Brussels', 'Strasbourg',
  ],
  'middle-east': [
    'Middle East', 'Middle Eastern', 'Mideast', 'Persian Gulf', 'Gulf states', 'Levant', 'Arab', 'Arabs', 'Arab League',
    'Kurdistan', 'Kurdish', 'Kurds', 'Sinai', 'Hezbollah', 'Hamas', 'Houthi', 'Houthis',
  ],
  africa: ['Africa', 'African', 'Sahel', 'Horn of Africa', 'Sub-Saharan', 'Sahara', 'Maghreb', 'African Union'],
  americas: [
    'Americas', 'Latin America', 'Latin American', 'South America', 'South American', 'North America', 'North American',
    'Central America', 'Central American', 'Caribbean', 'White House', 'Pentagon', 'Capitol Hill', 'Wall Street',
    'Amazon rainforest',
  ],
  world: [],
};

/** Demonyms the package lacks or gives in another form, by country. */
export const DEMONYM_ALIASES: Readonly<Record<string, readonly string[]>> = {
  GB: ['English', 'Scottish', 'Welsh', 'Scots', 'Briton', 'Britons'],
  KR: ['Korean', 'Koreans'],
  SA: ['Saudi', 'Saudis'],
  TR: ['Turk', 'Turks'],
  CZ: ['Czechs'],
  KG: ['Kyrgyz'],
  TJ: ['Tajik', 'Tajiks'],
  UZ: ['Uzbek', 'Uzbeks'],
  KZ: ['Kazakh', 'Kazakhs'],
  TW: ['Taiwanese'],
  PH: ['Filipinos', 'Philippine'],
  NZ: ['Kiwi'],
};

/**
 * Names from the data packages that are never matched: English words, first names and surnames that
 * are also the name of a (minor) capital, city or province, where the word is far more common than
 * the place, and alternative spellings that are words or another country's demonym. The hand-kept
 * tables in this file are not filtered by it.
 */
export const STOP_NAMES: ReadonlySet<string> = new Set([
  'Nice', 'Reading', 'Male', 'Victoria', 'Georgetown', 'Hamilton', 'Stanley', 'Douglas', 'Plymouth', 'Jamestown',
  'The Valley', 'Cayenne', 'Saint-Denis', 'Norfolk', 'Mobile', 'Split', 'Bath', 'Natal', 'Salem', 'Jos', 'Aba', 'Gaya',
  'Naga', 'Oyo', 'Kota', 'Bello', 'Arak', 'Hue', 'Vinh', 'Ife', 'Santos', 'Aurora', 'Mesa', 'Concepcion', 'Leon',
  'Irvine', 'Hims', 'Chihuahua', 'Jersey', 'Acre', 'Para', 'Hidalgo', 'Guerrero', 'Tabasco', 'Mann', 'Island', 'Prathet',
  'Lao', 'Thai', 'Timor', 'Guiana', 'Togolese', 'Independence', 'Richmond', 'Arlington', 'Columbia', 'Kent', 'Kingstown', 'Saint-Pierre',
  'Douma', 'Rochester', 'Buffalo', 'Durham', 'Oxford', 'Cambridge', 'Trinidad', 'Tobago', 'Barbuda', 'Nevis',
  'City of Victoria', 'West Island', 'Santa Cruz', 'Cork', 'Mie', 'Central', 'Western', 'Eastern', 'Northern', 'Southern',
  'Distrito Federal',
]);

/**
 * Places that are also common given names or surnames ("Chad Smith", "Michael Jordan", "Paris Hilton"):
 * matched only when not written as part of a person's name, see the tagger.
 */
export const NAME_LIKE: ReadonlySet<string> = new Set([
  'Chad', 'Jordan', 'Georgia', 'Israel', 'Florence', 'Charlotte', 'Austin', 'Orlando', 'Houston', 'Dallas', 'Sydney',
  'Paris', 'Phoenix', 'Columbus', 'Kingston', 'Santiago', 'Salvador', 'Medina', 'Lima', 'Washington', 'Denver', 'Vienna',
  'Regina', 'Jackson', 'Lincoln', 'Madison', 'Cuba', 'Sofia', 'Adelaide', 'Milan', 'Valencia', 'Cordoba', 'Virginia',
  'Montana', 'Indiana', 'Carolina', 'Dakota', 'Nevada', 'Alberta', 'America', 'Lorraine',
  'Chelsea', 'Brooklyn', 'Tyler', 'Camden', 'Darwin', 'Nelson', 'Montserrat',
]);

/**
 * Words around a place name that make it something else: `after` is tested against the next word,
 * `before` against the previous one (both case-insensitive).
 */
export const NOT_A_PLACE: Readonly<Record<string, { before?: RegExp; after?: RegExp }>> = {
  Guinea: { after: /^(pigs?|fowls?|worms?)$/i },
  Turkey: {
    before: /^(thanksgiving|christmas|roast|roasted|wild|cold|stuffed|whole|smoked|the|a)$/i,
    after: /^(day|dinners?|sandwich(es)?|burgers?|bacon|breasts?|legs?|trots?|shoot|hunt(ing)?|season|farms?|farmers|prices?|pardons?|feathers?)$/i,
  },
  China: { before: /^(fine|bone|porcelain)$/i, after: /^(shops?|cabinets?|plates?|dishes|sets?|dolls?|patterns?)$/i },
  Indian: { before: /^(american|native|west|east)$/i, after: /^(ocean|summer|corn|ink)$/i },
  French: { after: /^(fries|toast|horns?|kiss(es|ing)?|press|doors?|bread|manicure|braids?|bulldogs?)$/i },
  Swiss: { after: /^(cheese|rolls?|army|chard)$/i },
  Danish: { after: /^(pastr(y|ies))$/i },
  Dutch: { after: /^(ovens?|courage|auctions?|uncle|treat)$/i },
  Russian: { after: /^(roulette|dolls?|dressing)$/i },
  Chinese: { after: /^(checkers|whispers|lanterns?)$/i },
  Turkish: { after: /^(delight|baths?)$/i },
  Irish: { after: /^(coffee|stew|setters?)$/i },
  Brazilian: { after: /^(wax|blowout)$/i },
  Mexican: { after: /^(wave|standoff)$/i },
  Persian: { after: /^(cats?|rugs?|carpets?)$/i },
  Afghan: { after: /^(hounds?|rugs?|blankets?)$/i },
  Egyptian: { after: /^(cotton)$/i },
  Canadian: { after: /^(bacon|geese|goose)$/i },
  Belgian: { after: /^(waffles?|malinois)$/i },
  German: { after: /^(shepherds?|measles|chocolate)$/i },
  Brussels: { after: /^(sprouts?)$/i },
  Boston: { after: /^(terriers?|fern|cream)$/i },
  Panama: { after: /^(hats?)$/i },
  Georgian: { after: /^(era|architecture|houses?|townhouses?|terraces?|style|period|buildings?|mansions?|squares?)$/i },
  Jordan: { after: /^(shoes?|sneakers?|brand|retro)$/i },
  Chad: { before: /^(hanging|pregnant|dimpled)$/i },
  Java: { after: /^(script|developers?|code)$/i },
  Japanese: { after: /^(knotweed|maples?|beetles?)$/i },
  Asian: { after: /^(americans?)$/i },
  African: { after: /^(americans?|swine)$/i },
};

/**
 * Words that may follow a name-like place and still leave it a place ("Jordan Valley", "Paris Agreement",
 * "Chad Government"), compared lower case.
 */
export const PLACE_FOLLOWERS: ReadonlySet<string> = new Set([
  'government', 'president', 'prime', 'minister', 'ministry', 'king', 'queen', 'river', 'valley', 'airport', 'police',
  'mayor', 'city', 'street', 'agreement', 'accord', 'accords', 'summit', 'court', 'parliament', 'army', 'military',
  'border', 'capital', 'state', 'basin', 'talks', 'conference', 'embassy', 'forces', 'officials', 'authorities', 'port',
  'region', 'province', 'county', 'metro', 'stock', 'exchange', 'central', 'national', 'federal', 'olympics', 'marathon',
  'fashion', 'climate', 'peace', 'treaty', 'protocol', 'declaration', 'council', 'senate', 'assembly', 'junta', 'opposition',
]);

/**
 * Words that, written just before a name-like place, do not make it part of a person's name
 * ("In Jordan", "Neighbouring Chad", "North Carolina"). Compared lower case.
 */
export const NAME_PREFIX_OK: ReadonlySet<string> = new Set([
  'in', 'the', 'of', 'from', 'to', 'and', 'for', 'at', 'by', 'with', 'on', 'into', 'across', 'over', 'near', 'as', 'or',
  'about', 'against', 'between', 'after', 'before', 'via', 'visits', 'visit', 'north', 'south', 'east', 'west', 'central',
  'northern', 'southern', 'eastern', 'western', 'new', 'neighbouring', 'neighboring', 'rural', 'greater', 'downtown',
  'says', 'said', 'tells', 'warns', 'urges', 'hits', 'rocks', 'quits', 'leaves', 'joins', 'beats', 'backs', 'slams',
  'landlocked', 'impoverished', 'while', 'but', 'when', 'if', 'meanwhile', 'today', 'why', 'how', 'where', 'what', 'both',
  'only', 'even', 'also', 'like', 'unlike', 'since', 'because', 'although', 'though', 'then', 'now', 'yesterday',
  'inside', 'outside', 'around', 'throughout', 'within', 'beyond', 'under', 'behind', 'until', 'despite', 'amid',
  'among', 'following', 'during', 'welcome', 'all', 'his', 'her', 'their', 'our', 'its', 'a', 'an', 'this', 'that',
  'upstate', 'coastal', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'war', 'oil', 'tiny',
]);

/** Text that says "Georgia" is the US state, not the country (when no country signal is present). */
export const GEORGIA_US_SIGNAL =
  /\b(Atlanta|Savannah|Augusta|Peach State|Gov\.|governor|Senate|senator|Republicans?|Democrats?|GOP|county|counties|Bulldogs|Braves|Fulton|U\.S\.|US|state of Georgia|Georgia, USA|Ga\.)\b/;
/** Text that says "Georgia" is the country. */
export const GEORGIA_COUNTRY_SIGNAL =
  /\b(Tbilisi|Georgians?|Caucasus|South Ossetia|Abkhazia|Kobakhidze|Georgian Dream|Saakashvili|Zourabichvili|Batumi|Kremlin|Moscow|Russia|Russian|EU|European)\b/;

/**
 * Russian names the package lacks, by country: capitals and major cities (world-countries gives
 * only country names in Russian), short forms and names news uses for a country. Written in the
 * nominative; the tagger matches their inflected forms (see gazetteer.ts, `russianForms`).
 */
export const RUSSIAN_PLACES: Readonly<Record<string, readonly string[]>> = {
  RU: ['РФ', 'Москва', 'Санкт-Петербург', 'Петербург', 'Кремль', 'Новосибирск', 'Екатеринбург', 'Казань', 'Сочи', 'Калининград', 'Владивосток'],
  US: ['США', 'Штаты', 'Вашингтон', 'Нью-Йорк', 'Лос-Анджелес', 'Чикаго', 'Белый дом', 'Пентагон', 'Техас', 'Калифорния', 'Флорида'],
  GB: ['Британия', 'Англия', 'Шотландия', 'Лондон'],
  CN: ['КНР', 'Пекин', 'Шанхай', 'Гонконг', 'Синьцзян', 'Тибет'],
  KP: ['КНДР', 'Пхеньян'],
  KR: ['Сеул'],
  JP: ['Токио', 'Осака', 'Хиросима', 'Фукусима'],
  TW: ['Тайбэй'],
  IN: ['Нью-Дели', 'Дели', 'Мумбаи'],
  PK: ['Исламабад', 'Карачи'],
  AF: ['Кабул'],
  IR: ['Тегеран'],
  IQ: ['Багдад'],
  SY: ['Дамаск', 'Алеппо'],
  LB: ['Бейрут'],
  IL: ['Иерусалим', 'Тель-Авив'],
  PS: ['Газа', 'Палестина', 'Рамалла'],
  SA: ['Эр-Рияд'],
  AE: ['ОАЭ', 'Дубай', 'Абу-Даби'],
  QA: ['Доха'],
  JO: ['Амман'],
  YE: ['Сана'],
  TR: ['Анкара', 'Стамбул'],
  EG: ['Каир'],
  UA: ['Киев', 'Харьков', 'Одесса', 'Донбасс'],
  BY: ['Минск'],
  GE: ['Тбилиси'],
  AM: ['Ереван'],
  AZ: ['Баку'],
  KZ: ['Астана', 'Алма-Ата', 'Алматы'],
  UZ: ['Ташкент'],
  KG: ['Бишкек'],
  TJ: ['Душанбе'],
  TM: ['Ашхабад'],
  MD: ['Кишинёв'],
  DE: ['ФРГ', 'Берлин', 'Мюнхен'],
  FR: ['Париж'],
  IT: ['Рим', 'Милан'],
  ES: ['Мадрид'],
  PL: ['Варшава'],
  CZ: ['Прага'],
  AT: ['Вена'],
  HU: ['Будапешт'],
  RS: ['Белград'],
  RO: ['Бухарест'],
  BG: ['София'],
  GR: ['Афины'],
  FI: ['Хельсинки'],
  SE: ['Стокгольм'],
  NO: ['Осло'],
  EE: ['Таллин'],
  LV: ['Рига'],
  LT: ['Вильнюс'],
  NL: ['Голландия', 'Амстердам', 'Гаага'],
  CH: ['Женева', 'Берн', 'Цюрих'],
  VN: ['Ханой'],
  TH: ['Бангкок'],
  ID: ['Джакарта'],
  PH: ['Манила'],
  MY: ['Куала-Лумпур'],
  SG: ['Сингапур'],
  AU: ['Канберра', 'Сидней'],
  KE: ['Найроби'],
  ET: ['Аддис-Абеба'],
  NG: ['Абуджа', 'Лагос'],
  ZA: ['ЮАР', 'Претория', 'Йоханнесбург'],
  SD: ['Хартум'],
  LY: ['Триполи'],
  MA: ['Рабат'],
  CD: ['ДРК', 'Киншаса'],
  VE: ['Каракас'],
  CU: ['Гавана'],
  BR: ['Бразилиа', 'Рио-де-Жанейро', 'Сан-Паулу'],
  AR: ['Буэнос-Айрес'],
  MX: ['Мехико'],
  CA: ['Оттава', 'Торонто'],
};

/** Russian words that name a region outright. */
export const RUSSIAN_REGION_PLACES: Readonly<Record<Region, readonly string[]>> = {
  asia: ['Азия', 'Юго-Восточная Азия', 'Центральная Азия', 'Океания', 'АСЕАН'],
  europe: ['Европа', 'Евросоюз', 'ЕС', 'Еврокомиссия', 'Европарламент', 'Брюссель', 'Прибалтика', 'Балканы', 'Кавказ', 'Закавказье'],
  'middle-east': ['Ближний Восток', 'Персидский залив', 'Хезболла', 'ХАМАС', 'Сектор Газа'],
  africa: ['Африка', 'Сахель', 'Африканский союз'],
  americas: ['Америка', 'Латинская Америка', 'Южная Америка', 'Северная Америка', 'Карибы'],
  world: [],
};

/**
 * Russian names that are also ordinary words ("Того" is "of that", "Чад" is "fumes") or given names
 * ("Сана", "София"): matched as written, never inflected, and not as the
 * first word of a sentence, where every word is capitalised.
 */
export const RUSSIAN_WORD_LIKE: ReadonlySet<string> = new Set(['Того', 'Чад', 'Сана', 'София']);
