import type { Catalogue } from './catalogue.js';

export const ru = {
  locale: 'ru',
  regions: {
    asia: 'Азия и Тихий океан',
    europe: 'Европа',
    'middle-east': 'Ближний Восток',
    africa: 'Африка',
    americas: 'Америка',
    world: 'Мир',
  },
  story: {
    meta: (source, age) => `${source} · ${age}`,
    alsoIn: (outlets) => `также: ${outlets}`,
    justNow: 'только что',
  },
  bot: {},
  digest: {},
} satisfies Catalogue;
