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
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Westminster', 'Downing Street'],
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  CD: ['DRC', 'D.R. Congo', 'DR Congo', 'Democratic Republic of the Congo', 'Democratic Republic of Congo', 'Congo-Kinshasa', 'Goma', 'Bukavu', 'South Kivu', 'North Kivu'],
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
  PS: ['Gaza', 'Gaza Strip', 'West Bank', 'Palestinian territories', 'Rafah', 'Khan Younis', 'Jabalia', 'Gaza City'],
  SD: ['Darfur', 'North Darfur', 'El Fasher', 'Omdurman', 'Port Sudan'],
  YE: ['Hodeidah', 'Sanaa', 'Aden'],
  NL: ['The Hague'],
  FK: ['Falklands', 'Malvinas'],
  UA: ['Kiev', 'Crimea', 'Donbas', 'Donbass', 'Kharkov', 'Odesa'],
  RU: ['Kremlin', 'Siberia', 'Chechnya', 'Dagestan'],
  CN: ['PRC', 'Tibet', 'Xinjiang', 'Peking', 'Zhongnanhai'],
  VN: ['Saigon'],
  IL: ['Tel Aviv', 'Golan Heights'],
  JP: ['Kuril Islands', 'Kurils', 'Okinawa'],
  KZ: ['Nur-Sultan'],
  // Regions, islands and districts news names without their country.
  US: ['US', 'U.S.', 'U.S.A.', 'USA', 'America', 'United States', 'United States of America', 'Washington', 'Manhattan', 'Brooklyn',
    'Queens', 'Bronx', 'Staten Island', 'Harlem', 'Indian Wells'],
  ES: ['Canary Islands', 'Canaries', 'Balearic Islands', 'Mallorca', 'Majorca', 'Ibiza', 'Catalonia', 'Andalusia', 'Basque Country'],
  IT: ['Sicily', 'Sardinia', 'Lampedusa', 'Lombardy', 'Tuscany'],
  FR: ['Corsica', 'Brittany', 'Normandy', 'Provence', 'Riviera'],
  GR: ['Crete', 'Rhodes', 'Lesbos', 'Santorini'],
  PT: ['Azores', 'Madeira'],
  DE: ['Bavaria', 'Saxony'],
  BE: ['Flanders', 'Wallonia'],
  NO: ['Svalbard'],
  ID: ['Bali', 'Java', 'Sumatra', 'Papua', 'Borneo'],
  TH: ['Phuket', 'Koh Samui'],
  IN: ['Bombay', 'Calcutta', 'Madras', 'Bangalore', 'Kashmir', 'Goa', 'Manipur', 'Punjab'],
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
  TH: ['Thai', 'Thais'],
  LA: ['Lao', 'Laotian', 'Laotians'],
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
  'Distrito Federal', 'Batman', 'Gary', 'Oral', 'Van', 'Springs', 'Angeles', 'Americana', 'Beni', 'Franca', 'Itu', 'Iwo', 'Owo', 'Sari',
  'Safi', 'Pali', 'Puri', 'Sagar', 'Ica', 'Jian', 'Tsu', 'Orel', 'Everett', 'Lowell', 'Reno', 'Elgin', 'Hampton', 'Nyanza', 'Hail',
  'Windsor', 'Mito', 'Bago', 'Miri', 'Sibu', 'Tanga', 'Santa Maria', 'Corpus Christi', 'Springfield', 'Lancaster', 'Stoke', 'Glendale',
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
  'Chelsea', 'Brooklyn', 'Tyler', 'Camden', 'Darwin', 'Nelson', 'Montserrat', 'Vladimir', 'Madison', 'Wellington', 'Halifax',
  'Lexington', 'Charleston', 'Albany', 'Toledo', 'Flint', 'Verona', 'Valencia', 'Granada', 'Salta',
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
  Paris: { after: /^(agreement|accord|climate|syndrome|hilton)$/i },
  France: { after: /^(24)$/i },
  Nigerian: { after: /^(prince|scams?)$/i },
  Fed: { after: /^(up|ex)$/i },
  Gulf: { after: /^(stream)$/i },
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

/**
 * Names that stand for something else in some stories: each alternative reading is taken when its
 * cue is in the story and the usual reading's is not, or when the story's other places point to the
 * alternative's region and not the usual one's (see the tagger). `to` is an ISO alpha-2 code, a
 * region, or null for "not a place here".
 */
