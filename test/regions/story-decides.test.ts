import { describe, expect, it } from 'vitest';
import { findPlaces, tagRegions } from '../../src/regions/tagger.js';

const tag = (headline: string, text = '', sourceRegion: string | null = null) => tagRegions({ headline, text, sourceRegion });
const primary = (headline: string, text = '', sourceRegion: string | null = null) => tag(headline, text, sourceRegion)[0];

describe('region tagger: the story decides, not the outlet', () => {
  it.each([
    ['Impotent Democrats won\'t be America\'s savior', 'Party leaders in Washington have yet to offer voters an alternative.', 'americas'],
    ['Trump tirade target Megyn Kelly leaving Fox News', 'The anchor clashed with Donald Trump during the Republican debates.', 'americas'],
    ['Israel throws a U.N. tantrum', "Israel's ambassador tore up the charter at the General Assembly.", 'middle-east'],
    ['Manchester City held by West Ham', 'A late equaliser dented City\'s hopes in the Premier League.', 'europe'],
    ['Mets sweep Yankees in Subway Series', 'Pete Alonso homered twice at Citi Field.', 'americas'],
  ])('when a Tokyo paper runs "%s", then the story\'s region comes first and Asia is not added', (headline, lead, region) => {
    expect(tag(headline, lead, 'asia')).toEqual([region]);
  });

  it('when a story names its outlet\'s region and another as much, then both are kept, the outlet\'s first', () => {
    expect(tag('Trade truce agreed', 'Beijing and Washington will pause tariffs for a year.', 'asia')).toEqual(['asia', 'americas']);
    expect(tag('Trade truce agreed', 'Beijing and Washington will pause tariffs for a year.', 'americas')).toEqual(['americas', 'asia']);
  });

  it('when a page section names a region the story also names, then the section comes first; a section the story gives no ground for does not', () => {
    const visit = { headline: "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'", text: 'The visit created momentum for Moscow-Tokyo relations, the Russian deputy minister said.', dateline: 'MOSCOW' };
    expect(tagRegions(visit)[0]).toBe('europe');
    expect(tagRegions({ ...visit, sectionRegion: 'Asia' })).toEqual(['asia', 'europe']);
    expect(tagRegions({ ...visit, sectionRegion: 'Middle East' })[0]).toBe('europe');
    expect(tagRegions({ headline: 'Brazil’s Congress approves pension reform', text: 'Lawmakers in Brasilia voted late on Tuesday.', sectionRegion: 'Asia' })).toEqual(['americas']);
  });

  it('when the headline names one country first, then it is the subject and outweighs the outlet\'s tie-break', () => {
    expect(tag('US and China agree trade truce', '', 'asia')[0]).toBe('americas');
  });
});

describe('region tagger: what news names instead of places', () => {
  it.each([
    ['White House weighs new sanctions', 'americas'],
    ['Pentagon orders review of drone programme', 'americas'],
    ['Congress passes stopgap spending bill', 'americas'],
    ['Capitol Hill deal ends shutdown', 'americas'],
    ['Fed holds rates steady', 'americas'],
    ['GOP leaders float new health plan', 'americas'],
    ['Wall Street closes at record', 'americas'],
    ['Silicon Valley start-ups race to hire', 'americas'],
    ['Kremlin rejects ceasefire proposal', 'europe'],
    ['Duma passes law on foreign agents', 'europe'],
    ['Downing Street denies tax plan', 'europe'],
    ['Whitehall to cut civil service jobs', 'europe'],
    ['Elysee confirms summit attendance', 'europe'],
    ['Bundestag approves budget', 'europe'],
    ['ECB keeps rates unchanged', 'europe'],
    ['EU Commission fines carmaker', 'europe'],
    ['Knesset passes judicial bill', 'middle-east'],
    ['Hezbollah rejects disarmament plan', 'middle-east'],
    ['Hamas hands over hostages', 'middle-east'],
    ['Taliban shut down internet', 'asia'],
    ['Zhongnanhai reshuffle puts loyalists in charge', 'asia'],
    ['Bank of Japan holds rates', 'asia'],
    ['Tokyo steps in to support the currency', 'asia'],
    ['Beijing warns Manila over shoal', 'asia'],
    ['Putin says talks are possible', 'europe'],
    ['Xi Jinping opens party plenum', 'asia'],
    ['Modi promises tax cuts', 'asia'],
    ['Netanyahu asks for pardon', 'middle-east'],
    ['Erdogan rival jailed', 'europe'],
    ['Macron names new prime minister', 'europe'],
    ['Zelensky reshuffles government', 'europe'],
    ['Ramaphosa signs budget', 'africa'],
    ['NBA owners approve team sale', 'americas'],
    ['Lakers star out with injury', 'americas'],
    ['Arsenal go top after derby win', 'europe'],
    ['Premier League club sacks manager', 'europe'],
  ])('when a headline says "%s", then it is %s', (headline, region) => {
    expect(primary(headline, '', 'world')).toBe(region);
  });

  it('when NATO is named, then it counts for Europe less than a country does', () => {
    expect(primary('NATO allies meet in Washington')).toBe('americas');
    expect(primary('NATO allies raise spending target')).toBe('europe');
  });
});

