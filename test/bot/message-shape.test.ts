import { describe, expect, it } from 'vitest';
import { botTests } from './harness.js';

const bot = botTests();

/** Headlines that share no significant word, so the store keeps them as separate stories. */
const WORDS = ['harbour', 'glacier', 'senate', 'vaccine', 'railway', 'drought', 'festival', 'copper', 'satellite', 'election', 'orchestra', 'refinery', 'volcano', 'tariff', 'museum', 'pipeline', 'monsoon', 'stadium', 'bakery', 'telescope', 'canal', 'wildfire', 'library', 'airline', 'vineyard', 'bridge', 'reactor', 'lottery', 'treaty', 'cyclone'];
const headline = (i: number) => `The ${WORDS[i % WORDS.length] ?? ''} and the ${WORDS[(i + 7) % WORDS.length] ?? ''}, part ${i}`;
/** An address as long as some outlets' (tracking, slugs): hundreds of characters that Telegram does not count as text. */
const longUrl = (i: number) => `https://news.example/world/2026/11/28/${'a-very-long-slug-'.repeat(28)}${i}?id=${i}`;

describe('how digests and /latest are cut into messages', () => {
  it('when a digest\'s stories have long addresses but its text fits one message, then /digest sends one message with every link', async () => {
    const { h, user, chat } = await bot.person();
    for (let i = 0; i < 7; i++) {
      h.addArticle({ headline: headline(i), url: longUrl(i), lead: `What happened in part ${i}, told at some length. `.repeat(9).trim(), regions: ['asia'] }, i + 1);
    }
    await h.fake.say(user, chat, '/subscribe asia');
    const { replies } = await h.fake.say(user, chat, '/digest');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.raw.length).toBeGreaterThan(4096);
    expect(replies[0]?.links.map((l) => l.url)).toEqual([0, 1, 2, 3, 4].map(longUrl));
    expect(replies[0]?.text).toContain('and 2 more: /asia');
  });

  it('when /latest 20 lists short stories with long addresses, then it takes the few messages Telegram needs, each accepted', async () => {
    const { h, user, chat } = await bot.person();
    for (let i = 0; i < 20; i++) h.addArticle({ headline: headline(i), url: longUrl(i), lead: 'Short lead.', regions: ['europe'] }, i + 1);
    const { replies } = await h.fake.say(user, chat, '/europe 20');
    // 20 stories of ~100 characters are 2,000 characters of text: one message by length, two for
    // the addresses Telegram counts towards its entity limit; the HTML source alone would make five.
    expect(replies.length).toBeLessThanOrEqual(2);
    expect(replies.flatMap((r) => r.links)).toHaveLength(20);
  });
});
