import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import type { ProcedureProfile } from '../rules/profile.ts';
import { caseCommandsFor, type DecisionForm, decideAgendaItem } from './meeting.ts';
import { checkSessionPlan, sessionDayReached } from './planning.ts';
import { checkQuorum, type Quorum } from './quorum.ts';

const nrw = loadNrw();
const landX = loadTwoThirds();

function quorum(seated: number, present: number, profile: ProcedureProfile = nrw): Quorum {
  const r = checkQuorum(
    Array.from({ length: seated }, (_, i) => ({ memberId: `m${i}`, memberPresent: i < present })),
    profile,
  );
  assert.ok(r.ok);
  return r.value;
}

const form = (over: Partial<DecisionForm> = {}): DecisionForm => ({
  kind: 'vote',
  yes: '',
  no: '',
  abstain: '',
  reasons: '',
  recommendationText: '',
  recommendationYes: '',
  recommendationNo: '',
  recommendationAbstain: '',
  ...over,
});

function decided(f: DecisionForm, q: Quorum, profile = nrw) {
  const r = decideAgendaItem(f, q, profile);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.value;
}
function refused(f: DecisionForm, q: Quorum, profile = nrw) {
  const r = decideAgendaItem(f, q, profile);
  assert.equal(r.ok, false, 'must be refused');
  return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
}

describe('decideAgendaItem', () => {
  it('a request needs the quorum, the majority and the reasons', () => {
    assert.match(
      refused(form({ yes: '3', no: '0' }), quorum(7, 3)).join(),
      /votes: Die Kommission ist nicht beschlussfähig: 3 von mindestens 4/,
    );
    assert.match(
      refused(form({ yes: '3', no: '1' }), quorum(7, 4)).join(),
      /reasons: Die Gründe für das Härtefallersuchen/,
    );
    const d = decided(
      form({ yes: '3', no: '1', reasons: ' Lange Aufenthaltsdauer.\r\n\r\nSchulbesuch. ' }),
      quorum(7, 4),
    );
    assert.equal(d.outcome, 'hardship_request');
    assert.equal(d.reasons, 'Lange Aufenthaltsdauer.\n\nSchulbesuch.');
    assert.equal(d.requiredYes, 3);
    assert.deepEqual(d.quorum, { present: 4, required: 4, seated: 7 });
    assert.deepEqual(caseCommandsFor(d, 's1'), [
      { type: 'decideHardshipRequest', sessionId: 's1', reasons: 'Lange Aufenthaltsdauer.\n\nSchulbesuch.' },
      { type: 'sendRequest' },
    ]);
  });

  it('the same counts decide differently under the two-thirds profile', () => {
    const f = form({ yes: '3', no: '2', reasons: 'Gründe' });
    assert.equal(decided(f, quorum(7, 5)).outcome, 'hardship_request');
    assert.equal(decided(f, quorum(7, 5, landX), landX).outcome, 'no_request');
  });

  it('no request (a tie) may come with a recommendation voted on separately', () => {
    const d = decided(
      form({
        yes: '2',
        no: '2',
        recommendationText: 'Die Kommission empfiehlt eine Ausbildungsduldung.',
        recommendationYes: '3',
        recommendationNo: '1',
      }),
      quorum(7, 4),
    );
    assert.equal(d.outcome, 'no_request');
    assert.equal(d.recommendation?.adopted, true);
    assert.deepEqual(caseCommandsFor(d, 's1'), [
      {
        type: 'decideNoRequest',
        sessionId: 's1',
        recommendation: { text: 'Die Kommission empfiehlt eine Ausbildungsduldung.' },
      },
      { type: 'close' },
    ]);
    const rejected = decided(
      form({
        yes: '1',
        no: '3',
        recommendationText: 'Empfehlung',
        recommendationYes: '2',
        recommendationNo: '2',
      }),
      quorum(7, 4),
    );
    assert.ok(rejected.outcome === 'no_request');
    assert.equal(rejected.recommendation?.adopted, false, 'a tie adopts no recommendation');
    assert.deepEqual(caseCommandsFor(rejected, 's1')[0], { type: 'decideNoRequest', sessionId: 's1' });
  });

  it('refuses a recommendation beside a request, without its wording or votes, and where the profile has none', () => {
    assert.match(
      refused(
        form({ yes: '4', reasons: 'x', recommendationText: 'E', recommendationYes: '4' }),
        quorum(7, 4),
      ).join(),
      /recommendationText: Eine Empfehlung gibt es nur/,
    );
    assert.match(
      refused(form({ yes: '1', no: '3', recommendationYes: '3' }), quorum(7, 4)).join(),
      /recommendationText: Bitte geben Sie den Wortlaut/,
    );
    assert.match(
      refused(form({ yes: '1', no: '3', recommendationText: 'E' }), quorum(7, 4)).join(),
      /recommendationVotes: Bitte tragen Sie ein/,
    );
    assert.match(
      refused(
        form({ yes: '1', no: '3', recommendationText: 'E', recommendationYes: '9' }),
        quorum(7, 4),
      ).join(),
      /recommendationVotes: Es sind 9 Stimmen/,
    );
    assert.match(
      refused(
        form({ yes: '1', no: '4', recommendationText: 'E', recommendationYes: '5' }),
        quorum(7, 5, landX),
        landX,
      ).join(),
      /keine Empfehlung ohne Härtefallersuchen/,
    );
  });

  it('refuses missing, wordy and impossible counts with German messages', () => {
    assert.match(refused(form(), quorum(7, 4)).join(), /votes: Bitte tragen Sie ein, wie viele/);
    assert.match(refused(form({ yes: 'drei' }), quorum(7, 4)).join(), /Ja-Stimmen in Ziffern/);
    assert.match(refused(form({ yes: '-1' }), quorum(7, 4)).join(), /Ja-Stimmen in Ziffern/);
    assert.match(refused(form({ yes: '3', no: '2' }), quorum(7, 4)).join(), /5 Stimmen erfasst, aber nur 4/);
    assert.match(refused(form({ kind: 'egal' }), quorum(7, 4)).join(), /kind: Bitte wählen Sie/);
  });

  it('adjourns without a quorum, with or without reasons', () => {
    const d = decided(form({ kind: 'adjourn', reasons: 'Stellungnahme fehlt.' }), quorum(7, 2));
    assert.deepEqual(d, {
      outcome: 'adjourned',
      reasons: 'Stellungnahme fehlt.',
      quorum: { present: 2, required: 4, seated: 7 },
    });
    assert.deepEqual(caseCommandsFor(d, 's1'), [
      { type: 'adjourn', sessionId: 's1', reasons: 'Stellungnahme fehlt.' },
    ]);
    const bare = decided(form({ kind: 'adjourn' }), quorum(7, 2));
    assert.deepEqual(caseCommandsFor(bare, 's1'), [{ type: 'adjourn', sessionId: 's1' }]);
  });
});