describe('region tagger: words that only look like places', () => {
  it.each([
    ['Floods kill dozens in eastern Congo - Al Jazeera English', 'africa'],
    ['Judge dismisses suit against network - New York Post', 'world'],
    ['Austria\'s far-right tops poll - The Japan Times', 'europe'],
    ['Индия запустила спутник — РИА Новости', 'asia'],
  ])('when an outlet closes the headline ("%s"), then its name is not read as a place', (headline, region) => {
    expect(tag(headline)).toEqual([region]);
  });

  it('when an outlet is named in the lead ("the New York Times reported"), then its place does not count', () => {
    expect(tag('Zambia signs copper deal', 'The deal was first reported by the New York Times and the Times of India.')).toEqual(['africa']);
  });

  it.each([
    ['Learning English a struggle for refugees', 'the language after "learning"'],
    ['The channel will broadcast in French and Arabic', 'languages after "in"'],
    ['New French-language service launched', 'a language before "-language"'],
    ['Podcast network adds Spanish subtitles', 'a language before "subtitles"'],
  ])('when a demonym names a language ("%s", %s), then it is not a place', (headline) => {
    expect(tag(headline)).toEqual(['world']);
  });

  it('when a demonym names people after "in", then it still counts ("killed in Israeli strikes")', () => {
    expect(tag('Twelve killed in Israeli strikes')).toEqual(['middle-east']);
  });

  it('when Georgia comes with the US state\'s signs, then it is americas; with the country\'s, europe', () => {
    expect(primary('Georgia election: Kemp signs new voting rules', 'Voting groups in Atlanta objected.')).toBe('americas');
    expect(primary('Georgia revokes broadcast licences', 'Trump allies cheered the move.')).toBe('americas');
    expect(primary('Georgia revokes broadcast licences', 'The Caucasus country drew criticism from the EU.')).toBe('europe');
  });

  it('when Turkey is the Thanksgiving bird, then it is not the country', () => {
    expect(findPlaces({ headline: 'Turkey prices fall ahead of the holiday', text: 'Thanksgiving dinner will cost less this year.' }).map((m) => m.place.name)).not.toContain('Turkey');
    expect(primary('Turkey prices fall as inflation eases', 'The lira firmed in Istanbul.')).toBe('europe');
  });

  it('when Congress is India\'s party, then it is asia', () => {
    expect(primary('Congress Party wins state election', 'The party ousted the BJP from Karnataka.')).toBe('asia');
  });

  it('when a city names a treaty ("Paris Agreement", "Парижское соглашение"), then it is not the city', () => {
    expect(tag('Countries off track to meet the Paris Agreement goals')).not.toContain('europe');
    expect(tag('ООН: мир не выполняет целей Парижского соглашения')).not.toContain('europe');
  });

  it('when a place is the name of a district or an island the packages lack, then it is still found', () => {
    expect(primary('Manhattan jury convicts music mogul')).toBe('americas');
    expect(primary('Migrants reach the Canary Islands')).toBe('europe');
  });
});

describe('region tagger: Russian adjectives, demonyms and metonyms', () => {
  it.each([
    ['Российские войска заняли село', 'europe'],
    ['Совещание у российского президента', 'europe'],
    ['Санкции против российских банков', 'europe'],
    ['Американские сенаторы внесли законопроект', 'americas'],
    ['Встреча с американским послом', 'americas'],
    ['Китайская компания обогнала конкурентов', 'asia'],
    ['Израильская армия нанесла удары', 'middle-east'],
    ['Европейские страны договорились о закупках газа', 'europe'],
    ['Южноафриканский рэнд упал', 'africa'],
    ['Протесты американцев у посольства', 'americas'],
    ['Россияне стали чаще получать визы', 'europe'],
    ['Талибы отключили интернет', 'asia'],
    ['Хуситы атаковали судно', 'middle-east'],
    ['Белый дом объявил о пошлинах', 'americas'],
    ['Пентагон объявил о помощи', 'americas'],
    ['Госдума приняла закон', 'europe'],
    ['В Госдуме обсудили закон', 'europe'],
    ['Кремль ответил на заявление', 'europe'],
    ['Бундестаг одобрил бюджет', 'europe'],
    ['Кнессет проголосовал за роспуск', 'middle-east'],
    ['ФРС сохранила ставку', 'americas'],
    ['Заявление Трампа о пошлинах', 'americas'],
    ['Встреча с Путиным', 'europe'],
    ['Интервью Зеленского', 'europe'],
    ['«Зенит» обыграл «Спартак»', 'europe'],
  ])('when the text is "%s", then it is %s', (headline, region) => {
    expect(primary(headline)).toBe(region);
  });

  it('when a Russian adjective names a language ("английский язык", "на английском"), then it is not a place', () => {
    expect(tag('В школах сократят часы английского языка')).toEqual(['world']);
    expect(tag('Сервис заработал на английском.')).toEqual(['world']);
    expect(tag('Учебники на французском языке')).toEqual(['world']);
  });

  it('when "Индийский океан" is named, then it is not India', () => {
    expect(tag('Циклон над Индийским океаном')).toEqual(['world']);
  });
});

describe('region tagger: hyphenated heritage', () => {
  it('when a demonym is a heritage ("Indian-American"), then the story is where the second one says', () => {
    expect(tag('Indian-American motel owner shot dead in Pennsylvania')).toEqual(['americas']);
    expect(tag('Chinese-Canadian scientist wins award')).toEqual(['americas']);
  });
});
