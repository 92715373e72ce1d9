/** Shared helpers for the service-info tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServiceDescriptionLanguage } from './schema.ts';

/** The repository's `content/` folder. */
export const CONTENT_DIR = fileURLToPath(new URL('../../../../content/', import.meta.url));

/** The raw (unvalidated) JSON of one language file. */
export function readRawDescription(lang: ServiceDescriptionLanguage): unknown {
  return JSON.parse(readFileSync(`${CONTENT_DIR}service-description/${lang}.json`, 'utf8'));
}
