import type { Catalogue } from './catalogue.js';

export const en = {
  locale: 'en',
  regions: {
    asia: 'Asia & Pacific',
    europe: 'Europe',
    'middle-east': 'Middle East',
    africa: 'Africa',
    americas: 'Americas',
    world: 'World',
  },
  story: {
    meta: (source, age) => `${source} · ${age}`,
    alsoIn: (outlets) => `also: ${outlets}`,
    justNow: 'just now',
  },
  bot: {},
  digest: {},
} satisfies Catalogue;
