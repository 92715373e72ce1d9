import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { findByPostalCode } from './reference-repository.ts';
import { seedReferenceData } from './seed-reference.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.close());

test('all 396 municipalities and 53 Kreise are loaded, each with an authority', async () => {
  const count = async (table: 'municipalities' | 'kreise' | 'jurisdictions') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  assert.equal(await count('municipalities'), 396);
  assert.equal(await count('kreise'), 53);
  assert.equal(await count('jurisdictions'), 396);
});

test('a postal code maps to its municipality, Kreis and immigration authority', async () => {
  const [muenster] = await findByPostalCode(t.db, '48143');
  assert.equal(muenster?.name, 'Münster');
  assert.equal(muenster?.authorityName, 'Ausländerbehörde Münster');
  const ratingen = (await findByPostalCode(t.db, '40878'))[0];
  assert.equal(ratingen?.name, 'Ratingen');
  assert.equal(ratingen?.kreisName, 'Kreis Mettmann');
  assert.equal(ratingen?.authorityName, 'Ausländerbehörde Kreis Mettmann');
});

test('a postal code shared by two municipalities yields both; unknown and malformed yield none', async () => {
  const both = await findByPostalCode(t.db, '40472');
  assert.deepEqual(
    both.map((m) => m.name),
    ['Düsseldorf', 'Ratingen'],
  );
  assert.deepEqual(await findByPostalCode(t.db, '10115'), []);
  assert.deepEqual(await findByPostalCode(t.db, "40472' OR 1=1 --"), []);
});

test('seeding again keeps a jurisdiction the administrator changed', async () => {
  const ratingen = (await findByPostalCode(t.db, '40878'))[0];
  const duesseldorf = (await findByPostalCode(t.db, '40210'))[0];
  assert.ok(ratingen && duesseldorf);
  await t.db
    .updateTable('jurisdictions')
    .set({ authority_id: duesseldorf.authorityId })
    .where('municipality_ags', '=', ratingen.ags)
    .execute();
  const result = await seedReferenceData(t.db);
  assert.equal(result.jurisdictionsCreated, 0);
  const after = (await findByPostalCode(t.db, '40878'))[0];
  assert.equal(after?.authorityId, duesseldorf.authorityId);
});
