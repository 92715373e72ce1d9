import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import { type ExclusionFinding, reviewExclusions, validateExclusionFindings } from './exclusion.ts';

const nrw = loadNrw();
const catalogue = nrw.exclusionGrounds;
const ids = catalogue.grounds.map((g) => g.id);

/** Every ground checked and not applying, with some grounds replaced. */
function findings(overrides: Record<string, Partial<ExclusionFinding>> = {}): ExclusionFinding[] {
  return ids.map((groundId) => ({ groundId, applies: false, ...overrides[groundId] }));
}

describe('reviewExclusions (NRW catalogue)', () => {
  it('nothing checked yet: incomplete, every ground unchecked, nothing blocks yet', () => {
    const review = reviewExclusions(catalogue, []);
    assert.equal(review.status, 'incomplete');
    assert.equal(review.complete, false);
    assert.deepEqual(review.unchecked, ids);
    assert.equal(review.blocksTakingUp, false);
  });

  it('applies: null counts as not yet checked', () => {
    const review = reviewExclusions(catalogue, findings({ serious_offences: { applies: null } }));
    assert.equal(review.status, 'incomplete');
    assert.deepEqual(review.unchecked, ['serious_offences']);
  });

  it('all grounds checked, none applies: clear', () => {
    const review = reviewExclusions(catalogue, findings());
    assert.equal(review.status, 'clear');
    assert.equal(review.complete, true);
    assert.equal(review.blocksTakingUp, false);
    assert.deepEqual(review.errors, []);
  });

  it('a mandatory ground applies: excluded, even while other grounds are unchecked', () => {
    const review = reviewExclusions(catalogue, [{ groundId: 'not_obliged_to_leave', applies: true }]);
    assert.equal(review.status, 'excluded');
    assert.deepEqual(review.mandatoryApplying, ['not_obliged_to_leave']);
    assert.equal(review.blocksTakingUp, true);
  });

  it('an as-a-rule ground applies without override: blocked', () => {
    const review = reviewExclusions(catalogue, findings({ deportation_date_fixed: { applies: true } }));
    assert.equal(review.status, 'blocked');
    assert.deepEqual(review.asARuleBlocking, ['deportation_date_fixed']);
    assert.equal(review.blocksTakingUp, true);
  });

  it('an as-a-rule ground overridden with reasons no longer blocks', () => {
    const review = reviewExclusions(
      catalogue,
      findings({
        serious_offences: {
          applies: true,
          overridden: true,
          overrideReasons: 'Einzelne Verurteilung vor 12 Jahren, seither straffrei; Bewährung erfolgreich.',
        },
      }),
    );
    assert.equal(review.status, 'clear');
    assert.deepEqual(review.asARuleOverridden, ['serious_offences']);
    assert.deepEqual(review.asARuleBlocking, []);
    assert.equal(review.blocksTakingUp, false);
  });

  it('refuses an override without reasons (also blank ones); the ground keeps blocking', () => {
    for (const overrideReasons of [undefined, '', '   \n']) {
      const review = reviewExclusions(
        catalogue,
        findings({ serious_offences: { applies: true, overridden: true, overrideReasons } }),
      );
      assert.equal(review.status, 'invalid');
      assert.deepEqual(review.asARuleBlocking, ['serious_offences']);
      assert.equal(review.blocksTakingUp, true);
      assert.equal(review.errors.length, 1);
      assert.match(
        review.errors[0] ?? '',
        /Straftaten von erheblichem Gewicht.*braucht eine schriftliche Begründung/,
      );
    }
  });

  it('refuses an override of a mandatory ground, even with reasons', () => {
    const review = reviewExclusions(
      catalogue,
      findings({
        deportation_order_58a: { applies: true, overridden: true, overrideReasons: 'Besondere Umstände.' },
      }),
    );
    assert.equal(review.status, 'invalid');
    assert.deepEqual(review.mandatoryApplying, ['deportation_order_58a']);
    assert.equal(review.blocksTakingUp, true);
    assert.match(review.errors.join('\n'), /§ 58a AufenthG.*ist zwingend; eine Ausnahme ist nicht möglich/);
  });

  it('refuses an unknown ground id, naming it and the catalogue version', () => {
    const errors = validateExclusionFindings(catalogue, [{ groundId: 'dublin_case', applies: true }]);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /Unbekannter Ausschlussgrund „dublin_case“.*HFKVO-NRW/);
    assert.equal(
      reviewExclusions(catalogue, findings({}).concat({ groundId: 'x', applies: false })).status,
      'invalid',
    );
  });

  it('refuses two findings on the same ground, reading them cautiously', () => {
    const review = reviewExclusions(catalogue, [
      ...findings(),
      { groundId: 'not_in_germany', applies: true },
    ]);
    assert.equal(review.status, 'invalid');
    assert.match(review.errors.join(), /mehrere Feststellungen/);
    assert.deepEqual(review.mandatoryApplying, ['not_in_germany']);
  });

  it('refuses an override of a ground that does not apply', () => {
    const errors = validateExclusionFindings(
      catalogue,
      findings({
        entry_ban_11: { applies: false, overridden: true, overrideReasons: 'Ausreise unmöglich.' },
      }),
    );
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /setzt voraus, dass er festgestellt ist/);
  });

  it('refuses an override of an as-a-rule ground the catalogue marks as not overridable', () => {
    const strict = {
      ...catalogue,
      grounds: catalogue.grounds.map((g) => (g.id === 'entry_ban_11' ? { ...g, overridable: false } : g)),
    };
    const f = findings({ entry_ban_11: { applies: true, overridden: true, overrideReasons: 'Gründe.' } });
    assert.match(validateExclusionFindings(strict, f).join(), /keine Ausnahme gemacht werden/);
    assert.deepEqual(reviewExclusions(strict, f).asARuleBlocking, ['entry_ban_11']);
  });
});

