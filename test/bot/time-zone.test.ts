import { describe, expect, it } from 'vitest';
import { findTimeZone } from '../../src/bot/time-zone.js';
import { botTests } from './harness.js';

describe('findTimeZone: cities and countries written in Russian or Ukrainian', () => {
  it.each([
    ['Москва', 'Europe/Moscow'],
    ['москва', 'Europe/Moscow'],
    ['МОСКВА', 'Europe/Moscow'],
    ['Санкт-Петербург', 'Europe/Moscow'],
    ['Екатеринбург', 'Asia/Yekaterinburg'],
    ['Новосибирск', 'Asia/Novosibirsk'],
    ['Владивосток', 'Asia/Vladivostok'],
    ['Калининград', 'Europe/Kaliningrad'],
    ['Нью-Йорк', 'America/New_York'],
    ['нью йорк', 'America/New_York'],
    ['Лос-Анджелес', 'America/Los_Angeles'],
    ['Киев', 'Europe/Kyiv'],
    ['Київ', 'Europe/Kyiv'],
    ['Токио', 'Asia/Tokyo'],
    ['Пекин', 'Asia/Shanghai'],
    ['Париж', 'Europe/Paris'],
    ['Лондон', 'Europe/London'],
    ['Дели', 'Asia/Kolkata'],
    ['Ташкент', 'Asia/Tashkent'],
    ['Кишинёв', 'Europe/Chisinau'],
    ['Кишинев', 'Europe/Chisinau'],
    ['Япония', 'Asia/Tokyo'],
    ['Германия', 'Europe/Berlin'],
  ])('when the name is "%s", then the zone is %s', (input, zone) => {
    expect(findTimeZone(input)).toEqual({ kind: 'zone', zone });
  });

  it('when the name is a country of several zones ("Россия", "США"), then every zone is offered, the most populous first', () => {
    const russia = findTimeZone('Россия');
    expect(russia.kind).toBe('ambiguous');
    expect(russia.kind === 'ambiguous' && russia.zones.slice(0, 2)).toEqual(['Europe/Moscow', 'Asia/Yekaterinburg']);
    const us = findTimeZone('США');
    expect(us.kind === 'ambiguous' && us.zones[0]).toBe('America/New_York');
  });

  it('when a Cyrillic word names no place, then nothing is found', () => {
    expect(findTimeZone('Луна')).toEqual({ kind: 'none' });
    expect(findTimeZone('привет мир')).toEqual({ kind: 'none' });
  });
});

const bot = botTests();

describe('/timezone in Russian', () => {
  it('when a Russian person sends /timezone Москва, then the chat keeps Moscow time and the answer names it', async () => {
    const { h, user, chat } = await bot.person('ru');
    const { replies } = await h.fake.say(user, chat, '/timezone Москва');
    expect(replies.map((r) => r.text).join('\n')).toContain('Europe/Moscow');
    expect(h.chats.get(chat.id)?.timezone).toBe('Europe/Moscow');
  });
});
