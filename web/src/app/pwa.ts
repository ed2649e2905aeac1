/**
 * Registers the service worker (web/public/sw.js) that keeps the member app's shell, so the app
 * is installable and opens on a poor network. Called when the member app is opened; registering
 * again is a no-op. Only in the production build: the dev server serves no sw.js.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // no worker (private mode, an old browser): the app works the same, without the offline shell
  });
}
