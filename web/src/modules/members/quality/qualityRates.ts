/** The four record-quality rates of PRODUCT.md, in the order they are shown. */
export const RATES = ['completenessRate', 'updateRate', 'photoRate', 'duesStandardRate'] as const;
