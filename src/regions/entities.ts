/**
 * What news names instead of a place: metonyms (White House, Kremlin), institutions, parties,
 * leaders, sports leagues and clubs, national companies and currencies. Each group says which
 * country (ISO 3166 alpha-2) or region it stands for and how much one mention weighs next to a place
 * name (1): a metonym is as good as the capital it stands for; a leader, a party or a club is a
 * strong sign but appears in foreign stories too; a company or a currency is a hint.
 *
 * Names are matched like places (case-sensitive, whole words, the longest name first), so a longer
 * name here ("Liberal Democratic Party", "Democratic Republic of Congo") wins over a shorter one it
 * contains ("Democratic").
 */
export interface NameGroup {
  /** ISO 3166 alpha-2 code of the country, or a region name. */
  to: string;
  strength: number;
  names: readonly string[];
}

const METONYM = 1;
const INSTITUTION = 0.9;
const CLUB = 0.9;
const LEADER = 0.8;
const PARTY = 0.8;
const COMPANY = 0.6;
const WEAK = 0.5;
/** Global bodies and words that say a story is about the world at large. */
const GLOBAL = 0.5;

export const NAME_GROUPS: readonly NameGroup[] = [
  // United States
  {
    to: 'US',
    strength: METONYM,
    names: [
      'White House', 'Pentagon', 'Capitol Hill', 'Oval Office', 'Wall Street', 'Silicon Valley', 'Hollywood', 'Mar-a-Lago',
      'Camp David', 'Foggy Bottom', 'Gulf Coast', 'Gulf of Mexico', 'Gulf of America', 'New England', 'Midwest', 'Appalachia',
    ],
  },
  {
    to: 'US',
    strength: INSTITUTION,
    names: [
      'State Department', 'Treasury Department', 'Justice Department', 'Department of Justice', 'Defense Department',
      'Department of Homeland Security', 'Homeland Security', 'Federal Reserve', 'Fed', 'FBI', 'CIA', 'ICE', 'CDC', 'FDA',
      'FTC', 'EPA', 'IRS', 'FEMA', 'NOAA', 'National Guard', 'Medicaid', 'Medicare', 'Obamacare', 'Affordable Care Act',
      'Social Security', 'Dow Jones', 'Nasdaq', 'NYSE', 'Library of Congress', 'Thanksgiving',
      'Independence Day', 'Secret Service', 'Border Patrol', 'Electoral College', 'US Congress', 'Capitol',
    ],
  },
  { to: 'US', strength: PARTY, names: ['GOP', 'Republicans', 'Democrats', 'Democrat', 'Democratic Party', 'Republican Party', 'MAGA'] },
  { to: 'US', strength: 0.7, names: ['Congress', 'Republican', 'Democratic', 'congressional', 'Congressional', 'NASA'] },
  { to: 'US', strength: WEAK, names: ['Senate', 'House of Representatives', 'Supreme Court', 'Attorney General'] },
  {
    to: 'US',
    strength: LEADER,
    names: [
      'Trump', 'Donald Trump', 'Biden', 'Joe Biden', 'Obama', 'Barack Obama', 'Kamala Harris', 'JD Vance', 'J.D. Vance', 'Vance',
      'Rubio', 'Marco Rubio', 'Hegseth', 'Pelosi', 'Schumer', 'McConnell', 'Newsom', 'DeSantis', 'Jerome Powell', 'Kash Patel',
      'Mamdani', 'Karoline Leavitt', 'Witkoff', 'Bessent',
    ],
  },
  {
    to: 'US',
    strength: CLUB,
    names: [
      'NBA', 'WNBA', 'NFL', 'MLB', 'NHL', 'MLS', 'NCAA', 'NASCAR', 'Super Bowl', 'World Series', 'Stanley Cup', 'Big Ten',
      'Yankees', 'Mets', 'Red Sox', 'Dodgers', 'Cubs', 'White Sox', 'Astros', 'Phillies', 'Padres', 'Orioles', 'Lakers',
      'Celtics', 'Knicks', 'Clippers', '76ers', 'Nuggets', 'Cowboys', 'Packers', 'Steelers', '49ers', 'Buckeyes', 'Bruins',
      'New England Patriots', 'Kansas City Chiefs', 'Golden State Warriors', 'Chiefs', 'Chargers', 'Seahawks', 'Buccaneers',
      'Bengals', 'Texans', 'Colts', 'Broncos', 'Mavericks', 'Pacers', 'Timberwolves', 'Grizzlies', 'Hornets', 'Pistons',
      'Trail Blazers', 'Braves', 'Brewers', 'Rockies', 'Diamondbacks', 'Marlins', 'Blackhawks', 'Red Wings', 'Sabres',
      'Golden Knights', 'Kraken',
    ],
  },
  { to: 'US', strength: COMPANY, names: ['Boeing'] },
  // A network is a story's subject at times, more often only its source: a hint.
  { to: 'US', strength: WEAK, names: ['Fox News', 'CBS News', 'NBC News', 'ABC News', 'CNN', 'MSNBC'] },
  // Canada, Mexico, Latin America
  { to: 'CA', strength: LEADER, names: ['Carney', 'Mark Carney', 'Trudeau', 'Poilievre'] },
  { to: 'CA', strength: INSTITUTION, names: ['Parliament Hill', 'RCMP', 'Blue Jays', 'Maple Leafs', 'Canadiens', 'Raptors', 'Oilers', 'Canucks'] },
  { to: 'MX', strength: LEADER, names: ['Sheinbaum', 'Claudia Sheinbaum', 'Pemex', 'Morena party'] },
  { to: 'BR', strength: LEADER, names: ['Lula', 'Bolsonaro', 'Petrobras', 'Planalto'] },
  { to: 'AR', strength: LEADER, names: ['Milei', 'Javier Milei', 'Kirchner', 'Casa Rosada'] },
  { to: 'VE', strength: LEADER, names: ['Maduro', 'Nicolas Maduro', 'Chavez', 'Maria Corina Machado'] },
  { to: 'CO', strength: LEADER, names: ['Gustavo Petro'] },
  { to: 'CL', strength: LEADER, names: ['Boric'] },
  { to: 'EC', strength: LEADER, names: ['Noboa'] },
  { to: 'SV', strength: LEADER, names: ['Bukele'] },
  { to: 'PE', strength: LEADER, names: ['Boluarte'] },
  { to: 'americas', strength: INSTITUTION, names: ['Mercosur', 'Copa Libertadores', 'Organization of American States'] },
  // United Kingdom and Ireland
  {
    to: 'GB',
    strength: METONYM,
    names: ['Whitehall', 'Number 10', 'Buckingham Palace', 'Kensington Palace', 'Holyrood', 'Stormont', 'Heathrow', 'Gatwick', 'Scotland Yard'],
  },
  {
    to: 'GB',
    strength: INSTITUTION,
    names: [
      'House of Commons', 'House of Lords', 'Home Office', 'Foreign Office', 'Bank of England', 'BoE', 'NHS', 'NHS England',
      'Ofcom', 'Ofgem', 'MI5', 'MI6', 'Brexit', 'FTSE', 'Premier League', 'English Premier League', 'Wimbledon',
    ],
  },
  { to: 'GB', strength: PARTY, names: ['Tories', 'Tory', 'Labour', 'Lib Dems', 'Liberal Democrats', 'SNP', 'Reform UK', 'Democratic Unionist Party', 'DUP'] },
  {
    to: 'GB',
    strength: LEADER,
    names: ['Starmer', 'Keir Starmer', 'Sunak', 'Farage', 'Badenoch', 'King Charles', 'Prince William', 'Prince Harry', 'Rachel Reeves'],
  },
  {
    to: 'GB',
    strength: CLUB,
    names: [
      'Arsenal', 'Tottenham', 'Tottenham Hotspur', 'West Ham', 'Everton', 'Aston Villa', 'Man City', 'Man Utd', 'Manchester United',
      'Manchester City', 'Newcastle United', 'Fulham', 'Crystal Palace', 'Brentford', 'Nottingham Forest', 'Bournemouth',
      'Leeds United', 'Old Trafford', 'Anfield', 'Etihad Stadium', 'Stamford Bridge', 'Lord\'s',
    ],
  },
  { to: 'IE', strength: INSTITUTION, names: ['Taoiseach', 'Tanaiste', 'Dail', 'Oireachtas', 'Sinn Fein', 'Fianna Fail', 'Fine Gael'] },
  // Europe
  { to: 'FR', strength: METONYM, names: ['Elysee', 'Elysee Palace', 'Matignon', "Quai d'Orsay", 'Louvre'] },
  { to: 'FR', strength: LEADER, names: ['Macron', 'Emmanuel Macron', 'Le Pen', 'Marine Le Pen', 'Bardella', 'Melenchon', 'Lecornu', 'Bayrou', 'National Rally'] },
  { to: 'FR', strength: CLUB, names: ['Ligue 1', 'PSG', 'Paris Saint-Germain', 'CAC 40', 'France 2'] },
  { to: 'DE', strength: INSTITUTION, names: ['Bundestag', 'Bundesrat', 'Bundesbank', 'Bundeswehr', 'Bundesliga', 'AfD', 'CDU', 'SPD', 'CSU', 'DAX'] },
  { to: 'DE', strength: LEADER, names: ['Merz', 'Friedrich Merz', 'Scholz', 'Olaf Scholz', 'Steinmeier'] },
  { to: 'DE', strength: CLUB, names: ['Bayern', 'Bayern Munich', 'Borussia Dortmund', 'Leverkusen', 'RB Leipzig', 'Volkswagen'] },
  { to: 'IT', strength: LEADER, names: ['Meloni', 'Giorgia Meloni', 'Mattarella', 'Palazzo Chigi', 'Serie A', 'Juventus', 'AC Milan', 'Inter Milan', 'Napoli', 'Lazio', 'AS Roma'] },
  { to: 'ES', strength: LEADER, names: ['Pedro Sanchez', 'Moncloa', 'La Liga', 'Real Madrid', 'Atletico Madrid', 'Barca', 'Sevilla', 'Real Sociedad', 'Athletic Bilbao', 'PSOE'] },
  { to: 'NL', strength: LEADER, names: ['Wilders', 'Geert Wilders', 'The Hague', 'Ajax', 'PSV', 'Feyenoord', 'Eredivisie'] },
  { to: 'PT', strength: CLUB, names: ['Benfica', 'Sporting CP'] },
  { to: 'PL', strength: LEADER, names: ['Tusk', 'Donald Tusk', 'Nawrocki', 'Sejm', 'Law and Justice'] },
  { to: 'HU', strength: LEADER, names: ['Orban', 'Viktor Orban', 'Fidesz'] },
  { to: 'SK', strength: LEADER, names: ['Fico'] },
  { to: 'CZ', strength: LEADER, names: ['Babis'] },
  { to: 'RS', strength: LEADER, names: ['Vucic'] },
  { to: 'MD', strength: LEADER, names: ['Maia Sandu'] },
  { to: 'BY', strength: LEADER, names: ['Lukashenko', 'Tsikhanouskaya'] },
  { to: 'GE', strength: LEADER, names: ['Georgian Dream', 'Kobakhidze', 'Ivanishvili'] },
  { to: 'AM', strength: LEADER, names: ['Pashinyan'] },
  { to: 'AZ', strength: LEADER, names: ['Ilham Aliyev', 'Aliyev'] },
  { to: 'TR', strength: LEADER, names: ['Erdogan', 'Recep Tayyip Erdogan', 'Hakan Fidan', 'Imamoglu', 'AKP', "Republican People's Party", 'Galatasaray', 'Fenerbahce', 'Besiktas'] },
  {
    to: 'europe',
    strength: INSTITUTION,
    names: [
      'European Commission', 'EU Commission', 'European Parliament', 'European Council', 'European Central Bank', 'ECB', 'Eurostat',
      'Eurogroup', 'Schengen', 'Frontex', 'Europol', 'Eurovision', 'UEFA', 'von der Leyen', 'Ursula von der Leyen', 'Kaja Kallas',
      'Lagarde', 'Christine Lagarde', 'Social Democrats', 'Social Democratic Party', 'Social Democratic', 'Christian Democrats',
      'Christian Democratic Union', 'Free Democrats', 'Free Democratic Party', 'Euro 2024', 'Euro 2028',
    ],
  },
  { to: 'europe', strength: 0.7, names: ['Champions League', 'Europa League'] },
  { to: 'europe', strength: WEAK, names: ['NATO', 'Rutte', 'Mark Rutte', 'Stoltenberg'] },
  // Russia and Ukraine
  {
    to: 'RU',
    strength: INSTITUTION,
    names: [
      'Duma', 'State Duma', 'Federation Council', 'Lubyanka', 'Gazprom', 'Rosneft', 'Rosatom', 'Roscosmos', 'Lukoil', 'Sberbank',
      'Aeroflot', 'FSB', 'Wagner Group', 'Russian Premier League', 'KHL',
    ],
  },
  {
    to: 'RU',
    strength: LEADER,
    names: ['Putin', 'Vladimir Putin', 'Peskov', 'Lavrov', 'Sergei Lavrov', 'Medvedev', 'Shoigu', 'Belousov', 'Mishustin', 'Nabiullina', 'Navalny'],
  },
  { to: 'UA', strength: LEADER, names: ['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Verkhovna Rada', 'Yermak', 'Syrskyi', 'Svyrydenko', 'Naftogaz'] },
  // Middle East
  { to: 'IL', strength: INSTITUTION, names: ['Knesset', 'IDF', 'Mossad', 'Shin Bet', 'Likud', 'Iron Dome'] },
  { to: 'IL', strength: LEADER, names: ['Netanyahu', 'Benjamin Netanyahu', 'Ben-Gvir', 'Smotrich', 'Yair Lapid', 'Gantz', 'Isaac Herzog'] },
  { to: 'PS', strength: INSTITUTION, names: ['Fatah', 'Palestinian Authority', 'UNRWA'] },
  { to: 'IR', strength: LEADER, names: ['Khamenei', 'Ali Khamenei', 'Pezeshkian', 'Araqchi', 'Abbas Araqchi', 'IRGC', 'Revolutionary Guards', 'Revolutionary Guard', 'Raisi'] },
  { to: 'SY', strength: LEADER, names: ['Assad', 'Bashar al-Assad', 'al-Sharaa', 'Ahmed al-Sharaa', 'Sharaa'] },
  { to: 'SA', strength: LEADER, names: ['Mohammed bin Salman', 'bin Salman', 'MBS', 'Aramco', 'Saudi Aramco', 'Neom'] },
  { to: 'AE', strength: COMPANY, names: ['Mubadala', 'ADNOC', 'Emirati', 'Emiratis'] },
  { to: 'EG', strength: LEADER, names: ['Sisi', 'el-Sisi', 'al-Sisi'] },
  { to: 'middle-east', strength: INSTITUTION, names: ['Gulf Cooperation Council', 'GCC', 'Red Sea', 'Strait of Hormuz', 'Arabian Peninsula'] },
  { to: 'middle-east', strength: 0.7, names: ['Gulf'] },
  { to: 'africa', strength: METONYM, names: ['Gulf of Guinea'] },
  { to: 'TH', strength: METONYM, names: ['Gulf of Thailand'] },
  { to: 'europe', strength: METONYM, names: ['Gulf of Finland', 'Gulf of Bothnia'] },
  // Asia and the Pacific
  { to: 'CN', strength: LEADER, names: ['Xi Jinping', 'Xi', 'Li Qiang', 'Wang Yi', 'Politburo', 'PLA', "People's Liberation Army", 'CCP', 'Chinese Communist Party'] },
  { to: 'CN', strength: COMPANY, names: ['Huawei', 'Alibaba', 'Tencent', 'BYD', 'Xiaomi', 'DeepSeek', 'Tiangong', 'Hang Seng'] },
  { to: 'TW', strength: LEADER, names: ['Lai Ching-te', 'Kuomintang', 'KMT', 'TSMC', 'Democratic Progressive Party'] },
  { to: 'SE', strength: PARTY, names: ['Sweden Democrats'] },
  { to: 'JP', strength: INSTITUTION, names: ['BOJ', 'BoJ', 'Nikkei', 'Liberal Democratic Party', 'Democratic Party of Japan', 'LDP', 'Naruhito'] },
  { to: 'JP', strength: LEADER, names: ['Ishiba', 'Shigeru Ishiba', 'Takaichi', 'Sanae Takaichi', 'Kishida'] },
  { to: 'JP', strength: COMPANY, names: ['Toyota', 'Sony', 'Nissan', 'Honda', 'SoftBank'] },
  { to: 'KR', strength: LEADER, names: ['Lee Jae-myung', 'Yoon Suk Yeol', 'Samsung', 'Samsung Electronics', 'Hyundai', 'KOSPI', 'Kospi'] },
  { to: 'KP', strength: LEADER, names: ['Kim Jong Un', 'Kim Jong-un', 'Kim Yo Jong'] },
  {
    to: 'IN',
    strength: LEADER,
    names: [
      'Modi', 'Narendra Modi', 'BJP', 'Bharatiya Janata Party', 'Lok Sabha', 'Rajya Sabha', 'Rahul Gandhi', 'Congress party', 'Congress Party',
      'Sensex', 'Nifty', 'Bollywood', 'IPL', 'Adani', 'Tata',
    ],
  },
  { to: 'PK', strength: LEADER, names: ['Imran Khan', 'Shehbaz Sharif', 'Asim Munir'] },
  { to: 'AF', strength: INSTITUTION, names: ['Taliban'] },
  { to: 'BD', strength: LEADER, names: ['Sheikh Hasina', 'Hasina', 'Muhammad Yunus'] },
  { to: 'MM', strength: LEADER, names: ['Min Aung Hlaing', 'Aung San Suu Kyi', 'Suu Kyi', 'Tatmadaw'] },
  { to: 'TH', strength: LEADER, names: ['Shinawatra', 'Thaksin', 'Paetongtarn', 'Anutin'] },
  { to: 'ID', strength: LEADER, names: ['Prabowo', 'Jokowi'] },
  { to: 'MY', strength: LEADER, names: ['Anwar Ibrahim'] },
  { to: 'PH', strength: LEADER, names: ['Ferdinand Marcos', 'Bongbong Marcos', 'Duterte', 'Malacanang'] },
  { to: 'AU', strength: LEADER, names: ['Anthony Albanese', 'Albanese', 'Dutton', 'ASX', 'AFL', 'NRL', 'MCG'] },
  { to: 'NZ', strength: LEADER, names: ['Luxon', 'All Blacks', 'Maori', 'Te Pati Maori'] },
  { to: 'KZ', strength: LEADER, names: ['Tokayev'] },
  { to: 'UZ', strength: LEADER, names: ['Mirziyoyev'] },
  // Africa
  { to: 'ZA', strength: LEADER, names: ['Ramaphosa', 'Cyril Ramaphosa', 'Zuma', 'Malema', 'ANC', 'African National Congress', 'Democratic Alliance', 'Eskom'] },
  { to: 'NG', strength: LEADER, names: ['Tinubu', 'Bola Tinubu', 'Super Eagles', 'Boko Haram'] },
  { to: 'KE', strength: LEADER, names: ['Ruto', 'William Ruto'] },
  { to: 'UG', strength: LEADER, names: ['Museveni'] },
  { to: 'ET', strength: LEADER, names: ['Abiy Ahmed', 'Abiy'] },
  { to: 'RW', strength: LEADER, names: ['Kagame'] },
  { to: 'CD', strength: LEADER, names: ['Tshisekedi', 'M23', 'Democratic Republic of Congo'] },
  { to: 'SD', strength: INSTITUTION, names: ['Rapid Support Forces', 'RSF'] },
  { to: 'SO', strength: INSTITUTION, names: ['Al-Shabaab', 'al-Shabaab', 'al-Shabab'] },
  { to: 'CI', strength: LEADER, names: ['Ouattara'] },
  { to: 'CM', strength: LEADER, names: ['Biya'] },
  { to: 'SN', strength: LEADER, names: ['Sonko'] },
  { to: 'africa', strength: INSTITUTION, names: ['ECOWAS', 'African Union', 'Africa Cup of Nations', 'AFCON'] },
  // The world at large
  {
    to: 'world',
    strength: GLOBAL,
    names: [
      'UN', 'U.N.', 'United Nations', 'UN Security Council', 'WHO', 'World Health Organization', 'IMF', 'International Monetary Fund',
      'World Bank', 'WTO', 'G7', 'G20', 'IOC', 'FIFA', 'World Cup', 'Olympics', 'Olympic', 'World Meteorological Organization',
      'WMO', 'International Criminal Court', 'ICC', 'International Court of Justice', 'UNESCO', 'UNICEF', 'World Food Programme',
      'Global', 'Worldwide', 'World',
    ],
  },
];

