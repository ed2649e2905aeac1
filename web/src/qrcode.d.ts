// The part of `qrcode` (which ships no types) that the study-card sheet uses: the symbol's modules,
// drawn as SVG by web/src/modules/members/QrCode.tsx so that printed cards stay sharp.
declare module 'qrcode' {
  export type QRCodeSymbol = {
    modules: { size: number; data: Uint8Array | boolean[]; get(row: number, col: number): boolean | number };
  };
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): QRCodeSymbol;
}
