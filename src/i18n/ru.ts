import { botRu } from './bot-ru.js';
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
  bot: botRu,
  digest: {
    dateFormat: 'EEEE, d MMMM',
    header: (date) => `Ваша сводка новостей · ${date}`,
    nothingNew: (date, regions) => `${date}: с прошлой сводки ничего нового (${regions}).`,
    more: (count, command) => `и ещё ${count}: ${command}`,
  },
} satisfies Catalogue;
