import { type Region, suggestRegion } from '../regions/regions.js';
import { ECHO_MAX } from './limits.js';

/** The words after a command ("/subscribe asia, europe" → ["asia", "europe"]); commas count as spaces. */
export function words(payload: string | undefined): string[] {
  return (payload ?? '').split(/[\s,;]+/u).filter((w) => w !== '');
}

/** A person's input, shortened for quoting back in an answer so a 5,000-character message gets a short reply. */
export function quote(text: string): string {
  const clean = text.replace(/\s+/gu, ' ').trim();
  return clean.length > ECHO_MAX ? `${clean.slice(0, ECHO_MAX - 1)}…` : clean;
}

/**
 * The command a message starts with, as Telegram marks it (a bot_command entity at offset 0):
 * its name in lower case and the bot it is addressed to ("/help@other_bot" → other_bot), if any.
 */
export function leadingCommand(
  text: string | undefined,
  entities: readonly { type: string; offset: number; length: number }[] | undefined,
): { name: string; target: string | undefined; raw: string } | undefined {
  const entity = entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!text || !entity) return undefined;
  const raw = text.slice(0, entity.length);
  const [name = '', target] = raw.slice(1).split('@');
  return { name: name.toLowerCase(), target, raw };
}

/**
 * The region a misspelt name probably means ("asai" → asia), also when a bot's name is stuck to it
 * ("europe@OtherBot" → europe, as when a group's command menu adds the name).
 */
export function suggestFor(name: string): Region | undefined {
  return suggestRegion(name) ?? (name.includes('@') ? suggestRegion(name.slice(0, name.indexOf('@'))) : undefined);
}
