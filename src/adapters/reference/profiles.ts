import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProcedureProfile, parseProfile } from '../../domain/rules/profile.ts';

export const PROFILES_DIR = fileURLToPath(new URL('../../../content/profiles/', import.meta.url));

export class ProfileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Verfahrensprofil ${file} ist ungültig:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ProfileError';
  }
}

/** Reads and validates a procedure profile file; a broken file names every problem in German. */
export async function loadProfileFile(file: string): Promise<ProcedureProfile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'Datei fehlt' : 'kein gültiges JSON';
    throw new ProfileError(file, [why]);
  }
  const parsed = parseProfile(json);
  if (!parsed.ok) throw new ProfileError(file, parsed.errors);
  return parsed.value;
}

/** The profile named by PROFILE (content/profiles/<id>.json). */
export function loadProfile(id: string, dir = PROFILES_DIR): Promise<ProcedureProfile> {
  return loadProfileFile(join(dir, `${id}.json`));
}
