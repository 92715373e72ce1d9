import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  SERVICE_DESCRIPTION_LANGUAGES,
  type ServiceDescription,
  type ServiceDescriptionLanguage,
  serviceDescriptionSchema,
} from './schema.ts';

/**
 * Reads and validates `<contentDir>/service-description/<lang>.json`.
 * Throws an Error naming the file (and the schema issues) when it is missing, not JSON or invalid,
 * so that the application refuses to start with broken content. Falling back to 'de' for an
 * unsupported language is the caller's business.
 */
export async function loadServiceDescription(
  contentDir: string,
  lang: ServiceDescriptionLanguage,
): Promise<ServiceDescription> {
  // Guard against arbitrary strings reaching the path at runtime.
  if (!(SERVICE_DESCRIPTION_LANGUAGES as readonly string[]).includes(lang)) {
    throw new Error(`Unbekannte Sprache für die Leistungsbeschreibung: ${JSON.stringify(lang)}`);
  }
  const file = join(contentDir, 'service-description', `${lang}.json`);

  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (cause) {
    throw new Error(`Leistungsbeschreibung ${file} kann nicht gelesen werden`, { cause });
  }

  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Leistungsbeschreibung ${file} ist kein gültiges JSON: ${detail}`, { cause });
  }

  const result = serviceDescriptionSchema.safeParse(data);
  if (!result.success) {
    throw new Error(`Leistungsbeschreibung ${file} ist ungültig:\n${z.prettifyError(result.error)}`, {
      cause: result.error,
    });
  }
  if (result.data.language !== lang) {
    throw new Error(
      `Leistungsbeschreibung ${file} ist ungültig: language ist „${result.data.language}“, erwartet „${lang}“`,
    );
  }
  return result.data;
}
