import type { FollowTexts } from './follows-texts.js';

const things = (n: number) => (n === 1 ? '1 follow' : `${n} follows`);
const mutes = (n: number) => (n === 1 ? '1 mute' : `${n} mutes`);

/** /follow and /mute in English. */
export const followsEn = {
  followUsage:
    'Send what to follow, e.g. /follow Taiwan, /follow "Bank of Japan" or /follow sanction* (several at once: /follow Taiwan, chips). Stories that name it, from any region, come first in the digest here, under "Following".',
  muteUsage: 'Send what to mute, e.g. /mute football or /mute "Premier League". Stories that name it are left out of the digest, /latest, /search and the region commands here.',
  unfollowUsage: 'Send what to stop following, e.g. /unfollow Taiwan, or /unfollow all. /follows lists them with buttons.',
  unmuteUsage: 'Send what to unmute, e.g. /unmute football, or /unmute all. /follows lists them with buttons.',
  followed: (list) => `Following ${list}: matching stories from any region come first in the digest here.`,
  muted: (list) => `Muted ${list}: matching stories are left out of the digest, /latest, /search and the region commands here.`,
  alreadyFollowing: (list) => `Already following ${list}.`,
  alreadyMuted: (list) => `Already muted: ${list}.`,
  followLimit: (max, list) => `Not added: ${list}. A chat can have at most ${things(max)}; remove some with /follows.`,
  muteLimit: (max, list) => `Not added: ${list}. A chat can have at most ${mutes(max)}; remove some with /follows.`,
  tooLong: (text, max) => `'${text}' is too long: at most ${max} characters each.`,
  tooManyParts: (text, max) => `'${text}' has too many words: at most ${max} each. Separate several follows with commas.`,
  shortPrefix: (text, min) => `'${text}': write at least ${min} letters before the * (sanction* finds sanctions and sanctioned).`,
  noWords: (text) => `'${text}' has no words to look for.`,
  unfollowed: (list) => `No longer following ${list}.`,
  unmuted: (list) => `Unmuted ${list}.`,
  notFollowing: (list) => `Not following ${list}. /follows lists what is followed here.`,
  notMuted: (list) => `${list}: not muted here. /follows lists the mutes.`,
  unfollowedAll: (n) => (n === 0 ? 'Nothing was followed here.' : `Removed ${things(n)}.`),
  unmutedAll: (n) => (n === 0 ? 'Nothing was muted here.' : `Removed ${mutes(n)}.`),
  listTitle: 'Follows and mutes',
  listNone: 'Nothing followed or muted yet: /follow Taiwan, /mute football.',
  listFollows: (list) => `Following: ${list}`,
  listMutes: (list) => `Muted: ${list}`,
  listHint: 'Tap one to remove it.',
  removedFollow: (text) => `No longer following ${text}`,
  removedMute: (text) => `Unmuted ${text}`,
  alreadyRemoved: 'Already removed.',
  subscriptionsFollows: (list) => `Following: ${list}`,
  subscriptionsMutes: (list) => `Muted: ${list}`,
} satisfies FollowTexts;

/** Where a person manages a channel from their private chat: the rules are the channel's, for its digest. */
export const followsEnChannel = {
  followed: (list) => `Following ${list}: matching stories from any region come first in the channel’s digest.`,
  muted: (list) => `Muted ${list}: matching stories are left out of the channel’s digest.`,
  notFollowing: (list) => `The channel does not follow ${list}. /follows lists what it follows.`,
  notMuted: (list) => `${list}: not muted in the channel. /follows lists its mutes.`,
  unfollowedAll: (n) => (n === 0 ? 'The channel followed nothing.' : `Removed ${things(n)}.`),
  unmutedAll: (n) => (n === 0 ? 'Nothing was muted in the channel.' : `Removed ${mutes(n)}.`),
} satisfies Partial<FollowTexts>;
