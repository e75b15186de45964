/** Texts of /search, in one language. Plain text (escaped by the bot). */
export interface SearchTexts {
  /** /search without words. */
  usage: string;
  /** The answer's second line: which stories these are. */
  range: (from: number, to: number, total: number, capped: boolean) => string;
  /** Nothing matched; `several` when the query has more than one part (fewer words may find some). */
  none: (query: string, several: boolean) => string;
  /** Stories matched, but this chat muted each of them (/mute). */
  allMuted: (query: string, count: number) => string;
  /** Only words too common to search for. */
  tooCommon: (words: string) => string;
  /** A query that cannot be read. */
  tooLong: (max: number) => string;
  tooManyParts: (max: number) => string;
  shortPrefix: (text: string, min: number) => string;
  onlyExcluded: string;
  /** The button that shows the next stories. */
  more: string;
  /** A "More" press on a message whose search can no longer be read. */
  expired: string;
}
