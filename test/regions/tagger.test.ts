import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../src/regions/gazetteer.js';
import { findPlaces, tagRegions } from '../../src/regions/tagger.js';

const tag = (text: string) => tagRegions({ text });
const found = (text: string) => findPlaces({ text }).map((m) => m.place.name);

describe('region tagger: what the source and section say (a prior)', () => {
  it('when the source names a region but the story names places elsewhere, then the story decides and the source adds nothing', () => {
    expect(tagRegions({ sourceRegion: 'Asia & Pacific', text: 'Talks in Paris on Ukraine' })).toEqual(['europe']);
  });

  it('when the story names no place, then the source region applies', () => {
    expect(tagRegions({ sourceRegion: 'Asia & Pacific', headline: 'Anime studio strike ends with pay deal', text: 'Animators will get a 12% raise.' })).toEqual(['asia']);
  });

  it('when the story names two regions equally, then the source region breaks the tie', () => {
    expect(tagRegions({ headline: 'Trade talks resume', text: 'Delegations from Japan and France met.', sourceRegion: 'europe' })).toEqual(['europe', 'asia']);
    expect(tagRegions({ headline: 'Trade talks resume', text: 'Delegations from Japan and France met.', sourceRegion: 'asia' })).toEqual(['asia', 'europe']);
  });

  it('when source and section name different regions and the story names no place, then the section comes first', () => {
    expect(tagRegions({ sourceRegion: 'europe', sectionRegion: 'Middle East', text: 'No places here' })).toEqual(['middle-east', 'europe']);
  });

  it('when the section only says World, then places in the text lead and world is kept last', () => {
    expect(tagRegions({ sectionRegion: 'World', text: 'Earthquake hits Peru' })).toEqual(['americas', 'world']);
  });

  it('when nothing names a place, then the article is world', () => {
    expect(tag('Scientists find water is wet; markets shrug')).toEqual(['world']);
    expect(tagRegions({ sourceRegion: 'nonsense', text: '' })).toEqual(['world']);
  });
});

describe('region tagger: places in the text', () => {
  it.each([
    ['Japan and Iran sign a deal', ['asia', 'middle-east']],
    ['Protests in Kenya', ['africa']],
    ['Elections in Brazil', ['americas']],
    ['Australia bans social media for teens', ['asia']],
    ['Fiji hit by cyclone', ['asia']],
    ['Vote count begins in Russia', ['europe']],
    ['Saudi Arabia and Qatar mend ties', ['middle-east']],
    ['Kazakhstan raises rates', ['asia']],
    ['Cyprus talks resume', ['europe']],
  ])('when a country is named (%s), then its region is tagged', (text, regions) => {
    expect(tag(text)).toEqual(regions);
  });

  it.each([
    ['Egypt reopens border crossing', ['middle-east', 'africa']],
    ['Iran test-fires missile', ['middle-east']],
    ['Turkey hosts talks', ['europe', 'middle-east']],
    ['Armenia and Azerbaijan sign peace deal', ['europe']],
    ['Morocco wins', ['africa']],
  ])('when a country news files unlike the UN (%s), then the documented region is used', (text, regions) => {
    expect(tag(text)).toEqual(regions);
  });

  it.each([
    ['Talks held in Nairobi', 'africa'],
    ['Tehran rejects the offer', 'middle-east'],
    ['Protesters gather in Caracas', 'americas'],
    ['Rain floods Jakarta', 'asia'],
    ['Kyiv under attack again', 'europe'],
    ['Ottawa announces tariffs', 'americas'],
    ['Cabinet meets in Canberra', 'asia'],
  ])('when a capital is named (%s), then its country\'s region is tagged', (text, region) => {
    expect(tag(text)).toEqual([region]);
  });

  it.each([
    ['Heavy snow in Chicago', 'americas'],
    ['Port strike in Rotterdam', 'europe'],
    ['Factory fire in Shenzhen', 'asia'],
    ['Blackout in Lagos', 'africa'],
    ['Strike on Aleppo', 'middle-east'],
    ['Heatwave in São Paulo', 'americas'],
    ['Heatwave in Sao Paulo', 'americas'],
    ['Wildfires in California', 'americas'],
    ['Floods in Queensland', 'asia'],
    ['Birmingham council goes bankrupt', 'europe'],
  ])('when a major city or state is named (%s), then its region is tagged', (text, region) => {
    expect(tag(text)).toEqual([region]);
  });

  it.each([
    ['Japanese exports rise', 'asia'],
    ['Russian troops advance', 'europe'],
    ['Iranian officials deny it', 'middle-east'],
    ['Nigerian startups raise funds', 'africa'],
    ['Mexican peso falls', 'americas'],
    ['Two Israelis and three Palestinians hurt', 'middle-east'],
    ['British lawmakers vote', 'europe'],
  ])('when a demonym is used (%s), then its country\'s region is tagged', (text, region) => {
    expect(tag(text)).toEqual([region]);
  });

  it.each([
    ['US imposes sanctions', 'americas'],
    ['U.S. imposes sanctions', 'americas'],
    ['UK election called', 'europe'],
    ['South Korea votes', 'asia'],
    ['North Korea fires missile', 'asia'],
    ['DRC rebels take Goma', 'africa'],
    ['UAE invests billions', 'middle-east'],
    ['Ivory Coast and Côte d’Ivoire', 'africa'],
    ['Britain and England', 'europe'],
    ['Fighting in Gaza', 'middle-east'],
    ['The Kremlin said', 'europe'],
  ])('when a short or common name is used (%s), then it is understood', (text, region) => {
    expect(tag(text)).toEqual([region]);
  });

  it('when a datelined name is written in capitals, then it is read as the place', () => {
    expect(tagRegions({ text: 'The Fed said on Thursday', dateline: 'WASHINGTON, Nov 27 (Reuters)' })).toEqual(['americas']);
    expect(tag('MOSCOW (Sputnik) — talks went on')).toEqual(['europe']);
  });

  it('when a name is one of several words ("New Mexico", "Papua New Guinea", "Guinea-Bissau"), then the longest name counts', () => {
    expect(found('New Mexico and Papua New Guinea and Guinea-Bissau')).toEqual(['New Mexico', 'Papua New Guinea', 'Guinea-Bissau']);
    expect(tag('Wildfire in New Mexico')).toEqual(['americas']);
    expect(tag('Election in Papua New Guinea')).toEqual(['asia']);
  });

  it('when a possessive or a hyphenated pair is written, then the places are still found', () => {
    expect(found("Japan's premier and Russia-Japan ties")).toEqual(['Japan', 'Russia', 'Japan']);
  });
});

