import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { letterheadFor } from '../../../content/letters/letterhead.ts';
import { loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import { composeMinutes } from '../../application/session-minutes.ts';
import type { MinutesFacts } from '../../application/sessions.ts';
import { checkQuorum, type Membership, seatAttendance, seatsOn } from '../../domain/session/index.ts';
import { renderMinutes } from './minutes.ts';
import { assertArchivalPdf, flat, haveTool, pdfText, tempDir } from './test-support.ts';

const profile = loadTwoThirds();
const m = (i: number, over: Partial<Membership> = {}): Membership => ({
  id: `m${i}`,
  userId: `u${i}`,
  name: `Mitglied ${i}`,
  function: 'member',
  deputyOf: null,
  nominatedBy: `Verband ${i}`,
  termFrom: '2027-01-01',
  termTo: '2028-12-31',
  preScreening: false,
  ...over,
});
const memberships = [
  ...Array.from({ length: 7 }, (_, i) => m(i + 1)),
  m(8, { id: 'd1', name: 'Vertretung Eins', function: 'deputy', deputyOf: 'm1' }),
];
const seats = seatsOn(memberships, '2027-03-10');
const present = ['d1', 'm2', 'm3', 'm4', 'm5'];
const quorum = checkQuorum(seatAttendance(seats, new Set(present)), profile);
assert.ok(quorum.ok);

const facts: MinutesFacts = {
  session: {
    id: 's1',
    startsAt: new Date('2027-03-10T09:00:00Z'),
    day: '2027-03-10',
    place: 'Land X, Sitzungssaal',
    chairId: 'h1',
    chairName: 'Leitung der Geschäftsstelle',
    invitedAt: null,
    approvedAt: null,
    approvedBy: null,
    minutes: null,
  },
  seats,
  present,
  quorum: quorum.value,
  profile,
  agenda: [
    {
      caseId: 'c1',
      caseNumber: 'HFK-2027-00001',
      position: 1,
      personNames: ['Zehra Ağaoğlu'],
      caseState: 'scheduled',
      caseSessionId: 's1',
      active: true,
      decidedAt: new Date('2027-03-10T10:00:00Z'),
      decision: {
        outcome: 'no_request',
        votes: { yes: 3, no: 2, abstain: 0, notCast: 0, present: 5, seated: 7 },
        requiredYes: 4,
        rule: profile.hardshipRequestMajority,
        reasons: null,
        recommendation: null,
        quorum: { present: 5, required: 5, seated: 7 },
      },
    },
    {
      caseId: 'c2',
      caseNumber: 'HFK-2027-00002',
      position: 2,
      personNames: ['Emre Berisha'],
      caseState: 'withdrawn',
      caseSessionId: null,
      active: false,
      decidedAt: null,
      decision: null,
    },
  ],
};

describe('minutes PDF', () => {
  const dir = tempDir('hfk-minutes-');
  after(() => dir.cleanup());

  it('is PDF/A with attendance, quorum, the counts under the profile’s rule, and the draft mark', async (t) => {
    const doc = composeMinutes(facts, {
      draft: true,
      letterhead: letterheadFor('nrw'),
      now: new Date('2027-03-10T12:00:00Z'),
    });
    const file = dir.write('minutes.pdf', await renderMinutes(doc));
    assertArchivalPdf(t, file, 'Protokoll der Sitzung der Härtefallkommission vom 10.03.2027');
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(file));
    for (const phrase of [
      'ENTWURF – nicht genehmigt',
      'Mittwoch, 10. März 2027, 10:00 Uhr',
      'Land X, Sitzungssaal',
      'Vertretung Eins',
      'Stellvertretung für Mitglied 1',
      'mindestens 2/3 der Mitglieder anwesend',
      '2/3 der anwesenden Mitglieder',
      'beschlussfähig',
      'Kein Härtefallersuchen',
      '3 Ja, 2 Nein, 0 Enthaltungen, 0 ohne Stimme; 5 stimmberechtigt anwesend, 4 Ja-Stimmen erforderlich',
      'nicht beraten: nicht mehr auf der Tagesordnung (Zurückgenommen)',
      'noch nicht genehmigt',
    ])
      assert.ok(text.includes(phrase), `missing: ${phrase}`);
    assert.ok(!text.includes('u1') && !text.includes('m2 '), 'no internal ids');
  });
});
