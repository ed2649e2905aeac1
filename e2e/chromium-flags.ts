/**
 * How Chromium is started here, for the end-to-end tests and the page-weight benchmark alike:
 * headless, and without the background connections this machine's closed network refuses.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
