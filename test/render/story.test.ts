import { describe, expect, it } from 'vitest';
import { measureHtml, splitMessages } from '../../src/render/split.js';
import { formatStory, formatStoryWithin } from '../../src/render/story.js';
import { parseTelegramHtml } from '../helpers/telegram-html.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const story = {
  headline: 'Talks <fail> & "markets" fall',
  lead: 'Prices dropped <sharply> & quickly.',
  url: 'https://example.com/a?x=1&y="2"',
  source: 'Example & Co',
  publishedAt: now - 3 * 3_600_000,
};

/** The text Telegram shows for `html` (throws if it would refuse it). */
function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.text;
}

describe('story rendering', () => {
  it('when fields hold HTML characters, then they are escaped and the headline is a bold link', () => {
    expect(formatStory(story, { language: 'en', now })).toBe(
      '<b><a href="https://example.com/a?x=1&amp;y=&quot;2&quot;">Talks &lt;fail&gt; &amp; &quot;markets&quot; fall</a></b>\n' +
        'Prices dropped &lt;sharply&gt; &amp; quickly.\n<i>Example &amp; Co · 3 hours ago</i>',
    );
  });

  it('when the chat speaks Russian, then the age is in Russian', () => {
    expect(formatStory(story, { language: 'ru', now, alsoIn: ['B'] })).toContain('3 часа назад · также: B');
  });

  it('when a story is seconds old or dated a little ahead of our clock, then its age reads as the digest would say it, never "in 2 minutes"', () => {
    const ageAt = (msAgo: number) => visible(formatStory({ ...story, publishedAt: now - msAgo }, { language: 'en', now })).split('\n').at(-1);
    expect(ageAt(-120_000)).toBe('Example & Co · just now');
    expect(ageAt(29_000)).toBe('Example & Co · just now');
    expect(ageAt(45_000)).toBe('Example & Co · 1 minute ago');
    expect(ageAt(90_000)).toBe('Example & Co · 2 minutes ago');
  });

  it('when a story is longer than a message, then its lead is shortened to fit', () => {
    const long = { ...story, lead: 'word & '.repeat(2000) };
    const { html } = formatStoryWithin(long, { language: 'en', now }, { chars: 4096, html: 9000 });
    expect(visible(html).length).toBeLessThanOrEqual(4096);
    expect(visible(html).length).toBeGreaterThan(3900);
    expect(html.length).toBeLessThanOrEqual(9000);
    expect(html).toContain('…');
    expect(html).not.toMatch(/&[a-z]*…/);
  });
});

describe('stories too long for one message', () => {
  const within = (overrides: Partial<typeof story>) => formatStoryWithin({ ...story, ...overrides }, { language: 'en', now }, { chars: 4096, html: 9000 }).html;

  it.each([
    ['a 5,000-character headline and lead', { headline: 'H'.repeat(5000), lead: 'L'.repeat(5000) }],
    ['a headline of 5,000 ampersands', { headline: '&'.repeat(5000), lead: '' }],
    ['a 6,000-character source name', { source: 'S'.repeat(6000) }],
    ['a 9,000-character address', { url: `https://example.com/${'a'.repeat(9000)}` }],
  ])('when a story has %s, then it still comes out, bold, within 4096 characters', (_name, overrides) => {
    const html = within(overrides);
    expect(visible(html).length).toBeLessThanOrEqual(4096);
    expect(html.length).toBeLessThanOrEqual(9000);
    expect(html.startsWith('<b>')).toBe(true);
    expect(html).not.toMatch(/&[a-z]*…/);
  });
});

describe('splitting messages', () => {
  it('when blocks exceed the limit, then parts break between blocks and stay under it', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `story ${i} `.padEnd(300, 'x'));
    const parts = splitMessages(blocks, { limits: { chars: 1000 } });
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join('\n\n')).toBe(blocks.join('\n\n'));
    expect(parts.length).toBe(10);
  });
});

describe('measuring messages as Telegram does', () => {
  it.each([
    formatStory(story, { language: 'en', now, alsoIn: ['B & C'] }),
    formatStory({ ...story, headline: 'Кот-д’Ивуар: «мятеж» & 😀 emoji', url: null }, { language: 'ru', now }),
    '<b>Head</b>\n<u><b>Region</b></u>\nplain & simple; a&b &amp; &#39;q&#39; <i>and 3 more</i>',
  ])('when HTML is measured, then its character count is the length of the text Telegram shows (%#)', (html) => {
    const size = measureHtml(html);
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok && parsed.text.length).toBe(size.chars);
    expect(size.html).toBe(html.length);
    expect(parsed.ok && parsed.entities.length).toBeLessThanOrEqual(size.entities);
  });

  it('when blocks are short in text but long in HTML, then parts are cut by the text Telegram counts', () => {
    const blocks = Array.from({ length: 10 }, (_, i) => `<b><a href="https://e.example/${'x'.repeat(500)}">story ${i}</a></b>`);
    expect(splitMessages(blocks)).toHaveLength(1);
    expect(splitMessages(blocks, { limits: { html: 3000 } })).toHaveLength(2);
    expect(splitMessages(blocks, { limits: { entities: 4 } })).toHaveLength(5);
  });
});
