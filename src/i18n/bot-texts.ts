/**
 * Texts of the bot's replies to people, in one language. Plain text: the bot HTML-escapes every
 * result (user input and store data included) before sending, and adds its own bold/links.
 * Names passed in (`regions`, `zone`) are already display names ("Asia & Pacific", "Europe/Moscow").
 */
export interface BotTexts {
  /** The command menu (setMyCommands) and /help: one line each, at most 256 characters. */
  commands: Record<MenuCommand, string>;
  /** Arguments shown after a command in /help, e.g. "[region] [n]". */
  commandArgs: Partial<Record<MenuCommand, string>>;
  /** /start: the first line, with the person's first name. */
  greeting: (name: string) => string;
  /** /start: what the bot does, a few sentences. */
  about: string;
  /** Above a region picker keyboard: "Tap a region to subscribe; ✅ marks yours." */
  pickRegions: string;
  /** /help heading. */
  helpTitle: string;
  /** /help footer: where the region names come from, how groups work. */
  helpFooter: string;

  /** "Subscribed to Asia & Pacific, Europe." */
  subscribed: (regions: string) => string;
  /** "You already get Asia & Pacific." */
  alreadySubscribed: (regions: string) => string;
  /** "Unsubscribed from Europe." */
  unsubscribed: (regions: string) => string;
  /** "You were not subscribed to Africa." */
  notSubscribed: (regions: string) => string;
  /** "/unsubscribe all" done. */
  unsubscribedAll: string;
  /** There was nothing to unsubscribe from. */
  noSubscriptions: string;
  /** "/subscribe asia europe": how to use it. */
  subscribeUsage: string;
  unsubscribeUsage: string;
  /** "No region 'asai'. Did you mean asia?" (`suggestion` is a region id such as "asia"). */
  noSuchRegion: (name: string, suggestion: string | undefined) => string;
  /** "Regions: asia, europe, mideast, africa, americas, world." (the regions there are) */
  regionNames: (names: string) => string;
  /** "You get news from Asia & Pacific, Europe." (the chat's own regions) */
  yourRegions: (regions: string) => string;
  /** "Your daily digest comes at 08:00 (UTC)." */
  digestAt: (time: string, zone: string) => string;
  /** "Next digest: today at 07:30, in 3 hours." (`day` from `days`, `inTime` like "in 3 hours"). */
  nextDigest: (day: string, time: string, inTime: string) => string;
  /** The chat's "today" and "tomorrow". */
  days: { today: string; tomorrow: string };
  /** Callback answer after a toggle. */
  toggledOn: (region: string) => string;
  toggledOff: (region: string) => string;
  /** A button from an old message whose data the bot no longer knows. */
  buttonExpired: string;
  /** A button pressed on a message of a group that has since become a supergroup. */
  groupUpgraded: string;

  /** /subscriptions. */
  subscriptionsTitle: string;
  subscriptionsRegions: (regions: string) => string;
  subscriptionsNone: string;
  subscriptionsPaused: string;
  subscriptionsActive: string;
  subscriptionsLanguage: (language: string) => string;
  /** The language when the chat chose none and follows the Telegram client's. */
  subscriptionsLanguageAuto: (language: string) => string;
  /** /subscriptions without regions: the time is set, but no digest comes. */
  subscriptionsNoDigest: (time: string, zone: string) => string;

  /** /latest heading: "Latest · Asia & Pacific". */
  latestTitle: (scope: string) => string;
  /** Scope name when no region is chosen and the chat has none. */
  allRegions: string;
  /** No stories for the scope yet. */
  latestNone: (scope: string) => string;
  /** No stories in the store at all. */
  latestNoneAnywhere: string;
  /** After latestNone: "Other regions have news: /asia, /world." */
  latestElsewhere: (commands: string) => string;
  /** `/latest asia 500`: "At most 20 stories at a time; here are the newest 20." */
  latestCapped: (max: number) => string;
  /** `/latest asia 0`: "'0' is not a number of stories (1 to 20)." */
  latestBadCount: (text: string, max: number) => string;

