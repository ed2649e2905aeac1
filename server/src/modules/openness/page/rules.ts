/**
 * Rules of an org's page as a whole.
 *
 * Issue 13, "Org page": "The superior org sees which of its orgs have kept their page up
 * (introduction filled, an update this month)". The SQL of kept-up.ts computes the same test over
 * many orgs at once from the stored flag (org_pages.introduction_filled) and the month's updates;
 * kept-up.test.ts checks the two agree.
 */
export function keptUp(introductionFilled: boolean, updatesThisMonth: number): boolean {
  return introductionFilled && updatesThisMonth > 0;
}

/**
 * Issue 13: public pages are "fast, cacheable, readable on a cheap phone". A public page may be
 * a minute old in a cache; after that the client revalidates with its ETag (a 304 when unchanged).
 */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/** Pictures never change under their token: cached for a day. */
export const IMAGE_MAX_AGE_SECONDS = 86_400;
