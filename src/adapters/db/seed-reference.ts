import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadKreise, loadMunicipalities, REFERENCE_DIR } from '../reference/load.ts';
import type { Database } from './schema.ts';

export interface SeedResult {
  kreise: number;
  municipalities: number;
  authoritiesCreated: number;
  jurisdictionsCreated: number;
}

/**
 * Loads the NRW Kreise and municipalities and gives every municipality without one the
 * immigration authority of its Kreis. Idempotent: existing rows and any jurisdiction the
 * administrator changed (e.g. a large town with its own authority) are left alone.
 */
export async function seedReferenceData(db: Kysely<Database>, dir = REFERENCE_DIR): Promise<SeedResult> {
  const [kreise, municipalities] = await Promise.all([loadKreise(dir), loadMunicipalities(dir)]);
  return db.transaction().execute(async (trx) => {
    const counts = await trx
      .selectNoFrom((eb) => [
        eb
          .selectFrom('municipalities')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('m'),
        eb
          .selectFrom('jurisdictions')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('j'),
      ])
      .executeTakeFirstOrThrow();
    if (Number(counts.m) === municipalities.length && Number(counts.j) === municipalities.length) {
      return {
        kreise: kreise.length,
        municipalities: municipalities.length,
        authoritiesCreated: 0,
        jurisdictionsCreated: 0,
      };
    }
    for (const k of kreise) {
      const row = {
        kreis_ags: k.kreisAgs,
        name: k.name,
        name_official: k.nameOfficial,
        kind: k.kind,
        regierungsbezirk: k.regierungsbezirk,
      };
      await trx
        .insertInto('kreise')
        .values(row)
        .onConflict((oc) => oc.column('kreis_ags').doUpdateSet(row))
        .execute();
    }
    for (const m of municipalities) {
      const row = {
        ags: m.ags,
        name: m.name,
        name_official: m.nameOfficial,
        kind: m.kind,
        kreis_ags: m.kreisAgs,
        postal_codes: m.postalCodes,
      };
      await trx
        .insertInto('municipalities')
        .values(row)
        .onConflict((oc) => oc.column('ags').doUpdateSet(row))
        .execute();
    }
    const existing = await trx
      .selectFrom('organisations')
      .select(['id', 'kreis_ags'])
      .where('kind', '=', 'immigration_authority')
      .where('kreis_ags', 'is not', null)
      .execute();
    const authorityByKreis = new Map(existing.map((o) => [o.kreis_ags, o.id]));
    let authoritiesCreated = 0;
    for (const k of kreise) {
      if (authorityByKreis.has(k.kreisAgs)) continue;
      const id = randomUUID();
      await trx
        .insertInto('organisations')
        .values({
          id,
          kind: 'immigration_authority',
          name: `Ausländerbehörde ${k.name}`,
          email: null,
          kreis_ags: k.kreisAgs,
        })
        .execute();
      authorityByKreis.set(k.kreisAgs, id);
      authoritiesCreated++;
    }
    const assigned = new Set(
      (await trx.selectFrom('jurisdictions').select('municipality_ags').execute()).map(
        (j) => j.municipality_ags,
      ),
    );
    const missing = municipalities
      .filter((m) => !assigned.has(m.ags))
      .map((m) => {
        const authorityId = authorityByKreis.get(m.kreisAgs);
        if (!authorityId) throw new Error(`Keine Ausländerbehörde für Kreis ${m.kreisAgs}.`);
        return { municipality_ags: m.ags, authority_id: authorityId };
      });
    if (missing.length > 0) await trx.insertInto('jurisdictions').values(missing).execute();
    return {
      kreise: kreise.length,
      municipalities: municipalities.length,
      authoritiesCreated,
      jurisdictionsCreated: missing.length,
    };
  });
}
