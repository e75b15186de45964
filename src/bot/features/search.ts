import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { mutedBy } from '../../follows/mutes.js';
import { createRuleCache } from '../../follows/rule-cache.js';
import { RULE_MAX_CHARS, RULE_MAX_PARTS, tidy } from '../../follows/rule.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { escapeHtml } from '../../render/html.js';
import { formatStory } from '../../render/story.js';
import type { Language } from '../../store/chats.js';
import { highlights, type Search, type SearchHit, type SearchOutcome } from '../../search/search.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { quote } from '../input.js';
import { replyHtml, replyText } from '../reply.js';

/** Stories per page. */
export const SEARCH_PAGE = 5;
/** Callback data of "More": "sr:<offset>"; the query is read back from the message's first line. */
const MORE = /^sr:(\d+)$/;
/** The first line of an answer, before the query. */
const MARK = '🔎 ';
/** Characters of the body shown around the first match when the words are only in the body. */
const SNIPPET = 220;
/** A lead is shown up to this many characters. */
const LEAD_MAX = 400;

/** `text` escaped, with the ranges in bold. */
function withBold(text: string, ranges: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    out += `${escapeHtml(text.slice(at, a))}<b>${escapeHtml(text.slice(a, b))}</b>`;
    at = b;
  }
  return out + escapeHtml(text.slice(at));
}

/** What a hit shows under its headline: the lead with the words in bold, or a piece of the body that has them. */
function leadHtml(hit: SearchHit, outcome: Extract<SearchOutcome, { kind: 'results' }>): string {
  // Leads are cut near 300 characters at ingest, but an imported list keeps them as given.
  const lead = hit.lead.length > LEAD_MAX ? `${hit.lead.slice(0, hit.lead.lastIndexOf(' ', LEAD_MAX) > 0 ? hit.lead.lastIndexOf(' ', LEAD_MAX) : LEAD_MAX)}…` : hit.lead;
  const inLead = highlights(outcome.rule, lead);
  if (inLead.length > 0 || hit.body === '') return withBold(lead, inLead);
  const inBody = highlights(outcome.rule, hit.body);
  const first = inBody[0];
  if (!first) return escapeHtml(lead);
  let start = Math.max(0, first[0] - SNIPPET / 3);
  if (start > 0) start = hit.body.indexOf(' ', start) + 1 || start;
  let end = Math.min(hit.body.length, start + SNIPPET);
  const space = hit.body.lastIndexOf(' ', end);
  if (end < hit.body.length && space > first[1]) end = space;
  const piece = hit.body.slice(start, end);
  const bold = highlights(outcome.rule, piece);
  return `${start > 0 ? '…' : ''}${withBold(piece, bold).replace(/\s+/gu, ' ')}${end < hit.body.length ? '…' : ''}`;
}

/**
 * One page of a search as a message: the query, which stories these are, then each story (headline
 * linked, the matching words in bold in its lead, source and age), with a "More" button while more
 * are left. Five stories of at most ~300-character leads stay well inside one message.
 */
export function searchPage(
  texts: Catalogue,
  language: Language,
  query: string,
  outcome: Extract<SearchOutcome, { kind: 'results' }>,
  offset: number,
  now: number,
): { html: string; keyboard: InlineKeyboardMarkup | undefined } {
  const s = texts.search;
  const head = `<b>${escapeHtml(`${MARK}${query}`)}</b>\n<i>${escapeHtml(s.range(offset + 1, offset + outcome.hits.length, outcome.total, outcome.capped))}</i>`;
  const stories = outcome.hits.map((hit) => {
    const plain = formatStory({ ...hit, lead: '' }, { language, now });
    const lead = leadHtml(hit, outcome);
    // formatStory's lines: headline, (lead), meta. The lead goes between them, with its bold.
    const [title, ...rest] = plain.split('\n');
    return [title, lead, ...rest].filter((l) => l !== '').join('\n');
  });
  const next = offset + outcome.hits.length;
  const keyboard = next < outcome.total ? { inline_keyboard: [[{ text: s.more, callback_data: `sr:${next}` }]] } : undefined;
  return { html: [head, ...stories].join('\n\n'), keyboard };
}

/** The answer to a search that found nothing to show, as plain lines. */
export function searchProblem(texts: Catalogue, query: string, outcome: Exclude<SearchOutcome, { kind: 'results' }>): string {
  const s = texts.search;
  switch (outcome.kind) {
    case 'empty':
      return s.usage;
    case 'too-common':
      return s.tooCommon(quote(query));
    case 'none':
      return outcome.muted > 0 ? s.allMuted(quote(query), outcome.muted) : s.none(quote(query), outcome.rule.clauses.length > 1);
    case 'invalid':
      if (outcome.reason === 'too-long') return s.tooLong(RULE_MAX_CHARS);
      if (outcome.reason === 'too-many-parts') return s.tooManyParts(RULE_MAX_PARTS);
      if (outcome.reason === 'short-prefix') return s.shortPrefix(quote(outcome.detail), 3);
      return s.onlyExcluded;
  }
}

/**
 * /search <words>: the five best stories over the whole store (see `createSearch`), and a "More"
 * button that edits the same message to the next five, without the stories the chat muted (/mute),
 * as its digest and /latest leave them out. Open to everyone in groups.
 */
export function searchFeature(deps: { search: Search; clock: { now(): number }; chats: Pick<BotDeps['chats'], 'get'> }): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const rules = createRuleCache();
  /** The chat's mutes as a search's `leaveOut`. */
  const mutesOf = (ctx: BotContext) => mutedBy(rules.rules(ctx.chat === undefined ? undefined : deps.chats.get(ctx.chat.id)?.mutes));

  composer.command('search', async (ctx) => {
    const query = tidy(ctx.payload);
    if (query === '') {
      await replyText(ctx, ctx.texts.search.usage);
      return;
    }
    const outcome = deps.search.search(query, { limit: SEARCH_PAGE, leaveOut: mutesOf(ctx) });
    if (outcome.kind !== 'results') {
      await replyText(ctx, searchProblem(ctx.texts, query, outcome));
      return;
    }
    const page = searchPage(ctx.texts, ctx.lang, query, outcome, 0, deps.clock.now());
    await replyHtml(ctx, page.html, page.keyboard);
  });

  composer.action(MORE, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const offset = Number(MORE.exec(data)?.[1] ?? 0);
    const message = ctx.callbackQuery.message;
    const first = message && 'text' in message ? (message.text.split('\n')[0] ?? '') : '';
    const query = first.startsWith(MARK) ? first.slice(MARK.length) : '';
    const outcome = query === '' ? undefined : deps.search.search(query, { offset, limit: SEARCH_PAGE, leaveOut: mutesOf(ctx) });
    if (!message || !ctx.chat || outcome?.kind !== 'results' || outcome.hits.length === 0) {
      await ctx.answerCbQuery(ctx.texts.search.expired);
      return;
    }
    await ctx.answerCbQuery();
    const page = searchPage(ctx.texts, ctx.lang, query, outcome, offset, deps.clock.now());
    await ctx.telegram.editMessageText(ctx.chat.id, message.message_id, undefined, page.html, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(page.keyboard ? { reply_markup: page.keyboard } : {}),
    });
  });

  return composer;
}