/**
 * Lower-case words that point to a country or region: currencies, and words that say a story is
 * about the world at large. A currency is a hint (several countries may use it; the first is the
 * one news means).
 */
export const LOWER_WORDS: readonly NameGroup[] = [
  { to: 'JP', strength: COMPANY, names: ['yen'] },
  { to: 'CN', strength: COMPANY, names: ['yuan', 'renminbi'] },
  { to: 'IN', strength: COMPANY, names: ['rupee', 'rupees'] },
  { to: 'RU', strength: COMPANY, names: ['rouble', 'roubles', 'ruble', 'rubles'] },
  { to: 'UA', strength: COMPANY, names: ['hryvnia'] },
  { to: 'TR', strength: COMPANY, names: ['lira'] },
  { to: 'IL', strength: COMPANY, names: ['shekel', 'shekels'] },
  { to: 'SA', strength: COMPANY, names: ['riyal', 'riyals'] },
  { to: 'IR', strength: COMPANY, names: ['rial', 'rials'] },
  { to: 'NG', strength: COMPANY, names: ['naira'] },
  { to: 'ZA', strength: COMPANY, names: ['rand'] },
  { to: 'GH', strength: COMPANY, names: ['cedi'] },
  { to: 'KE', strength: COMPANY, names: ['shilling', 'shillings'] },
  { to: 'TH', strength: COMPANY, names: ['baht'] },
  { to: 'MY', strength: COMPANY, names: ['ringgit'] },
  { to: 'ID', strength: COMPANY, names: ['rupiah'] },
  { to: 'europe', strength: COMPANY, names: ['euro', 'euros', 'eurozone', 'eurosceptic', 'eurosceptics'] },
  { to: 'americas', strength: COMPANY, names: ['peso', 'pesos'] },
  { to: 'world', strength: GLOBAL, names: ['global', 'globally', 'worldwide', 'world', 'world’s', "world's"] },
];