describe('region tagger: words that only look like places', () => {
  it.each([
    ['the fine china was a gift', 'lowercase china'],
    ['we ate turkey at thanksgiving', 'lowercase turkey'],
    ['Guinea pigs escape from a pet shop', 'Guinea pig'],
    ['Nice weather this weekend', 'Nice, the word'],
    ['Reading is good for children', 'Reading, the word'],
    ['Chad Smith scored twice in the final', 'Chad, the first name'],
    ['Michael Jordan returns to the court', 'Jordan, the surname'],
    ['Jordan Peterson gave a talk', 'Jordan, the first name'],
    ['Paris Hilton launches a perfume', 'Paris, the first name'],
    ['French fries and Swiss cheese', 'foods'],
    ['TELL US WHAT YOU THINK', '"US" in capitals'],
    ['tell us what you think', 'the pronoun us'],
    ['the Indian Ocean tsunami warning', 'the Indian Ocean'],
    ['Brussels sprouts are in season', 'a vegetable'],
    ['Georgian architecture in Bath', 'a period style'],
  ])('when the text is "%s" (%s), then no region is tagged', (text) => {
    expect(tag(text)).toEqual(['world']);
  });

  it('when the first name is followed by the place, then only the place counts', () => {
    expect(tag('Michael Jordan visits Chad')).toEqual(['africa']);
    expect(tag('Neighbouring Jordan closed its border')).toEqual(['middle-east']);
    expect(tag("Jordan's King Abdullah met the envoy")).toEqual(['middle-east']);
  });

  it('when Georgia is the US state, then it is americas; when the country, europe', () => {
    expect(tag('Georgia governor signs election bill in Atlanta')).toEqual(['americas']);
    expect(tag('Georgia election: Republicans hold Senate seat')).toEqual(['americas']);
    expect(tag("Georgia's parliament passes foreign agents law as Tbilisi protests")).toEqual(['europe']);
    expect(tag('A new president for Georgia')).toEqual(['europe']);
  });

  it('when a word is capitalised in a Title Case headline, then a place next to it is still found', () => {
    expect(tag('Jordan Rejects Plan for Refugees')).toEqual(['middle-east']);
  });
});

