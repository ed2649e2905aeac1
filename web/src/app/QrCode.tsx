import { create } from 'qrcode';
import { useMemo } from 'react';

/** A QR code as one SVG path (crisp at any print size), with the standard 4-module quiet zone. */
export function QrCode({ text, size, label }: { text: string; size: string; label: string }) {
  const { n, d } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let path = '';
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) path += `M${c + 4} ${r + 4}h1v1h-1z`;
    return { n: modules.size + 8, d: path };
  }, [text]);
  return (
    <svg
      viewBox={`0 0 ${n} ${n}`}
      width={size}
      height={size}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      className="hy-qr"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
