/** Stories /latest shows when no number is given. */
export const LATEST_DEFAULT = 5;
/** The most stories /latest shows at once. */
export const LATEST_MAX = 20;
/** Longest piece of a person's input echoed back in an answer ("No region '…'"), in characters. */
export const ECHO_MAX = 40;
