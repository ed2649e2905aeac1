import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.ts';
import zhCN from './locales/zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'hy_lang';

function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const initial = savedLang();
// (no document under unit tests, which render in Node)
if (typeof document !== 'undefined') document.documentElement.lang = initial;

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI language; the choice is kept in localStorage. */
export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function toggleLang(): void {
  setLang(currentLang() === 'en' ? 'zh-CN' : 'en');
}

/** Lazy-loaded screens bring their own strings; they are merged into the one translation namespace. */
export function addTranslations(bundles: { 'zh-CN': object; en: object }): void {
  i18n.addResourceBundle('zh-CN', 'translation', bundles['zh-CN'], true, false);
  i18n.addResourceBundle('en', 'translation', bundles.en, true, false);
}

export default i18n;
