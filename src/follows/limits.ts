/** Follows a chat may have at most, and mutes: enough for anyone's interests, and a bound on digest work per chat. */
export const MAX_FILTERS_PER_KIND = 50;
