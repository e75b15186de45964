import { describe, expect, it } from 'vitest';
import type { TgChat, TgUser } from '../helpers/fake-bot-api.js';
import { type BotHarness, botTests, digestPass, NOW } from './harness.js';

// Deleted and closed topics are refused on purpose.
const bot = botTests({ allowRefused: /message thread not found|TOPIC_CLOSED/ });

/** A forum with an admin, a member, and topics by name. */
async function forumWithTopics(...names: string[]) {
  const h = await bot.start();
  const forum = h.fake.forum({ title: 'News Forum' });
  const admin = h.fake.user({ first_name: 'Ada', language_code: 'en' });
  const member = h.fake.user({ first_name: 'Max', language_code: 'en' });
  h.fake.setMember(forum.id, admin.id, 'administrator');
  h.fake.setMember(forum.id, member.id, 'member');
  const topics = Object.fromEntries(names.map((name) => [name, h.fake.createTopic(forum, name, admin)])) as Record<string, number>;
  return { h, forum, admin, member, topics };
}

const sayIn = async (h: BotHarness, user: TgUser, chat: TgChat, topic: number | undefined, text: string) =>
  (await h.fake.say(user, chat, text, topic === undefined ? {} : { topic })).replies;

// A forum is one chat for pacing: its topics share the 1 message/s; a shorter gap keeps the test quick.
const forumPass = (h: BotHarness, at = NOW) => digestPass(h, at, { perChatIntervalMs: 100 });

/** What each topic of the forum got (General as 0), as visible text. */
function byTopic(h: BotHarness, forum: TgChat, from = 0): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const m of h.fake.sentTo(forum.id).slice(from)) {
    const key = m.threadId ?? 0;
    out.set(key, [...(out.get(key) ?? []), m.text]);
  }
  return out;
}

