/** Query parameters that only track the reader; they never change which article a URL names. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'ysclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid',
  'ocid', 'cmpid', 'cmp', 'ref', 'ref_src', 'ref_url', 'referrer', 'src', 'spm', 'share', 'smid', 'smtyp',
  '_ga', '_gl', '_hsenc', '_hsmi', 'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee',
  'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', 'rss', 'rssfeed', 'from', 'feature',
  // Feed-click markers outlets add to every item link (Al Jazeera, Reuters, Webtrends, AT Internet, Yahoo).
  'traffic_source', 'taid', 'wt_mc', 'wt_zmc', 'xtor', 'guccounter', 'guce_referrer', 'guce_referrer_sig',
]);

/**
 * The canonical form of an article URL, so one article is one row: scheme and host lower-cased,
 * default port, fragment and tracking parameters (`utm_*`, `fbclid`, ...) removed. Returns null for
 * anything that is not an absolute http(s) URL.
 */
export function normaliseUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) {
    const k = key.toLowerCase();
    if (k.startsWith('utm_') || k.startsWith('utm-') || TRACKING_PARAMS.has(k)) url.searchParams.delete(key);
  }
  // URL already lower-cases scheme and host and drops default ports; keep an empty query out.
  let out = url.toString();
  if (url.search === '' && out.endsWith('?')) out = out.slice(0, -1);
  return out;
}
