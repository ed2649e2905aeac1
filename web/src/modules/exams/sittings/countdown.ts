// The sitting's clock. A phone's clock may be minutes wrong (or set wrong on purpose), so the page
// never counts down from its own time: it takes the server's time at load (Attempt.serverNow) and
// keeps only the difference to the device clock, which stays right while the device clock runs.

/** How far the server's clock is ahead of this device's (ms), from the moment an answer arrived. */
export function clockOffset(serverNow: string, receivedAt: number): number {
  const server = Date.parse(serverNow);
  return Number.isFinite(server) ? server - receivedAt : 0;
}

/** Milliseconds left until `dueAt` on the server's clock (never below 0). */
export function remainingMs(dueAt: string, offset: number, deviceNow: number): number {
  return Math.max(0, Date.parse(dueAt) - (deviceNow + offset));
}

/** 59:07, 1:02:03: what is left, in whole seconds rounded up (0:00 only once time is really up). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The last five minutes are shown in red and announced once (screen readers, elder mode). */
export const HURRY_MS = 5 * 60_000;