export const READINGS: Readonly<Record<string, { usual: RegExp; others: readonly { to: string | null; cue: RegExp }[] }>> = {
  Georgia: {
    usual: /\b(Tbilisi|Georgians?|Caucasus|South Ossetia|Abkhazia|Kobakhidze|Georgian Dream|Saakashvili|Zourabichvili|Batumi|Ivanishvili)\b/,
    others: [
      {
        to: 'US',
        cue: /\b(Atlanta|Savannah|Augusta|Peach State|Gov\.|[Gg]overnor|Kemp|Ossoff|Warnock|Raffensperger|Fulton|Bulldogs|Braves|[Cc]ount(y|ies)|state of Georgia|Georgia, USA|Ga\.|Republicans?|Democrats?|GOP|[Ss]enators?|U\.S\.|US)\b/,
      },
    ],
  },
  Turkey: {
    usual: /\b(Ankara|Istanbul|Erdogan|Turkish|Turks|Izmir|Antalya|lira)\b/,
    others: [{ to: null, cue: /\b([Tt]hanksgiving|turkeys|poultry|roast|gobble|drumsticks?|stuffing|gravy|[Bb]utterball|birds?)\b/ }],
  },
  China: { usual: /\b(Beijing|Chinese|Xi|Shanghai)\b/, others: [{ to: null, cue: /\b(porcelain|ceramics?|dinnerware|tableware|teacups?|antiques?)\b/ }] },
  Jordan: { usual: /\b(Amman|Jordanian|King Abdullah|Hashemite)\b/, others: [{ to: null, cue: /\b(NBA|Bulls|basketball|sneakers?|Nike|Air Jordan|Hornets)\b/ }] },
  Congress: {
    usual: /\b(Washington|Capitol|Senate|House|Republicans?|Democrats?|GOP|US|U\.S\.|American)\b/,
    others: [{ to: 'IN', cue: /\b(India|Indian|Gandhi|BJP|Modi|Lok Sabha|Karnataka|Kerala)\b/ }],
  },
};

/**
 * Words that, next to a demonym, make it a language ("in English", "French-language",
 * "speaks Russian"), compared lower case: the word just before, and the word just after.
 */
export const LANGUAGE_BEFORE: ReadonlySet<string> = new Set([
  'in', 'into', 'speak', 'speaks', 'speaking', 'spoke', 'spoken', 'learn', 'learning', 'learned', 'learnt', 'fluent', 'native',
  'teach', 'teaching', 'taught', 'translated', 'translate', 'translating', 'study', 'studying', 'studied', 'read', 'write', 'writes',
  'jazeera', 'bbc', 'rt', 'cgtn', 'dw', 'arabiya', 'euronews', 'sky', 'cnn',
]);
export const LANGUAGE_AFTER: ReadonlySet<string> = new Set([
  'language', 'languages', 'speaker', 'speakers', 'speaking', 'speech', 'subtitles', 'subtitled', 'translation', 'translations',
  'translator', 'translators', 'version', 'edition', 'lesson', 'lessons', 'class', 'classes', 'course', 'courses', 'teacher',
  'teachers', 'word', 'words', 'dictionary', 'literature', 'grammar', 'proficiency', 'skills', 'service', 'services', 'test',
  'tests', 'exam', 'exams', 'podcast', 'podcasts', 'channel', 'channels', 'broadcaster', 'broadcasts', 'daily', 'newspaper',
  'alphabet', 'script', 'text', 'texts', 'immersion',
]);

/**
 * Nouns that, right after a place, make it the name of an outlet ("New York Times", "Japan Times",
 * "Gulf News"); those in {@link OUTLET_NOUNS_STRONG} also in Title Case headlines, where every word
 * is capitalised and the others could be ordinary words ("Japan Today" reads like "Japan today").
 */
export const OUTLET_NOUNS_STRONG: ReadonlySet<string> = new Set([
  'Times', 'Post', 'Herald', 'Gazette', 'Tribune', 'Journal', 'Chronicle', 'Inquirer', 'Telegraph', 'Observer', 'Monitor', 'Eye',
  'Insider', 'Examiner', 'Courier', 'Dispatch', 'Daily',
]);
export const OUTLET_NOUNS: ReadonlySet<string> = new Set([
  ...OUTLET_NOUNS_STRONG, 'News', 'Today', 'Star', 'Sun', 'Mail', 'Express', 'Standard', 'Independent', 'Review', 'Record', 'Press',
  'Reporter', 'Weekly', 'Tatler', 'Broadcasting', 'Radio', 'TV', 'Television',
]);

/** Words that, just after a place, make it the source of a report rather than its subject ("Russian state media"). */
export const ATTRIBUTION_AFTER: ReadonlySet<string> = new Set([
  'media', 'newspaper', 'newspapers', 'press', 'outlet', 'outlets', 'broadcaster', 'broadcasters', 'tabloid', 'tabloids', 'state',
  'news', 'agency', 'wire', 'television', 'tv', 'radio', 'officials', 'sources', 'intelligence', 'researchers', 'scientists',
]);

/**
 * Words that, just after a city, make the words a treaty, a format or a club named for it ("Paris
 * Agreement", "Minsk format", "Paris Club"), not news from the city. Compared lower case.
 */
export const NAMED_FOR_CITY: ReadonlySet<string> = new Set([
  'agreement', 'agreements', 'accord', 'accords', 'protocol', 'protocols', 'convention', 'conventions', 'treaty', 'statute',
  'format', 'process', 'syndrome', 'consensus', 'principles', 'club', 'declaration', 'rules',
]);

/** Words that, just before a place, say a story happens there ("in Kenya", "near Kyiv", "в Москве"). */
export const LOCATIVE_BEFORE: ReadonlySet<string> = new Set([
  'in', 'at', 'near', 'across', 'inside', 'outside', 'throughout', 'off', 'around', 'в', 'во', 'на', 'под', 'около',
]);

/** Words that, just before a place, make it a partner or a destination ("talks with Iran", "visit to Washington"). */
export const PARTNER_BEFORE: ReadonlySet<string> = new Set(['with', 'to', 'against', 'toward', 'towards', 'versus', 'vs', 'с', 'со', 'к', 'против']);
