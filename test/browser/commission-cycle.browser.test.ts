/**
 * The whole commission cycle in Chromium, once under each procedure profile: two cases ready for a
 * session are put on the agenda; with three of seven members present the quorum check refuses a vote;
 * with five present case A is voted on (3 yes, 2 no) and case B adjourned; the chair approves the
 * minutes, whose PDF/A and the outcome letters follow; the immigration authority sees what the
 * outcome asks of it; the applicants' status pages and the statistics show it.
 *
 * Under NRW (simple majority of those present) 3 of 5 is a hardship request: the authority reports an
 * intended refusal with reasons and then its decision. Under the test profile Land X (loaded from
 * PROFILES_DIR, two-thirds majority, no recommendation) the same votes are no request: the case is
 * closed with a notice. Nothing but the configuration differs between the two runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { haveTool, pdfText, tempDir } from '../../src/adapters/pdf/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import {
  appoint,
  login as clientLogin,
  browserLogin as login,
  readyCase,
  textOf,
  until,
} from '../support/members.ts';
import { createStaffUser, type StaffUser } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();
const LAND_X_DIR = fileURLToPath(new URL('../fixtures/profiles/', import.meta.url));
const flat = (s: string) => s.replace(/\s+/g, ' ');

const mainText = async (page: Page) => flat((await page.locator('main').textContent()) ?? '');

/** The overview table of the statistics page as label → shown count. */
async function overview(page: Page): Promise<Record<string, string>> {
  return page.$$eval('#tabelle-ueberblick tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        (r.querySelector('th')?.textContent ?? '').trim(),
        (r.querySelector('td')?.textContent ?? '').trim(),
      ]),
    ),
  );
}

interface Expectation {
  /** What the session page says of case A's decision. */
  decisionA: RegExp;
  requested: boolean;
}

