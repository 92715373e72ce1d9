import { ar } from '../../content/messages/ar.ts';
import { type Catalog, de, type MessageKey } from '../../content/messages/de.ts';
import { en } from '../../content/messages/en.ts';

export const LANGUAGES = {
  de: { name: 'Deutsch', dir: 'ltr', catalog: de },
  en: { name: 'English', dir: 'ltr', catalog: en },
  ar: { name: 'العربية', dir: 'rtl', catalog: ar },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; catalog: Catalog }>;

export type Lang = keyof typeof LANGUAGES;
export type Translate = (key: MessageKey) => string;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

/** The language for a request: an explicit choice, else the cookie, else German. */
export function pickLang(query: unknown, cookie: unknown): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  return 'de';
}

/** A lookup function for one language; German fills any gap. */
export function translator(lang: Lang): Translate {
  const catalog: Catalog = LANGUAGES[lang].catalog;
  return (key) => catalog[key] ?? de[key];
}
