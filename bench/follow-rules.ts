import { type Rng, followableWords, nameOfRank } from './data.js';

/** Follows and mutes per chat in the digest scenario's second pass (issue 11's case). */
export const RULES_PER_KIND = 20;

/**
 * A chat's follows and mutes as people write them, over the generated headlines' vocabulary: mostly
 * proper names (a log-uniform rank over the 20,000 Zipf-distributed names, so most are specific and
 * a few recur daily), one prefix (a name's first letters and *), a few places (each in about 1% of
 * headlines: hundreds of stories a day at full size), and for one chat in four a quoted topic phrase
 * (in about one story in eight: thousands a day, the heaviest kind of rule).
 */
export function followRules(r: Rng): { follows: string[]; mutes: string[] } {
  const { places, topics } = followableWords();
  const name = () => nameOfRank(Math.floor(Math.exp(r.next() * Math.log(20_000))) + 4);
  const draw = (placeCount: number): string[] => {
    const out = new Set<string>();
    for (let i = 0; i < placeCount; i++) out.add(r.pick(places));
    if (r.next() < 0.25) out.add(`"${r.pick(topics)}"`);
    out.add(`${name().slice(0, 4)}*`);
    while (out.size < RULES_PER_KIND) out.add(name());
    return [...out];
  };
  return { follows: draw(2), mutes: draw(1) };
}
