// Dates as people type them: one reading for the import and every date box of the web.

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' when y-m-d is a real calendar day in 1900–2199, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2199 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date typed or kept as text, in the forms a department's records use: 2005-06-01, 2005/6/1,
 * 2005.06.01, 2005年6月1日, 20050601 (spaces around the separators allowed). The import reads cells
 * with it and the web's date boxes read what is typed with it, so a form accepts what a workbook
 * does. 'YYYY-MM-DD', or null when it is not a real day.
 */
export function parseDateText(text: string): string | null {
  const s = text.trim();
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
