/**
 * Content-Disposition for a file sent to the browser: `attachment` (a download) or `inline` (a
 * picture shown), with filename="…" in ASCII and filename*=UTF-8''… (RFC 6266), so Chinese names
 * survive every browser. (The members module's Excel routes keep their own copy, `attachment` in
 * members/excel/columns.ts, for now.)
 */
export function contentDisposition(fileName: string, how: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
