/** A representative registers over HTTP, confirms by mail and logs in with password and code. */
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { waitForMail } from './mailbox.ts';
import { WebClient } from './web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export interface RepresentativeAccount {
  email: string;
  name: string;
  /** An organisation with several staff, or a person (organisation name and kind empty). */
  organisation?: { name: string; kind: 'counselling' | 'law_firm' };
}

/** Registers the account, confirms it by the mailed link and returns a client logged in with its code. */
export async function registerRepresentative(
  app: { url: string; dataDir: string },
  account: RepresentativeAccount,
): Promise<WebClient> {
  return (await registerRepresentativeWithKey(app, account)).web;
}

/** As `registerRepresentative`, with the password and TOTP key, for tests that log in again. */
export async function registerRepresentativeWithKey(
  app: { url: string; dataDir: string },
  account: RepresentativeAccount,
): Promise<{ web: WebClient; password: string; secret: string }> {
  const web = new WebClient(app.url);
  const password = 'Ein langes sicheres Passwort 2026';
  const { email } = account;
  const sent = await web.post('/konto/registrieren', {
    kind: account.organisation ? 'organisation' : 'person',
    name: account.name,
    organisationName: account.organisation?.name ?? '',
    organisationKind: account.organisation?.kind ?? '',
    email,
    password,
    passwordRepeat: password,
  });
  assert.equal(sent.status, 200, sent.body.slice(0, 300));
  const mail = await waitForMail(
    app.dataDir,
    (text) => text.includes(email) && /konto\/bestaetigen\//.test(text),
  );
  const link = /\/konto\/bestaetigen\/([A-Za-z0-9_-]{43,128})/.exec(mail)?.[1] ?? '';
  const page = await web.get(`/konto/bestaetigen/${link}`);
  const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const confirmed = await web.post('/konto/bestaetigen', { token });
  const secret = /id="totp-secret">([A-Z2-7]+)</.exec(confirmed.body)?.[1] ?? '';
  assert.ok(secret, 'the TOTP key is shown');
  const rep = new WebClient(app.url);
  await rep.post('/anmelden', { email, password });
  const codePage = await rep.get('/anmelden/code');
  const done = await rep.post('/anmelden/code', {
    _csrf: csrfOf(codePage.body),
    code: await generate({ secret }),
  });
  assert.equal(done.status, 303);
  return { web: rep, password, secret };
}
