import type { Kysely } from 'kysely';
import type { AuthorityDirectory } from '../../application/ports.ts';
import type { Database } from './schema.ts';

export interface MunicipalityMatch {
  ags: string;
  name: string;
  kreisAgs: string;
  kreisName: string;
  authorityId: string;
  authorityName: string;
  authorityEmail: string | null;
}

/** Municipalities whose delivery area has this postal code, each with its responsible authority. */
export async function findByPostalCode(
  db: Kysely<Database>,
  postalCode: string,
): Promise<MunicipalityMatch[]> {
  if (!/^\d{5}$/.test(postalCode)) return [];
  return db
    .selectFrom('municipalities as m')
    .innerJoin('kreise as k', 'k.kreis_ags', 'm.kreis_ags')
    .innerJoin('jurisdictions as j', 'j.municipality_ags', 'm.ags')
    .innerJoin('organisations as o', 'o.id', 'j.authority_id')
    .select([
      'm.ags',
      'm.name',
      'k.kreis_ags as kreisAgs',
      'k.name as kreisName',
      'o.id as authorityId',
      'o.name as authorityName',
      'o.email as authorityEmail',
    ])
    .where((eb) => eb(eb.val(postalCode), '=', eb.fn.any('m.postal_codes')))
    .orderBy('m.name')
    .execute();
}

/** The AuthorityDirectory port over the reference tables. */
export function authorityDirectory(db: Kysely<Database>): AuthorityDirectory {
  return {
    async forPostalCode(postalCode) {
      const rows = await findByPostalCode(db, postalCode);
      return rows.map((r) => ({
        authorityId: r.authorityId,
        authorityName: r.authorityName,
        authorityEmail: r.authorityEmail,
        municipalityAgs: r.ags,
        municipalityName: r.name,
      }));
    },
  };
}
