import type { ChannelTexts } from './channel-texts.js';

/** Channels and forum topics, in English. */
export const channelsEn = {
  label: (title) => `Channel “${title}”`,
  added: (title) =>
    `I’m in the channel “${title}” and may post there. To set it up, send /channels here and pick it, then /subscribe asia europe, /time 08:00, /timezone Berlin: each settings command here then changes the channel. /digest shows a preview here; /channel off returns to this chat.`,
  needsPostRight: (title) =>
    `I’m in the channel “${title}” but may not post there. Make me an administrator with the right “Post messages”, then send /channels here.`,
  lost: (title) =>
    `I can no longer post in the channel “${title}” (removed, or the right to post messages was taken away), so its daily digest has stopped. Make me an administrator that may post again, then send /channels.`,
  listTitle: 'Your channels where I may post. Pick one to manage it from this chat:',
  listNone:
    'I know no channel of yours where I may post. Add me to your channel as an administrator with the right “Post messages”, then send /channels again (or /channel @name).',
  thisChat: '↩ This chat',
  targetSet: (title) =>
    `The settings commands here now change the channel “${title}”: /regions, /subscribe, /unsubscribe, /subscriptions, /time, /timezone, /language, /pause, /resume, /stop. /digest shows a preview here. /channel off to manage this chat again.`,
  targetOff: 'The settings commands change this chat again.',
  targetNone: 'The settings commands here change this chat. /channels lists your channels where I may post.',
  targetCurrent: (title) => `The settings commands here change the channel “${title}”. /channel off to manage this chat again.`,
  channelUsage: 'To manage a channel from here: /channel @name (or its id, -100…), or pick it in /channels. /channel off: this chat again.',
  notFound: (name) => `I can’t find the channel ${name}, or I’m not in it. Add me to it as an administrator that may post messages.`,
  notAdmin: (title) => `Only the creator and the administrators who may post messages can manage the channel “${title}”.`,
  noPostRight: (title) => `I may not post in the channel “${title}”: make me an administrator with the right “Post messages”.`,
  privateOnly: 'Channels are managed from a private chat with me: open it and send /channels.',
  preview: (title) => `Preview of the digest of the channel “${title}” (nothing was posted to the channel):`,
  chosen: (title) => `Managing “${title}”`,
  topicGone: (regions, command) =>
    `A topic that got the news of ${regions} was deleted or closed, so that news comes here, to General, from now on. An admin can send ${command} in another topic to route it there.`,
  topicGoneDigest: 'The topic the digest went to was deleted or closed, so the digest comes here, to General, from now on.',
  topicNotForum: 'Topics are for forum groups: there, /topic asia sent in a topic makes the Asia & Pacific news come to that topic.',
  topicInGeneral: 'Send /topic in the topic that should get a region’s news (for example /topic asia there).',
  topicPick: 'Tap a region to have its news come to this topic, or to send it back to the main digest (✅ marks those that come here):',
  topicRouted: (regions) => `From the next digest on, the news of ${regions} comes to this topic.`,
  topicUnrouted: (regions) => `The news of ${regions} goes back to the main digest.`,
  topicNone: 'No region’s news comes to this topic.',
  subscriptionsRoute: (regions, topic) => `${regions} → topic ${topic}`,
  topicNumber: (id) => `#${id}`,
  generalTopic: 'General',
} satisfies ChannelTexts;
