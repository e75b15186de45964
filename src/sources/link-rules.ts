import { getDomain } from 'tldts';

/**
 * Path segments that name a page which is not one article: lists (tag, author, category, section,
 * pagination), media pages (video, gallery), service pages (login, search, feed, about).
 */
const NOT_ARTICLE_SEGMENTS = new Set([
  'tag', 'tags', 'topic', 'topics', 'author', 'authors', 'byline', 'people', 'person', 'profile', 'profiles', 'user', 'users',
  'category', 'categories', 'cat', 'section', 'sections', 'rubric', 'rubrics',
  'video', 'videos', 'watch', 'tv', 'gallery', 'galleries', 'photo', 'photos', 'photogallery', 'photo-gallery', 'pictures',
  'slideshow', 'slideshows', 'multimedia', 'podcast', 'podcasts', 'audio',
  'login', 'log-in', 'signin', 'sign-in', 'logout', 'signup', 'sign-up', 'register', 'registration', 'account', 'my-account',
  'subscribe', 'subscription', 'subscriptions', 'newsletter', 'newsletters', 'search', 'page', 'feed', 'feeds', 'rss', 'atom',
  'about', 'about-us', 'contact', 'contact-us', 'contacts', 'privacy', 'privacy-policy', 'terms', 'terms-of-use',
  'terms-of-service', 'cookies', 'cookie-policy', 'advertise', 'advertising', 'help', 'faq', 'shop', 'jobs', 'careers',
  'comments', 'comment', 'print', 'share', 'wp-login.php', 'wp-admin', 'wp-content', 'cdn-cgi', 'static', 'assets',
]);

/** Query parameters of list, search and pagination pages. */
const NOT_ARTICLE_PARAMS = /^(page|paged|pg|offset|start|tag|tags|cat|category|author|s|q|query|search|replytocom|share|print|lang)$/i;

/** Files that are not pages. */
const NOT_PAGE_FILE = /\.(jpe?g|png|gif|webp|avif|svg|ico|pdf|docx?|xlsx?|zip|mp3|mp4|m4a|mov|webm|xml|rss|atom|json|css|js|txt)$/i;

/** A year, month (and day) in a path: /2024/11/27/, /2024/nov/27/, /2024-11-27-, /20241127/. */
const DATED =
  /(?:^|[/_-])(?:19[89]\d|20\d\d)(?:[/_-](?:0?[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:[/_-](?:0?[1-9]|[12]\d|3[01]))?|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?=$|[/_.-])/i;

/** A query parameter carrying an article id (?id=123, ?p=123, ?story=123). */
const ID_PARAM = /^(id|p|story|storyid|story_id|article|articleid|article_id|aid|newsid|news_id|nid|itemid|item_id)$/i;

function segments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s).toLowerCase();
      } catch {
        return s.toLowerCase();
      }
    });
}

/** The site a URL belongs to: its registrable domain (news.example.co.uk → example.co.uk), else its host (an IP, localhost). */
export function siteOf(url: URL): string {
  return getDomain(url.hostname, { allowPrivateDomains: false }) ?? url.host;
}

/** Whether two URLs are on the same site (subdomains of one registrable domain count as one). */
export function sameSite(a: URL, b: URL): boolean {
  if (a.host === b.host) return true;
  const site = getDomain(a.hostname);
  return site !== null && site === getDomain(b.hostname);
}

/**
 * Whether the URL is a page that is not an article by its address: the site's home page; a tag,
 * author, category, section, video, gallery, login, search, feed or service page; a pagination or
 * search query; a file that is not a page (images, PDFs, feeds).
 */
export function isNotArticleAddress(url: URL): boolean {
  const parts = segments(url);
  if (parts.length === 0 && !hasIdParam(url)) return true;
  if (parts.some((p) => NOT_ARTICLE_SEGMENTS.has(p))) return true;
  const last = parts.at(-1) ?? '';
  if (NOT_PAGE_FILE.test(last)) return true;
  // WordPress-style list pages: /tag-china/, /category-asia/, "/author-jdoe".
  if (/^(tag|author|category|topic)[-_]/.test(last)) return true;
  for (const key of url.searchParams.keys()) if (NOT_ARTICLE_PARAMS.test(key)) return true;
  return false;
}

function hasIdParam(url: URL): boolean {
  for (const [key, value] of url.searchParams) if (ID_PARAM.test(key) && /^\d+$/.test(value)) return true;
  return false;
}

/**
 * Whether the address looks like one article's: a date in the path followed by more of it
 * (/2024/11/27/slug, /20161222/1048856421.html; a bare /2024/11/ is a monthly archive), a long
 * number (an article id: /1048856421.html, /news-12345), a slug of `minSlugWords` (default 4) or
 * more words (/putin-visit-to-japan-a-breakthrough), or an id query parameter (?id=123, ?p=123).
 * Section pages (/asia/, /world/asia-pacific, /news/us_and_canada) have none of these.
 */
export function looksLikeArticleAddress(url: URL, minSlugWords = 4): boolean {
  if (isNotArticleAddress(url)) return false;
  const path = url.pathname;
  const dated = DATED.exec(path);
  if (dated && /[\p{L}\p{N}]/u.test(path.slice(dated.index + dated[0].length))) return true;
  const parts = segments(url);
  // A slug that ends with its date: /world/asia-pacific/typhoon-hits-philippines-2024-11-27/.
  const lastPart = parts.at(-1) ?? '';
  if (DATED.test(`/${lastPart}`) && (lastPart.match(/\p{L}{2,}/gu) ?? []).length >= 2) return true;
  if (parts.some((p) => /\d{5,}/.test(p.replace(/^(19|20)\d\d$/, '')))) return true;
  if (hasIdParam(url)) return true;
  const last = (parts.at(-1) ?? '').replace(/\.(s?html?|php|aspx?|jsp)$/i, '');
  if (/^(index|default|home|main)$/.test(last)) return false;
  const words = last.split(/[-_+.~\s]+/).filter((w) => /\p{L}{2,}|\p{N}/u.test(w));
  return words.length >= minSlugWords;
}

/** Link texts that are never a headline. */
const NOT_HEADLINE =
  /^(?:(?:read|learn|see|view|show|load|find out|discover|click here|tap here|watch|listen)(?: to)?(?: the)? (?:more|all|full|story|article|here)\b.*|(?:continue|keep) reading.*|more(?: news| stories)?|next|previous|prev|older posts?|newer posts?|(?:\d+ )?comments?|leave a (?:comment|reply)|reply|share(?: this)?|subscribe(?: now)?|sign (?:in|up)|log ?in|register|home|menu|search|back to top|top|подробнее|читать (?:далее|дальше|полностью)|ещё|все новости)\s*[.…»›→>]*$/i;

/** Scripts written without spaces between words: a headline is judged by its characters there. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Whether a link's text reads like a headline: several words (three or more, or eight characters
 * in scripts written without spaces), not only a date or numbers, and not a "Read more", "Next",
 * "Comments" or other control label.
 */
export function isHeadlineText(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length < 10 || t.length > 500) return false;
  if (NOT_HEADLINE.test(t)) return false;
  const words = t.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  if (UNSPACED.test(t)) return (t.match(/\p{L}/gu) ?? []).length >= 8;
  return words.length >= 3 && words.join('').length >= 8;
}