describe('checkSessionPlan', () => {
  const heads = [{ id: 'h1' }];
  const plan = {
    day: '3',
    month: '2',
    year: '2027',
    time: '9.30',
    place: ' Düsseldorf,  Raum 2 ',
    chairId: 'h1',
  };
  it('accepts today or later and normalises time and place', () => {
    const r = checkSessionPlan(plan, '2027-02-03', heads);
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      day: '2027-02-03',
      time: '09:30',
      place: 'Düsseldorf, Raum 2',
      chairId: 'h1',
    });
  });
  it('refuses the past, bad dates and times, no place and no chair', () => {
    const errors = (p: typeof plan, h = heads) => {
      const r = checkSessionPlan(p, '2027-02-04', h);
      return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
    };
    assert.match(errors(plan).join(), /date: Eine Sitzung kann nur für heute/);
    assert.match(
      errors({ ...plan, day: '30', year: '2027' }).join(),
      /date: Bitte geben Sie ein gültiges Datum/,
    );
    assert.deepEqual(
      errors({ ...plan, year: '2028', time: '25:00', place: '', chairId: 'x' }).map((e) => e.split(':')[0]),
      ['time', 'place', 'chairId'],
    );
    assert.match(errors({ ...plan, year: '2028' }, []).join(), /kein Konto der Leitung/);
  });
  it('votes are recorded from the session day on', () => {
    assert.equal(sessionDayReached('2027-02-03', '2027-02-02'), false);
    assert.equal(sessionDayReached('2027-02-03', '2027-02-03'), true);
  });
});
