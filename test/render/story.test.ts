import { describe, expect, it } from 'vitest';
import { splitMessages } from '../../src/render/split.js';
import { formatStory, formatStoryWithin } from '../../src/render/story.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const story = {
  headline: 'Talks <fail> & "markets" fall',
  lead: 'Prices dropped <sharply> & quickly.',
  url: 'https://example.com/a?x=1&y="2"',
  source: 'Example & Co',
  publishedAt: now - 3 * 3_600_000,
};

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

  it('when a story is longer than a message, then its lead is shortened to fit', () => {
    const long = { ...story, lead: 'word & '.repeat(2000) };
    const html = formatStoryWithin(long, { language: 'en', now }, 4096);
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(html).toContain('…');
    expect(html).not.toMatch(/&[a-z]*…/);
  });
});

describe('stories too long for one message', () => {
  const within = (overrides: Partial<typeof story>) => formatStoryWithin({ ...story, ...overrides }, { language: 'en', now }, 4096);

  it.each([
    ['a 5,000-character headline and lead', { headline: 'H'.repeat(5000), lead: 'L'.repeat(5000) }],
    ['a headline of 5,000 ampersands', { headline: '&'.repeat(5000), lead: '' }],
    ['a 6,000-character source name', { source: 'S'.repeat(6000) }],
    ['a 9,000-character address', { url: `https://example.com/${'a'.repeat(9000)}` }],
  ])('when a story has %s, then it still comes out, bold, within 4096 characters', (_name, overrides) => {
    const html = within(overrides);
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(html.startsWith('<b>')).toBe(true);
    expect(html).not.toMatch(/&[a-z]*…/);
  });
});

describe('splitting messages', () => {
  it('when blocks exceed the limit, then parts break between blocks and stay under it', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `story ${i} `.padEnd(300, 'x'));
    const parts = splitMessages(blocks, { max: 1000 });
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join('\n\n')).toBe(blocks.join('\n\n'));
    expect(parts.length).toBe(10);
  });
});
