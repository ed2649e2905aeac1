/**
 * A one-page PDF of Chinese text, for the demo library's documents (seed.ts): no font is embedded —
 * the text is set in STSong-Light, one of the standard Chinese fonts every PDF viewer supplies
 * (Adobe-GB1, UCS-2 code points), so the file stays a few kilobytes.
 */
export function demoPdf(title: string, lines: readonly string[]): Buffer {
  const hex = (s: string) =>
    `<${[...s].map((c) => (c.codePointAt(0)! > 0xffff ? '' : c.codePointAt(0)!.toString(16).padStart(4, '0'))).join('')}>`;
  const wrap = (s: string, width: number) => {
    const chars = [...s];
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
    return out;
  };
  const text = [
    'BT',
    '/F1 22 Tf',
    '56 770 Td',
    `${hex(title)} Tj`,
    '/F1 13 Tf',
    '0 -40 Td',
    ...lines.flatMap((l) => [...wrap(l, 36), ''].map((w) => `${w ? `${hex(w)} Tj ` : ''}0 -22 Td`)),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
