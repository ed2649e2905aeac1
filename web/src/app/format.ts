/** Money travels in fen (integers); people read yuan with two decimals: 1250 → ¥12.50. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan typed into a form (12.5) → fen (1250), rounded to the fen. */
export const toFen = (yuanAmount: number): number => Math.round(yuanAmount * 100);
export const toYuan = (fen: number): number => fen / 100;