  /** /time. */
  timeSet: (time: string, zone: string) => string;
  timeInvalid: (input: string) => string;
  timeUsage: (time: string, zone: string) => string;
  /** /timezone. */
  zoneSet: (zone: string, time: string) => string;
  zoneInvalid: (input: string) => string;
  zoneUsage: (zone: string) => string;
  /** A city name that fits several zones: "'san' could be America/Santiago, …". */
  zoneAmbiguous: (input: string, zones: string, more: number, example: string) => string;
  /** /language. */
  languageSet: string;
  /** `/language auto`: the language now follows the Telegram client's (`current` is its name). */
  languageAuto: (current: string) => string;
  /** /language without an argument: the current one and how to change it. */
  languageUsage: (current: string) => string;
  languageInvalid: (input: string) => string;
  languageNames: Record<'en' | 'ru', string>;
  /** /pause, /resume. */
  paused: string;
  alreadyPaused: string;
  resumed: (time: string, zone: string) => string;
  notPaused: string;
  /** A paused or unsubscribed chat is told it gets no digest. */
  pausedNote: string;

  /** How often, as said after "comes": "every day at 08:00", "twice a day, at 08:00 and 18:00". */
  cadence: {
    daily: (time: string) => string;
    twice: (first: string, second: string) => string;
    weekdays: (time: string) => string;
    /** `day` from `weekdayOn`. */
    weekly: (day: string, time: string) => string;
  };
  /** A day of the week as said before a time: "on Monday" ("Next digest: on Monday at 09:00"). */
  weekdayOn: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string>;
  /** Two times of day: "08:00 and 18:00". */
  timesAnd: (first: string, second: string) => string;
  /** "Your digest comes twice a day, at 08:00 and 18:00 (UTC)." (`when` from `cadence`) for a cadence other than daily. */
  digestCadence: (when: string, zone: string) => string;
  /** /frequency: done, how to use it, and what is wrong with the input. */
  frequencySet: (when: string, zone: string) => string;
  frequencyUsage: (when: string, zone: string) => string;
  frequencyUnknown: (input: string) => string;
  frequencyTwiceNeedsTwo: string;
  frequencySameTimes: (time: string) => string;
  frequencyNeedsDay: string;
  frequencyBadDay: (input: string) => string;
  frequencyBadTime: (input: string) => string;
  /** /time in a chat with two digests a day: which command changes them. */
  timeTwice: (first: string, second: string) => string;
  /** /resume for a cadence other than daily. */
  resumedCadence: (when: string, zone: string) => string;
  /** /quiet, /quiet off, and anything else after /quiet. */
  quietOn: string;
  quietOff: string;
  quietUsage: string;
  /** /subscriptions of a chat that chose quiet days. */
  subscriptionsQuiet: string;
  /** /stop. */
  stopped: string;
  /** /digest without subscriptions. */
  digestNeedsRegions: string;
  /** /digest before any daily digest, when the last 24 hours brought nothing. */
  digestNothingToday: (regions: string) => string;

  /** A settings command from a non-admin in a group. */
  adminsOnly: string;
  /** "I don't know /foo. /help lists what I can do." */
  unknownCommand: (command: string) => string;
  /** Plain text in a private chat. */
  notACommand: string;
  /** Plain text that names a region: "For the latest from Asia & Pacific send /asia." */
  regionHint: (region: string, command: string) => string;
  /** Something failed on the bot's side. */
  somethingWrong: string;
}

/** The commands in the menu and /help, in the order shown. */
export const MENU_COMMANDS = [
  'start',
  'help',
  'latest',
  'search',
  'regions',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'follow',
  'unfollow',
  'mute',
  'unmute',
  'follows',
  'asia',
  'europe',
  'mideast',
  'africa',
  'americas',
  'world',
  'digest',
  'addfeed',
  'feeds',
  'time',
  'timezone',
  'frequency',
  'quiet',
  'pause',
  'resume',
  'language',
  'channels',
  'topic',
  'stop',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