const PROFILES: { name: string; env: Record<string, string>; expect: Expectation }[] = [
  {
    name: 'NRW (simple majority of those present)',
    env: {},
    expect: {
      decisionA: /Härtefallersuchen: 3 Ja, 2 Nein, 0 Enthaltungen \(5 anwesend, 3 Ja/,
      requested: true,
    },
  },
  {
    name: 'Land X from PROFILES_DIR (two-thirds of those present)',
    env: { PROFILE: 'land-x', PROFILES_DIR: LAND_X_DIR },
    expect: {
      decisionA: /Kein Härtefallersuchen: 3 Ja, 2 Nein, 0 Enthaltungen \(5 anwesend, 4 Ja/,
      requested: false,
    },
  },
];

for (const profile of PROFILES) {
  describe(`the commission cycle in Chromium under ${profile.name}`, { skip }, () => {
    let app: TestApp;
    let browser: Browser;
    let clerk: StaffUser;
    let head: StaffUser;
    let authority: StaffUser;
    let clerkWeb: WebClient;
    let clerkPage: Page;
    const applicantA = { web: null as unknown as WebClient, id: '', number: '' };
    const applicantB = { web: null as unknown as WebClient, id: '', number: '' };
    const pdfs = tempDir('hfk-cycle-');
    const contexts: BrowserContext[] = [];
    const newPage = async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    };

    before(async () => {
      const masterKey = await generateIdentity();
      app = await startTestApp({ MASTER_KEY: masterKey, ...profile.env });
      const user = (email: string, name: string, role: 'office_clerk' | 'office_head' | 'member') =>
        createStaffUser(app.database, { email, name, role }, { masterKey });
      clerk = await user('sb-zyklus@example.org', 'Sachbearbeitung', 'office_clerk');
      head = await user('leitung-zyklus@example.org', 'Dr. Leitung', 'office_head');
      for (let i = 1; i <= 7; i++)
        await appoint(app, (await user(`m${i}@example.org`, `Mitglied ${i}`, 'member')).id, i);
      // Two cases, prepared as the office does (its own browser suite covers these steps).
      clerkWeb = await clientLogin(app, clerk);
      for (const [holder, name] of [
        [applicantA, 'Ağaoğlu'],
        [applicantB, 'Haddad'],
      ] as const) {
        holder.web = new WebClient(app.url);
        Object.assign(holder, await readyCase(app, clerkWeb, name, holder.web));
      }
      const { authority_id } = await app.database.db
        .selectFrom('cases')
        .select('authority_id')
        .where('id', '=', applicantA.id)
        .executeTakeFirstOrThrow();
      authority = await createStaffUser(
        app.database,
        {
          email: 'abh-zyklus@duesseldorf.example',
          name: 'ABH Düsseldorf',
          role: 'authority',
          organisationId: authority_id ?? '',
        },
        { masterKey },
      );
      browser = await launchBrowser();
      clerkPage = await newPage();
      await login(clerkPage, app, clerk);
    });
    after(async () => {
      for (const context of contexts) await context.close();
      await browser?.close();
      await app?.close();
      pdfs.cleanup();
    });

    let sessionUrl = '';

    test('the office plans the session; too few present block the vote; votes and an adjournment are recorded', async () => {
      const page = clerkPage;
      await page.goto(`${app.url}/geschaeftsstelle`);
      await page.getByRole('link', { name: 'Sitzungen der Kommission' }).click();
      await page.waitForURL('**/geschaeftsstelle/sitzungen');
      const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' })
        .format(new Date())
        .split('-');
      const date = page.getByRole('group', { name: 'Datum' });
      await date.getByLabel('Tag').fill(String(Number(d)));
      await date.getByLabel('Monat').fill(String(Number(m)));
      await date.getByLabel('Jahr').fill(y ?? '');
      await page.getByLabel('Ort', { exact: true }).fill('Düsseldorf, Raum 2.14');
      await page.getByRole('button', { name: 'Sitzung planen' }).click();
      await page.waitForURL(/\/geschaeftsstelle\/sitzungen\/[0-9a-f-]{36}\?ok=gespeichert/);
      sessionUrl = page.url().replace(/\?.*$/, '');
      for (let i = 0; i < 2; i++) {
        await page
          .getByRole('button', { name: /Auf die Tagesordnung/ })
          .first()
          .click();
        await page.waitForURL(/ok=gespeichert/);
      }
      const agenda = await mainText(page);
      assert.ok(agenda.includes(applicantA.number) && agenda.includes(applicantB.number), agenda);
      await page.getByRole('button', { name: 'Mitglieder einladen' }).click();
      await page.waitForURL(/ok=/);

      // Three of seven: not quorate under either profile (NRW: half, Land X: two thirds of the members).
      const attend = async (n: number) => {
        for (let i = 1; i <= n; i++)
          await page.getByRole('checkbox', { name: `Mitglied ${i} (Mitglied)` }).check();
        await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
        await page.waitForURL(/ok=gespeichert/);
      };
      await attend(3);
      assert.match(await mainText(page), /nicht beschlussfähig/);
      await page.getByRole('link', { name: `Beschluss erfassen ${applicantA.number}` }).click();
      await page.getByRole('radio', { name: 'Abgestimmt' }).check();
      const votes = page.getByRole('group', { name: /Abstimmung über ein Härtefallersuchen/ });
      await votes.getByLabel('Ja').fill('3');
      await page.getByRole('button', { name: 'Beschluss speichern' }).click();
      await page.waitForSelector('#error-summary');
      assert.match((await page.locator('#error-summary').textContent()) ?? '', /nicht beschlussfähig/);

      await page.goto(sessionUrl);
      await attend(5);
      assert.doesNotMatch(await mainText(page), /nicht beschlussfähig/);
      assert.match(await mainText(page), /beschlussfähig/);

      await page.getByRole('link', { name: `Beschluss erfassen ${applicantA.number}` }).click();
      await page.getByRole('radio', { name: 'Abgestimmt' }).check();
      await votes.getByLabel('Ja').fill('3');
      await votes.getByLabel('Nein').fill('2');
      await votes.getByLabel('Enthaltung').fill('0');
      await page
        .getByLabel('Begründung')
        .fill('Die Familie lebt seit 2014 in Düsseldorf; die Kinder sind hier aufgewachsen.');
      await page.getByRole('button', { name: 'Beschluss speichern' }).click();
      await page.waitForURL(/ok=beschluss/);
      assert.deepEqual(await axeViolations(page), [], 'session page with a decision');

      await page.goto(sessionUrl);
      await page.getByRole('link', { name: `Beschluss erfassen ${applicantB.number}` }).click();
      await page.getByRole('radio', { name: 'Vertagt' }).check();
      await page.getByLabel('Begründung').fill('Das Zeugnis des Sohnes soll abgewartet werden.');
      await page.getByRole('button', { name: 'Beschluss speichern' }).click();
      await page.waitForURL(/ok=beschluss/);
      await page.goto(sessionUrl);
      const decided = await mainText(page);
      assert.match(decided, profile.expect.decisionA);
      assert.match(decided, /Vertagt/);
    });

    test('the chair approves the minutes; the minutes PDF/A and the outcome letters follow', async (t) => {
      assert.ok(sessionUrl, 'the session of the first test');
      const page = await newPage();
      await login(page, app, head);
      await page.goto(sessionUrl);
      await page.getByRole('button', { name: 'Protokoll genehmigen' }).click();
      await page.waitForURL(/ok=genehmigt/);
      assert.match(await mainText(page), /Das Protokoll ist genehmigt/);

      const minutes = await until('the approved minutes', async () => {
        const r = await page.request.get(`${sessionUrl}/protokoll`);
        const final =
          r.headers()['content-type'] === 'application/pdf' &&
          !/Entwurf/.test(r.headers()['content-disposition'] ?? '');
        return final ? Buffer.from(await r.body()) : undefined;
      });
      assert.equal(minutes.subarray(0, 5).toString(), '%PDF-');

      const letters = profile.expect.requested
        ? ['Härtefallersuchen an die Ausländerbehörde']
        : ['Kein Härtefallersuchen – Mitteilung an die Ausländerbehörde', 'Abschluss des Verfahrens'];
      const caseA = `${app.url}/geschaeftsstelle/faelle/${applicantA.id}`;
      await until('the outcome letters in case A', async () => {
        await clerkPage.goto(caseA);
        const text = await mainText(clerkPage);
        return letters.every((l) => text.includes(l)) ? true : undefined;
      });
      const caseB = flat(textOf((await clerkWeb.get(`/geschaeftsstelle/faelle/${applicantB.id}`)).body));
      for (const l of ['Härtefallersuchen an die Ausländerbehörde', 'Abschluss des Verfahrens'])
        assert.ok(!caseB.includes(l), `an adjournment writes no letter: ${l}`);
      assert.deepEqual(await axeViolations(clerkPage), [], 'case file with the outcome letters');

      if (haveTool(t, 'pdftotext')) {
        const text = flat(pdfText(pdfs.write('minutes.pdf', minutes)));
        for (const phrase of [
          applicantA.number,
          applicantB.number,
          'Das Zeugnis des Sohnes soll abgewartet werden',
        ])
          assert.ok(text.includes(phrase), `minutes: ${phrase}`);
        assert.ok(text.includes('3 Ja, 2 Nein, 0 Enthaltungen'), 'the counts are minuted');
        const row = clerkPage
          .getByRole('row')
          .filter({ hasText: letters[0] ?? '' })
          .first();
        const href = (await row.getByRole('link').first().getAttribute('href')) ?? '';
        const letter = await clerkPage.request.get(`${app.url}${href}`);
        assert.ok(letter.ok(), href);
        const body = flat(pdfText(pdfs.write('letter.pdf', Buffer.from(await letter.body()))));
        assert.ok(body.includes(applicantA.number), 'the letter names the case');
        if (profile.expect.requested)
          assert.ok(
            body.includes('die Kinder sind hier aufgewachsen'),
            'the request carries the minuted reasons',
          );
        else assert.ok(body.includes('Land X'), 'the letterhead of the profile’s own file');
      }
    });

    test('the authority sees what the outcome asks of it, never the votes', async () => {
      const page = await newPage();
      await login(page, app, authority);
      await page.waitForURL('**/behoerde');
      await page.goto(`${app.url}/behoerde/faelle/${applicantA.id}`);
      const seen = await mainText(page);
      assert.doesNotMatch(seen, /3 Ja|2 Nein|Enthaltung/, 'no votes in the portal');
      if (!profile.expect.requested) {
        assert.equal(
          await page.getByRole('link', { name: 'Beabsichtigte Entscheidung mitteilen' }).count(),
          0,
        );
        return;
      }
      await page.getByRole('link', { name: 'Beabsichtigte Entscheidung mitteilen' }).click();
      await page.waitForURL('**/entscheidung');
      await page.getByLabel('Wir wollen dem Ersuchen nicht folgen').check();
      await page.getByRole('button', { name: 'Beabsichtigte Entscheidung senden' }).click();
      await page.waitForSelector('#error-summary');
      assert.match((await page.locator('#reasons-error').textContent()) ?? '', /Begründung|§ 7/);
      await page.getByLabel('Begründung').fill('Der Lebensunterhalt ist nicht gesichert.');
      await page.getByRole('button', { name: 'Beabsichtigte Entscheidung senden' }).click();
      await page.waitForURL(`**/behoerde/faelle/${applicantA.id}?ok=1`);
      assert.match(await mainText(page), /will dem Ersuchen nicht folgen/);

      await page.getByRole('link', { name: 'Entscheidung mitteilen' }).click();
      await page.waitForURL('**/entscheidung');
      const today = new Date();
      await page.getByLabel('Aufenthaltserlaubnis versagt').check();
      await page.getByLabel('Begründung').fill('Der Lebensunterhalt ist weiterhin nicht gesichert.');
      await page.getByLabel('Tag').fill(String(today.getDate()));
      await page.getByLabel('Monat').fill(String(today.getMonth() + 1));
      await page.getByLabel('Jahr').fill(String(today.getFullYear()));
      await page.getByRole('button', { name: 'Entscheidung senden' }).click();
      await page.waitForURL(`**/behoerde/faelle/${applicantA.id}?ok=1`);
      assert.match(await mainText(page), /Entscheidung: Aufenthaltserlaubnis versagt/);
    });

    test('the applicants’ status pages and the statistics reflect the outcome', async () => {
      for (const [holder, stage] of [
        [
          applicantA,
          profile.expect.requested ? /hat über den Fall beraten/ : /Das Verfahren ist abgeschlossen/,
        ],
        [applicantB, /wird für eine weitere Sitzung der Kommission vorbereitet/],
      ] as const) {
        const context = await browser.newContext();
        contexts.push(context);
        await context.addCookies(
          [...holder.web.cookies].map(([name, value]) => ({ name, value, url: app.url })),
        );
        const page = await context.newPage();
        await page.goto(`${app.url}/antrag/bestaetigung`);
        const text = await mainText(page);
        assert.ok(text.includes(holder.number), text);
        assert.match(text, stage);
        assert.doesNotMatch(text, /3 Ja|Nein-Stimmen|Enthaltung/, 'no votes for the applicant');
        assert.deepEqual(await axeViolations(page), [], `status page ${holder.number}`);
      }

      const page = clerkPage;
      await page.goto(`${app.url}/geschaeftsstelle/statistik`);
      const figures = await overview(page);
      const requested = profile.expect.requested;
      assert.equal(figures['Eingegangene Anträge (Fälle)'], '2');
      assert.equal(figures.Vertagt, '1');
      assert.equal(figures['Härtefallersuchen beschlossen'], requested ? '1' : '0');
      assert.equal(figures['Kein Härtefallersuchen beschlossen'], requested ? '0' : '1');
      if (requested) {
        assert.equal(figures['Ausländerbehörde will dem Ersuchen nicht folgen (beabsichtigt)'], '1');
        assert.equal(figures['Ausländerbehörde ist dem Ersuchen nicht gefolgt (Entscheidung)'], '1');
      } else {
        assert.equal(figures['Abgeschlossen (Mitteilung über die Beendigung)'], '1');
      }
    });
  });
}