describe('forum topics', () => {
  it('when a command comes from a topic, then the reply goes to that topic; from General, to General', async () => {
    const { h, forum, member, topics } = await forumWithTopics('Lounge');
    const inTopic = await sayIn(h, member, forum, topics.Lounge, '/help');
    expect(inTopic.map((r) => r.threadId)).toEqual([topics.Lounge]);
    const inGeneral = await sayIn(h, member, forum, undefined, '/help');
    expect(inGeneral.map((r) => r.threadId)).toEqual([undefined]);
  });

  it('when the settings were last changed in a topic, then the daily digest goes to that topic, once', async () => {
    const { h, forum, admin, topics } = await forumWithTopics('Lounge', 'Daily news');
    h.addArticle({ headline: 'Ceasefire talks resume in Cairo', regions: ['middle-east'] });
    await sayIn(h, admin, forum, topics.Lounge, '/subscribe mideast');
    await sayIn(h, admin, forum, topics['Daily news'], '/time 08:00');
    expect(await forumPass(h)).toMatchObject({ sent: 1 });
    expect(await forumPass(h, '2026-11-28T08:30:00Z')).toMatchObject({ due: 0, sent: 0 });
    const got = byTopic(h, forum);
    const daily = (got.get(topics['Daily news'] as number) ?? []).filter((t) => t.includes('news digest'));
    expect(daily).toHaveLength(1);
    expect(daily[0]).toContain('Ceasefire talks resume in Cairo');
    expect((got.get(0) ?? []).some((t) => t.includes('Ceasefire'))).toBe(false);
  });

  it('when three regions are routed to three topics, then each topic gets its own section at the digest time, each story once, each exactly once; /subscriptions shows the routing', async () => {
    const { h, forum, admin, member, topics } = await forumWithTopics('Digest', 'Asia', 'Europe', 'Africa');
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    h.addArticle({ headline: 'Summit in Tokyo and Berlin', regions: ['asia', 'europe'] });
    h.addArticle({ headline: 'Paris metro strike ends', regions: ['europe'] });
    h.addArticle({ headline: 'Lake Victoria ferry service resumes', regions: ['africa'] });
    h.addArticle({ headline: 'Global markets rally', regions: ['world'] });
    await sayIn(h, admin, forum, topics.Digest, '/subscribe world');
    expect((await sayIn(h, admin, forum, topics.Asia, '/topic asia')).map((r) => [r.threadId, r.text])).toEqual([
      [topics.Asia, 'From the next digest on, the news of Asia & Pacific comes to this topic.'],
    ]);
    await sayIn(h, admin, forum, topics.Europe, '/topic europe');
    // The Africa topic uses the buttons.
    const picker = (await sayIn(h, admin, forum, topics.Africa, '/topic'))[0];
    if (!picker) throw new Error('no picker');
    const africa = picker.buttons.flat().find((b) => b.text === 'Africa')?.callback_data ?? '';
    expect((await h.fake.press(member, picker, africa)).answer).toMatchObject({ show_alert: true, text: 'Only the group’s admins can change its settings.' });
    await h.fake.press(admin, picker, africa);
    expect(h.fake.sentTo(forum.id).find((m) => m.messageId === picker.messageId)?.buttons.flat().map((b) => b.text)).toContain('✅ Africa');

    const subs = (await sayIn(h, member, forum, topics.Digest, '/subscriptions'))[0]?.text ?? '';
    expect(subs).toContain('Asia & Pacific → topic “Asia”');
    expect(subs).toContain('Europe → topic “Europe”');
    expect(subs).toContain('Africa → topic “Africa”');

    const before = h.fake.sentTo(forum.id).length;
    expect(await forumPass(h)).toMatchObject({ sent: 4, failed: 0 });
    expect(await forumPass(h, '2026-11-28T09:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    const got = byTopic(h, forum, before);
    expect([...got.keys()].sort()).toEqual([topics.Digest, topics.Asia, topics.Europe, topics.Africa].sort());
    for (const texts of got.values()) expect(texts).toHaveLength(1);
    const text = (topic: string) => (got.get(topics[topic] as number) ?? [])[0] ?? '';
    expect(text('Asia')).toContain('Typhoon nears Okinawa');
    expect(text('Asia')).toContain('Summit in Tokyo and Berlin');
    expect(text('Asia')).not.toContain('Paris');
    expect(text('Europe')).toContain('Paris metro strike ends');
    // A story of two routed regions is in one topic only: under the forum's first region that carries it.
    expect(text('Europe')).not.toContain('Summit in Tokyo and Berlin');
    expect(text('Africa')).toContain('Lake Victoria ferry service resumes');
    expect(text('Digest')).toContain('Global markets rally');
    expect(text('Digest')).not.toContain('Typhoon');
    expect(h.store.db.prepare('SELECT topic_id AS topicId, status FROM deliveries WHERE chat_id = ? ORDER BY topic_id').all(forum.id)).toHaveLength(4);

    // /topic off sends the topic's region back to the main digest.
    expect((await sayIn(h, admin, forum, topics.Africa, '/topic off'))[0]?.text).toBe('The news of Africa goes back to the main digest.');
  });

  it('when a routed topic is deleted or closed, then its news goes to General and the forum is told there once', async () => {
    const { h, forum, admin, topics } = await forumWithTopics('Asia', 'Europe');
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    h.addArticle({ headline: 'Paris metro strike ends', regions: ['europe'] });
    await sayIn(h, admin, forum, topics.Asia, '/topic asia');
    await sayIn(h, admin, forum, topics.Europe, '/topic europe');
    h.fake.deleteTopic(forum, topics.Asia as number);
    h.fake.closeTopic(forum, topics.Europe as number);
    const before = h.fake.sentTo(forum.id).length;
    expect(await forumPass(h)).toMatchObject({ sent: 3, failed: 0 });
    const general = byTopic(h, forum, before).get(0) ?? [];
    expect(general.filter((t) => t.includes('was deleted or closed'))).toEqual([
      expect.stringContaining('A topic that got the news of Asia & Pacific was deleted or closed'),
      expect.stringContaining('A topic that got the news of Europe was deleted or closed'),
    ]);
    expect(general.some((t) => t.includes('Typhoon nears Okinawa'))).toBe(true);
    expect(general.some((t) => t.includes('Paris metro strike ends'))).toBe(true);
    expect([...byTopic(h, forum, before).keys()]).toEqual([0]);

    // The next day: to General again, without another notice.
    h.store.clock.set('2026-11-29T07:00:00Z');
    h.addArticle({ headline: 'Seoul unveils new subway line', regions: ['asia'] });
    const next = h.fake.sentTo(forum.id).length;
    await forumPass(h, '2026-11-29T08:00:00Z');
    const day2 = byTopic(h, forum, next);
    expect([...day2.keys()]).toEqual([0]);
    expect(day2.get(0)?.join('\n')).toContain('Seoul unveils new subway line');
    expect((day2.get(0) ?? []).some((t) => t.includes('deleted or closed'))).toBe(false);
    expect((await sayIn(h, admin, forum, undefined, '/subscriptions'))[0]?.text).toContain('Asia & Pacific, Europe → topic General');
  });

  it('when /topic is used outside a forum or in General, then the bot says where it works', async () => {
    const { h, forum, admin } = await forumWithTopics();
    expect((await sayIn(h, admin, forum, undefined, '/topic asia'))[0]?.text).toBe('Send /topic in the topic that should get a region’s news (for example /topic asia there).');
    const group = h.fake.group({ type: 'supergroup' });
    h.fake.setMember(group.id, admin.id, 'administrator');
    expect((await sayIn(h, admin, group, undefined, '/topic asia'))[0]?.text).toMatch(/^Topics are for forum groups/);
  });
});
