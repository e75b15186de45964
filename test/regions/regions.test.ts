import { describe, expect, it } from 'vitest';
import { parseRegion, parseRegionList, suggestRegion } from '../../src/regions/regions.js';

describe('region names', () => {
  it.each([
    ['Asia', 'asia'], ['Asia & Pacific', 'asia'], ['Oceania', 'asia'], ['Middle East', 'middle-east'], ['mideast', 'middle-east'],
    ['middle-east', 'middle-east'], ['Latin America', 'americas'], ['North America', 'americas'], ['Russia', 'europe'], ['World', 'world'],
  ])('when someone writes %s, then it means %s', (name, region) => {
    expect(parseRegion(name)).toBe(region);
  });

  it('when a name is misspelt, then the nearest region is suggested', () => {
    expect(parseRegion('asai')).toBeUndefined();
    expect(suggestRegion('asai')).toBe('asia');
    expect(suggestRegion('eurpoe')).toBe('europe');
    expect(suggestRegion('zzzzzzzz')).toBeUndefined();
  });

  it('when several names are given, then multi-word names stay whole', () => {
    expect(parseRegionList(['middle', 'east', 'Asia', 'latin', 'america', 'xyz'])).toEqual({
      regions: ['middle-east', 'asia', 'americas'],
      unknown: ['xyz'],
    });
  });
});
