import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LETTERHEADS, type Letterhead } from '../../../content/letters/letterhead.ts';
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

/** The profile named by PROFILE: `<id>.json` in PROFILES_DIR (default content/profiles), whose id it must carry. */
export async function loadProfile(id: string, dir: string | null = PROFILES_DIR): Promise<ProcedureProfile> {
  const file = join(dir ?? PROFILES_DIR, `${id}.json`);
  const profile = await loadProfileFile(file);
  if (profile.id !== id) throw new ProfileError(file, [`enthält das Profil „${profile.id}“ statt „${id}“`]);
  return profile;
}

const line = z.string().trim().min(1, 'darf nicht leer sein').max(200, 'ist zu lang (höchstens 200 Zeichen)');
const letterheadSchema = z.strictObject({
  officeName: line,
  lines: z.array(line).max(6),
  contact: z.array(line).max(4),
  returnAddress: line,
  place: line,
  signature: z.array(line).min(1).max(4),
  footer: z.string().trim().min(1).max(600),
  toBeConfirmedByOffice: z.boolean(),
});

/**
 * The sender of the profile's letters: `<id>.letterhead.json` beside the profile if there is one, else
 * the letterhead shipped for it (content/letters/letterhead.ts); without either the start fails.
 */
export async function loadLetterhead(id: string, dir: string | null = PROFILES_DIR): Promise<Letterhead> {
  const file = join(dir ?? PROFILES_DIR, `${id}.letterhead.json`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ProfileError(file, ['kein gültiges JSON']);
    const shipped = LETTERHEADS[id];
    if (shipped) return shipped;
    throw new ProfileError(file, ['Datei fehlt, und für dieses Profil ist kein Briefkopf mitgeliefert']);
  }
  const parsed = letterheadSchema.safeParse(json);
  if (!parsed.success)
    throw new ProfileError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(Briefkopf)'}: ${i.message}`),
    );
  return parsed.data;
}
