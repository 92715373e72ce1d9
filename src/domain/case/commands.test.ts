import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  CHANNELS,
  COMMAND_TYPES,
  caseCommandSchema,
  receiveCommandSchema,
  recordExclusionReviewSchema,
  requestStatementSchema,
  settleOtherwiseSchema,
} from './commands.ts';

const german = { error: z.locales.de().localeError };

describe('command schemas (reused by web and API)', () => {
  it('know every command type once', () => {
    assert.equal(new Set(COMMAND_TYPES).size, COMMAND_TYPES.length);
    assert.equal(COMMAND_TYPES.length, 18);
    assert.equal(COMMAND_TYPES[0], 'startPreCheck');
  });

  it('parse a valid command and drop unknown fields', () => {
    const parsed = caseCommandSchema.parse({ type: 'reopen', reasons: 'Neue Tatsachen.', extra: 1 });
    assert.deepEqual(parsed, { type: 'reopen', reasons: 'Neue Tatsachen.' });
  });

  it('record whether the pre-screening committee took the pre-check decision', () => {
    const parsed = caseCommandSchema.parse({ type: 'takeUp', decidedBy: 'pre_screening_committee' });
    assert.deepEqual(parsed, { type: 'takeUp', decidedBy: 'pre_screening_committee' });
    assert.deepEqual(caseCommandSchema.parse({ type: 'notTakeUp', reasons: 'Ausschlussgrund.' }), {
      type: 'notTakeUp',
      reasons: 'Ausschlussgrund.',
    });
    assert.equal(caseCommandSchema.safeParse({ type: 'takeUp', decidedBy: 'kommission' }).success, false);
  });

  it('answer in German', () => {
    const unknown = caseCommandSchema.safeParse({ type: 'abschieben' }, german);
    assert.equal(unknown.error?.issues[0]?.message, 'Unbekannter Verfahrensschritt.');
    const due = requestStatementSchema.safeParse({ type: 'requestStatement', dueAt: 'morgen' }, german);
    assert.match(due.error?.issues[0]?.message ?? '', /JJJJ-MM-TT/);
    const ground = settleOtherwiseSchema.safeParse({ type: 'settleOtherwise', ground: 'x' }, german);
    assert.match(ground.error?.issues[0]?.message ?? '', /erledigt/);
    const channel = receiveCommandSchema.safeParse(
      { type: 'receive', caseId: 'HFK-1', channel: 'brieftaube' },
      german,
    );
    assert.match(channel.error?.issues[0]?.message ?? '', /Eingangsweg/);
    const tooLong = caseCommandSchema.safeParse({ type: 'notTakeUp', reasons: 'x'.repeat(20_001) }, german);
    assert.match(tooLong.error?.issues[0]?.message ?? '', /zu lang/);
  });

  it('leave the rules to the guards: empty reasons are well-formed', () => {
    assert.ok(caseCommandSchema.safeParse({ type: 'notTakeUp', reasons: '' }).success);
    assert.ok(caseCommandSchema.safeParse({ type: 'takeUp' }).success);
  });

  it('bound the exclusion review and accept every channel', () => {
    const many = Array.from({ length: 51 }, (_, i) => `g${i}`);
    const review = {
      type: 'recordExclusionReview',
      catalogueVersion: 'v1',
      mandatoryGrounds: many,
      asARuleGrounds: [],
    };
    assert.ok(!recordExclusionReviewSchema.safeParse(review).success);
    const noted = (notes: unknown) =>
      recordExclusionReviewSchema.safeParse({ ...review, mandatoryGrounds: [], notes }).success;
    assert.ok(noted([{ groundId: 'g1', note: 'Keine Straftat im Bundeszentralregister.' }]));
    assert.ok(!noted([{ groundId: 'g1', note: '   ' }]), 'an empty note');
    assert.ok(!noted([{ groundId: 'g1', note: 'x'.repeat(2001) }]), 'a note too long');
    assert.ok(
      !noted([
        { groundId: 'g1', note: 'a' },
        { groundId: 'g1', note: 'b' },
      ]),
      'two notes on one ground',
    );
    for (const channel of CHANNELS) {
      assert.ok(receiveCommandSchema.safeParse({ type: 'receive', caseId: 'HFK-1', channel }).success);
    }
  });
});
