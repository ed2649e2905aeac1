import { useSyncExternalStore } from 'react';

/**
 * 长辈版 (elder mode, PRODUCT.md 适老化): bigger type, bigger targets, fewer items, for this device.
 * Remembered in localStorage and in a cookie of the same name: the cookie lets the server-rendered
 * portal (/) honour it too, and /elder.js (web/public) puts the class on <html> before the first
 * paint from either, so a page never flashes small first.
 */
export const ELDER_KEY = 'hy_elder';
export const ELDER_CLASS = 'hy-elder';
const YEAR_S = 365 * 24 * 3600;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** On when the cookie says so, or (no cookie: cleared, or blocked) when localStorage does. */
export function elderFrom(cookie: string, stored: string | null): boolean {
  const m = /(?:^|;\s*)hy_elder=([01])/.exec(cookie);
  return m ? m[1] === '1' : stored === '1';
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // private mode with storage denied: the cookie alone
  }
}

export function isElder(): boolean {
  if (typeof document === 'undefined') return false;
  return document.documentElement.classList.contains(ELDER_CLASS);
}

const listeners = new Set<() => void>();

/** Turns elder mode on or off for this device, at once (no reload). */
export function setElder(on: boolean): void {
  try {
    storage()?.setItem(ELDER_KEY, on ? '1' : '0');
  } catch {
    // storage full or denied: the cookie still remembers it
  }
  document.cookie = `${ELDER_KEY}=${on ? 1 : 0}; path=/; max-age=${YEAR_S}; samesite=lax`;
  document.documentElement.classList.toggle(ELDER_CLASS, on);
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Whether elder mode is on, re-rendering when it is switched. */
export function useElder(): boolean {
  return useSyncExternalStore(subscribe, isElder, () => false);
}
