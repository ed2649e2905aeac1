// 长辈版 before the first paint (web/src/app/elder.ts keeps the same rule): a class on <html> from
// the cookie, or localStorage when there is no cookie. A file, not inline: the CSP allows no inline script.
(() => {
  let on = false;
  try {
    const m = /(?:^|;\s*)hy_elder=([01])/.exec(document.cookie);
    on = m ? m[1] === '1' : window.localStorage.getItem('hy_elder') === '1';
  } catch {
    // storage denied: the standard mode
  }
  if (on) document.documentElement.classList.add('hy-elder');
})();
