import { matchText, type Rule, ruleMatches } from './rule.js';

/**
 * Whether a story is muted by any of `mutes`, read from its headline and lead (what a person sees
 * of it); undefined when there are no mutes, so callers skip the check.
 */
export function mutedBy(mutes: readonly Rule[]): ((story: { headline: string; lead: string }) => boolean) | undefined {
  if (mutes.length === 0) return undefined;
  return (story) => {
    const text = matchText(story.headline, story.lead);
    return mutes.some((rule) => ruleMatches(rule, text));
  };
}