describe('region tagger: several regions', () => {
  it('when places of several regions are named, then each region appears once, the most mentioned first', () => {
    expect(tagRegions({ headline: 'US and Iran trade threats', text: 'Iranian leaders in Tehran vowed revenge; Washington said it was ready.' })).toEqual([
      'middle-east',
      'americas',
    ]);
  });

  it('when a region is named only in passing, then it is dropped', () => {
    expect(tagRegions({ headline: 'Kenya election results delayed', text: 'Counting was slow, an observer from Norway said.' })).toEqual(['africa']);
  });

  it('when regions are mentioned equally, then the first mentioned comes first', () => {
    expect(tag('Russian Foreign Ministry Sees Putin\'s Visit to Japan as a Breakthrough')).toEqual(['europe', 'asia']);
    expect(tag('Japan and Russia hold talks')).toEqual(['asia', 'europe']);
  });

  it('when the headline and the lead name different places, then the headline weighs more', () => {
    expect(tagRegions({ headline: 'Kenya election results delayed', text: 'Observers from the EU and the US said counting was slow.' })[0]).toBe('africa');
    expect(tagRegions({ headline: 'EU and US observers criticise count', text: 'Kenya election results were delayed.' })[0]).not.toBe('africa');
  });

  it('when a dateline names a place, then it outweighs a single mention in the text', () => {
    expect(tagRegions({ dateline: 'BEIJING', headline: 'Talks with US envoy end', text: 'No deal was reached.' })).toEqual(['asia', 'americas']);
  });
});

describe('region tagger: the gazetteer', () => {
  it('when built, then it knows every UN member state by its common name', async () => {
    const { createRequire } = await import('node:module');
    const countries = createRequire(import.meta.url)('world-countries/countries.json') as {
      unMember: boolean;
      name: { common: string };
    }[];
    const members = countries.filter((c) => c.unMember);
    expect(members.length).toBeGreaterThanOrEqual(190);
    const missing = members.filter((c) => findPlaces({ text: `News from ${c.name.common} today` }).length === 0).map((c) => c.name.common);
    expect(missing).toEqual([]);
  });

  it('when built, then it holds thousands of names and is built once', () => {
    const g = gazetteer();
    expect(g.places.size).toBeGreaterThan(2000);
    expect(gazetteer()).toBe(g);
  });
});

describe('region tagger: Russian text', () => {
  it('when a Russian headline names a capital in an inflected form, then its region is found', () => {
    expect(tag('Путин и Си Цзиньпин обсудили торговлю в Пекине')).toEqual(['asia']);
  });

  it.each([
    ['В Японии произошло землетрясение', ['asia']],
    ['Туристов эвакуировали из Египта', ['middle-east', 'africa']],
    ['Жара в Египте', ['middle-east', 'africa']],
    ['Переговоры в Южной Корее', ['asia']],
    ['Удар по Северной Корее', ['asia']],
    ['Санкции против Соединённых Штатов Америки', ['americas']],
    ['Посол США вызван в МИД', ['americas']],
    ['Выборы в Объединенных Арабских Эмиратах', ['middle-east']],
    ['Обстрел в Газе продолжается', ['middle-east']],
    ['Кризис на Ближнем Востоке', ['middle-east']],
    ['ВЫБОРЫ В МОСКВЕ', ['europe']],
    ['Житель Киева', ['europe']],
    ['Саммит в Нью-Йорке', ['americas']],
    ['Представитель Кремля', ['europe']],
    ['Делегация Российской Федерации', ['europe']],
    ['Ураган на Кубе', ['americas']],
    ['Папа в Риме', ['europe']],
    ['Мы поехали в Турцию', ['europe', 'middle-east']],
    ['Торговля с Китаем', ['asia']],
    ['Евросоюз продлил санкции', ['europe']],
    ['Президент Того посетил Гану', ['africa']],
  ])('when the text is "%s", then the regions are %j', (text, regions) => {
    expect(tag(text)).toEqual(regions);
  });

  it('when a Russian word that is also a country name starts a sentence or stands uninflected, then it is not a place', () => {
    expect(tag('Того же дня в правительстве прошла встреча.')).toEqual(['world']);
    expect(tag('Того, кто нарушит закон, накажут. Чад на кухне стоял весь вечер.')).toEqual(['world']);
    expect(tag('Газом отапливается дом. Римом правили императоры.')).toEqual(['world']);
    expect(tag('Софией Ротару восхищались зрители.')).toEqual(['world']);
  });

  it('when a word only starts like a country ("Индиана", "Кубинский"), then it is not that country', () => {
    expect(tag('Индиана и Огайо')).toEqual(['americas']);
    expect(found('Индиана и Огайо')).not.toContain('Индия');
    expect(found('Романа Кубинского наградили')).toEqual([]);
  });

  it('when every country has a Russian name in world-countries, then each is found in its locative or genitive form', () => {
    // The forms news uses most: "в Германии", "из Франции", "в Ираке", "из Пакистана".
    const cases: [string, string][] = [
      ['Новости из Германии', 'Германия'], ['Новости из Франции', 'Франция'], ['Удар по Ираку', 'Ирак'], ['Новости из Пакистана', 'Пакистан'],
      ['Выборы в Нидерландах', 'Нидерланды'], ['Тайфун на Филиппинах', 'Филиппины'], ['Протесты в Кении', 'Кения'], ['Вести из Аргентины', 'Аргентина'],
    ];
    for (const [text, name] of cases) expect(found(text), text).toEqual([name]);
  });
});
