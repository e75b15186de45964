import { parseRule, type Rule } from './rule.js';

/** Distinct rule texts kept parsed; past this the cache starts over (100k chats share far fewer). */
const MAX_CACHED = 50_000;

/**
 * Rules from their stored texts (a chat's follows or mutes), each text parsed once: chats share
 * their follows' texts, and a digest pass reads every due chat's. A text that no longer parses
 * (never stored so; the parser may grow stricter) is left out.
 */
export function createRuleCache() {
  let parsed = new Map<string, Rule | null>();
  const EMPTY: readonly Rule[] = [];
  return {
    rules(texts: readonly string[] | undefined): readonly Rule[] {
      if (texts === undefined || texts.length === 0) return EMPTY;
      const out: Rule[] = [];
      for (const text of texts) {
        let rule = parsed.get(text);
        if (rule === undefined) {
          const result = parseRule(text);
          rule = result.kind === 'ok' ? result.rule : null;
          if (parsed.size >= MAX_CACHED) parsed = new Map();
          parsed.set(text, rule);
        }
        if (rule !== null) out.push(rule);
      }
      return out;
    },
  };
}
