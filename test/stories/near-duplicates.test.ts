import { describe, expect, it } from 'vitest';
import { nearDuplicates, storyKeys, withoutNearDuplicates } from '../../src/stories/near-duplicates.js';

const T = Date.parse('2026-11-28T08:00:00Z');
const HOUR = 3_600_000;
const story = (headline: string, lead = '', hoursAgo = 1) => storyKeys({ headline, lead, publishedAt: T - hoursAgo * HOUR });

const MUTINY = [
  story(
    'Ivory Coast soldiers end mutiny after deal on bonuses',
    'Mutinous soldiers in Ivory Coast agreed on Saturday to return to barracks after the government promised to pay bonuses they had demanded.',
    2,
  ),
  story(
    'Ivory Coast mutiny: soldiers fire shots in Bouake',
    "Soldiers fired shots in the air in Bouake, Ivory Coast's second city, as a mutiny over pay spread to other military camps.",
    9,
  ),
  story(
    'Ivory Coast president reaches deal with mutinous soldiers',
    "Ivory Coast's president said he had reached a deal with soldiers who seized the second city Bouake, promising to consider their demands over pay.",
    5,
  ),
];

describe('near-duplicate stories', () => {
  it.each([
    [0, 1],
    [0, 2],
    [1, 2],
  ])('when two of an outlet\'s takes on one mutiny are compared (%i, %i), then they are near-duplicates', (a, b) => {
    expect(nearDuplicates(MUTINY[a] as never, MUTINY[b] as never)).toBe(true);
  });

  it.each([
    ['Heavy rain floods Mumbai, trains suspended', 'Mumbai floods: trains suspended as heavy rain lashes city'],
    ['Tsunami warning lifted after strong earthquake off Japan coast', "Earthquake of magnitude 7.1 strikes off Japan's coast"],
    ['Мятеж военных в Кот-д’Ивуаре', 'Военные в Кот-д’Ивуаре подняли мятеж из-за выплат'],
    ['UN Security Council votes to extend Mali peacekeeping mission', 'Security Council extends UN peacekeeping mission in Mali'],
  ])('when headlines tell the same news in other words ("%s" / "%s"), then they are near-duplicates', (a, b) => {
    expect(nearDuplicates(story(a), story(b))).toBe(true);
  });

  it.each([
    ['Earthquake hits Japan', 'Typhoon hits Japan'],
    ['Bomb kills 10 in Kabul market', 'Bomb kills 12 in Baghdad market'],
    ['Ivory Coast holds parliamentary election', 'Ivory Coast soldiers end mutiny after deal on bonuses'],
    ['Oil prices rise as OPEC cuts output', 'Gold prices rise as dollar weakens'],
    ['Центробанк России сохранил ключевую ставку', 'Центробанк Турции повысил ставку до 50%'],
    ['Trump meets Japan’s Abe at Mar-a-Lago', 'Trump meets China’s Xi at Mar-a-Lago'],
    ['Путин провёл переговоры с Абэ в Токио', 'Путин провёл переговоры с Си Цзиньпином в Пекине'],
  ])('when headlines share a place or a pattern but not the news ("%s" / "%s"), then they are not', (a, b) => {
    expect(nearDuplicates(story(a), story(b))).toBe(false);
  });

  it('when Title Case headlines differ in a place their leads name, then they are not near-duplicates; the same news in Title Case is', () => {
    const kabul = story('Bomb Kills 10 In Kabul Market', 'A bomb exploded in a crowded market in Kabul on Friday, killing 10 people, officials said.');
    const baghdad = story('Bomb Kills 12 In Baghdad Market', 'A car bomb tore through a busy market in Baghdad, killing 12 people and wounding dozens.');
    expect(nearDuplicates(kabul, baghdad)).toBe(false);
    const again = story('Kabul Market Bomb Death Toll Rises To 14', 'The death toll from a bomb in a crowded Kabul market rose to 14, officials said on Saturday.');
    expect(nearDuplicates(kabul, again)).toBe(true);
  });

  it('when headlines are alike but their leads tell different news, then they are not near-duplicates', () => {
    const quake = story('Strong earthquake hits Japan coast', 'A magnitude 7.1 earthquake struck off northern Japan on Tuesday, shaking buildings in Sendai and prompting a tsunami warning for the Pacific coast.');
    const typhoon = story('Strong typhoon hits Japan coast', 'Typhoon Hagibis made landfall on the Izu peninsula with winds of 200 km/h, cutting power to 400,000 homes and grounding flights at Haneda airport.');
    expect(nearDuplicates(quake, typhoon)).toBe(false);
  });

  it('when the same news comes back more than a day later, then it is news again', () => {
    expect(nearDuplicates(story('Ivory Coast soldiers end mutiny after deal on bonuses', '', 1), story('Ivory Coast soldiers end mutiny after deal on bonuses', '', 30))).toBe(false);
  });

  it('when a list is folded, then the first of each group of near-duplicates stays, in order, up to the limit', () => {
    const items = [
      { id: 1, keys: MUTINY[0] },
      { id: 2, keys: story('Kenya raises fuel prices', 'Kenya raised petrol and diesel prices by 8 percent.') },
      { id: 3, keys: MUTINY[1] },
      { id: 4, keys: story('Nigeria opens new rail line to Kano') },
      { id: 5, keys: MUTINY[2] },
      { id: 6, keys: story('Ghana cedi hits record low') },
    ];
    expect(withoutNearDuplicates(items, (i) => i.keys, 10).map((i) => i.id)).toEqual([1, 2, 4, 6]);
    expect(withoutNearDuplicates(items, (i) => i.keys, 3).map((i) => i.id)).toEqual([1, 2, 4]);
  });
});
