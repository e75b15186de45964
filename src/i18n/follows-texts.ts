/**
 * Texts of /follow, /mute, /unfollow, /unmute and /follows, in one language. Plain text (escaped by
 * the bot). `list` arguments are already joined rule texts ("Taiwan, “Bank of Japan”"). Worded for
 * any chat ("here"), so groups need no variant.
 */
export interface FollowTexts {
  followUsage: string;
  muteUsage: string;
  unfollowUsage: string;
  unmuteUsage: string;
  /** Added follows: what they do. */
  followed: (list: string) => string;
  /** Added mutes: what they do. */
  muted: (list: string) => string;
  alreadyFollowing: (list: string) => string;
  alreadyMuted: (list: string) => string;
  /** Not added: the chat is at its limit of follows (or mutes). */
  followLimit: (max: number, list: string) => string;
  muteLimit: (max: number, list: string) => string;
  /** A rule that cannot be read, and why. */
  tooLong: (text: string, max: number) => string;
  tooManyParts: (text: string, max: number) => string;
  shortPrefix: (text: string, min: number) => string;
  noWords: (text: string) => string;
  unfollowed: (list: string) => string;
  unmuted: (list: string) => string;
  notFollowing: (list: string) => string;
  notMuted: (list: string) => string;
  unfollowedAll: (count: number) => string;
  unmutedAll: (count: number) => string;
  /** /follows. */
  listTitle: string;
  listNone: string;
  listFollows: (list: string) => string;
  listMutes: (list: string) => string;
  listHint: string;
  /** Callback answers of the remove buttons. */
  removedFollow: (text: string) => string;
  removedMute: (text: string) => string;
  alreadyRemoved: string;
  /** /subscriptions lines. */
  subscriptionsFollows: (list: string) => string;
  subscriptionsMutes: (list: string) => string;
}