describe('the two-thirds profile brings its own grounds without code changes', () => {
  const x = loadTwoThirds().exclusionGrounds;

  it('its extra mandatory ground excludes a case there, and is unknown to NRW', () => {
    const f: ExclusionFinding[] = [{ groundId: 'stay_under_18_months', applies: true }];
    assert.equal(reviewExclusions(x, f).status, 'excluded');
    assert.equal(reviewExclusions(catalogue, f).status, 'invalid');
  });

  it('its extra as-a-rule ground blocks and can be overridden with reasons', () => {
    const base = x.grounds.map((g) => ({ groundId: g.id, applies: false }) as ExclusionFinding);
    const blocked = base.map((f) => (f.groundId === 'dublin_case' ? { ...f, applies: true } : f));
    assert.equal(reviewExclusions(x, blocked).status, 'blocked');
    const overridden = blocked.map((f) =>
      f.groundId === 'dublin_case'
        ? { ...f, overridden: true, overrideReasons: 'Überstellungsfrist abgelaufen.' }
        : f,
    );
    assert.equal(reviewExclusions(x, overridden).status, 'clear');
  });
});

describe('reviewExclusions properties', () => {
  const reasons = fc.constantFrom(undefined, '', '  ', 'Begründung liegt vor.');
  const finding = (groundId: string) =>
    fc.record({
      groundId: fc.constant(groundId),
      applies: fc.constantFrom(true, false, null),
      overridden: fc.boolean(),
      overrideReasons: reasons,
    });
  const someFindings = fc
    .subarray(ids)
    .chain((chosen) => fc.tuple(...chosen.map(finding)).map((t): ExclusionFinding[] => t));

  it('clear only if complete, valid, and no mandatory ground applies and every applying as-a-rule ground is overridden with reasons', () => {
    fc.assert(
      fc.property(someFindings, (fs) => {
        const review = reviewExclusions(catalogue, fs);
        const expectedClear =
          fs.length === ids.length &&
          fs.every((f) => {
            const g = catalogue.grounds.find((c) => c.id === f.groundId);
            if (f.applies === null || !g) return false;
            if (f.overridden)
              return g.severity === 'as_a_rule' && f.applies && (f.overrideReasons ?? '').trim() !== '';
            return !f.applies;
          });
        assert.equal(review.status === 'clear', expectedClear);
        assert.equal(review.blocksTakingUp, review.status !== 'clear' && review.status !== 'incomplete');
      }),
    );
  });

  it('a mandatory ground that applies always blocks taking up', () => {
    const mandatoryIds = catalogue.grounds.filter((g) => g.severity === 'mandatory').map((g) => g.id);
    fc.assert(
      fc.property(someFindings, fc.constantFrom(...mandatoryIds), (fs, id) => {
        const withMandatory = fs.filter((f) => f.groundId !== id).concat({ groundId: id, applies: true });
        const review = reviewExclusions(catalogue, withMandatory);
        assert.ok(review.mandatoryApplying.includes(id));
        assert.equal(review.blocksTakingUp, true);
      }),
    );
  });
});
