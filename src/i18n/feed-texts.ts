/**
 * Texts of chats' own feeds (/addfeed, /feeds, the digest's feed sections), in one language.
 * Plain text: callers escape. Titles and addresses come from feeds and people: quote them as given.
 */
export interface FeedTexts {
  /** /addfeed without an address. */
  addUsage: string;
  /** A feed added; `found` says it was found from a site's page (its address is shown then). */
  added: (title: string, url: string, found: boolean) => string;
  /** Where its items will show. */
  addedWhere: string;
  already: (title: string) => string;
  /** ALLOW_CHAT_FEEDS=false. */
  off: string;
  /** "A chat can have at most 20 feeds": plural forms right. */
  chatFull: (max: number) => string;
  /** The bot's global cap. */
  allFull: string;
  /** Not an http(s) address. */
  badAddress: (input: string) => string;
  /** The address or a redirect led to a private, local or metadata address. */
  refused: (address: string) => string;
  /** Not a feed, an HTTP error, unreachable: `reason` says which. */
  failed: (reason: string) => string;
  /** /feeds heading, with how many of the most allowed: "Your feeds (2 of at most 20)". */
  listTitle: (count: number, max: number) => string;
  listNone: string;
  /** A feed that is failing, after its line. */
  failing: (reason: string) => string;
  /** Under the list: the buttons remove. */
  listFooter: string;
  /** A remove button. */
  removeButton: (title: string) => string;
  removed: (title: string) => string;
  /** A remove button for a feed the chat no longer has. */
  removeGone: string;
  /** /subscriptions: "Feeds: A, B". */
  subscriptionsFeeds: (titles: string) => string;
  /** After a feed's capped section in a digest: "and 3 more". */
  more: (count: number) => string;
}

/** Plural forms: `forms` by Intl.PluralRules category (English: one, other; Russian: one, few, many, other). */
export function plural(locale: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  return forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
}
