/** The online application's texts in the page language, German where a translation is missing. */
import { wizardAr } from '../../../../content/messages/wizard/ar.ts';
import {
  type PartialWizardCatalog,
  type WizardKey,
  wizardDe,
} from '../../../../content/messages/wizard/de.ts';
import { wizardEn } from '../../../../content/messages/wizard/en.ts';
import type { Lang } from '../../i18n.ts';

const CATALOGS: Record<Lang, PartialWizardCatalog> = { de: wizardDe, en: wizardEn, ar: wizardAr };

export type WizardText = (key: WizardKey, vars?: Record<string, string | number>) => string;

/** Looks up a text and fills `{name}` placeholders. */
export function wizardText(lang: Lang): WizardText {
  const catalog = CATALOGS[lang];
  return (key, vars) => {
    const text = catalog[key] ?? wizardDe[key] ?? String(key);
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}
