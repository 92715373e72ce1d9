/**
 * German texts of the login pages (Vertretungen, Geschäftsstelle, Kommission, Ausländerbehörden) and of
 * the session time-out. Staff pages are German only; representatives see these in their language
 * (`en.ts`, `ar.ts`). `{name}` placeholders are filled by the page.
 */
export const staffDe = {
  errorPrefix: 'Fehler:',
  errorSummaryTitle: 'Es gibt ein Problem',
  cancel: 'Abbrechen',

  // Step 1: e-mail address and password
  loginTitle: 'Anmelden',
  loginLead:
    'Für Vertretungen mit Konto (Kanzleien, Beratungsstellen), Mitarbeitende der Geschäftsstelle, Mitglieder der Härtefallkommission und Ausländerbehörden. Die Anmeldung hat zwei Schritte: Ihr Passwort und ein Code aus Ihrer Authenticator-App.',
  loginEmail: 'E-Mail-Adresse',
  loginPassword: 'Passwort',
  loginButton: 'Weiter',
  loginEmailMissing: 'Geben Sie Ihre E-Mail-Adresse ein.',
  loginPasswordMissing: 'Geben Sie Ihr Passwort ein.',
  loginFailed:
    'Die E-Mail-Adresse oder das Passwort ist nicht richtig, oder das Konto ist vorübergehend gesperrt. Nach 5 Fehlversuchen wird ein Konto für 15 Minuten gesperrt.',
  loginLoggedOutTitle: 'Sie haben sich abgemeldet',
  loginLoggedOutText:
    'Ihre Sitzung wurde beendet. Schließen Sie auf einem gemeinsam genutzten Gerät auch den Browser.',
  loginExpiredTitle: 'Ihre Sitzung ist abgelaufen',
  loginExpiredText:
    'Aus Sicherheitsgründen endet eine Sitzung nach 30 Minuten ohne Aktivität und spätestens nach 12 Stunden. Bitte melden Sie sich erneut an.',
  loginRestartTitle: 'Bitte melden Sie sich erneut an',
  loginRestartText:
    'Die Anmeldung wurde abgebrochen. Beginnen Sie noch einmal mit E-Mail-Adresse und Passwort.',
  loginApplicantHint: 'Sie möchten einen Härtefallantrag stellen? Dafür brauchen Sie kein Konto.',
  loginApplicantLink: 'Zum Online-Antrag',
  loginForgotLink: 'Passwort vergessen? (Konten von Vertretungen)',
  loginForgotStaff:
    'Beschäftigte der Geschäftsstelle, der Kommission und der Ausländerbehörden wenden sich an ihre Administration.',

  // Step 2: TOTP code
  codeTitle: 'Code eingeben',
  codeLead:
    'Öffnen Sie Ihre Authenticator-App und geben Sie den aktuellen 6-stelligen Code für „Härtefallverfahren NRW“ ein.',
  codeLabel: 'Code aus der Authenticator-App',
  codeHint: '6 Ziffern, zum Beispiel 123456',
  codeButton: 'Anmelden',
  codeMissing: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.',
  codeMalformed: 'Der Code besteht aus 6 Ziffern.',
  codeWrong:
    'Der Code ist nicht richtig oder wurde schon verwendet. Warten Sie, bis die App einen neuen Code zeigt, und geben Sie diesen ein.',

  // Step 3 on the first login: a new password
  passwordTitle: 'Eigenes Passwort festlegen',
  passwordLead:
    'Sie melden sich zum ersten Mal an. Ersetzen Sie das Startpasswort durch ein eigenes Passwort, das nur Sie kennen.',
  passwordNew: 'Neues Passwort',
  passwordNewHint:
    'Mindestens 12 Zeichen, nicht Ihre E-Mail-Adresse und nicht das Startpasswort. Ein Satz aus mehreren Wörtern ist leicht zu merken und schwer zu erraten.',
  passwordRepeat: 'Neues Passwort wiederholen',
  passwordButton: 'Passwort speichern',
  passwordMissing: 'Geben Sie ein neues Passwort ein.',
  passwordTooShort: 'Das Passwort muss mindestens 12 Zeichen lang sein.',
  passwordTooLong: 'Das Passwort darf höchstens 256 Zeichen lang sein.',
  passwordIsEmail: 'Das Passwort darf nicht Ihre E-Mail-Adresse enthalten.',
  passwordSameAsOld: 'Das neue Passwort muss sich vom Startpasswort unterscheiden.',
  passwordConfirmationMissing: 'Wiederholen Sie das neue Passwort.',
  passwordConfirmationMismatch: 'Die beiden Passwörter stimmen nicht überein.',

  // Logout and the session's time limits
  logoutButton: 'Abmelden',
  extendTitle: 'Sitzung verlängern',
  extendLead:
    'Aus Sicherheitsgründen werden Sie nach 30 Minuten ohne Aktivität und spätestens 12 Stunden nach der Anmeldung automatisch abgemeldet.',
  extendActiveUntil: 'Ohne weitere Aktivität endet Ihre Sitzung um {time} Uhr.',
  extendButton: 'Angemeldet bleiben',
  extendDone: 'Ihre Sitzung wurde verlängert.',
  timeoutTitle: 'Sie werden bald abgemeldet',
  timeoutText:
    'Sie waren fast 30 Minuten nicht aktiv. Aus Sicherheitsgründen werden Sie in 2 Minuten abgemeldet. Wählen Sie „Angemeldet bleiben“, um weiterzuarbeiten.',
  timeoutFinalText:
    'Ihre Sitzung endet in 2 Minuten, denn nach 12 Stunden ist eine neue Anmeldung nötig. Speichern Sie jetzt, was Sie gerade bearbeiten.',
  timeoutExpiredTitle: 'Sie wurden abgemeldet',
  timeoutExpiredText: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um weiterzuarbeiten.',
  timeoutLogin: 'Erneut anmelden',
  timeoutClose: 'Schließen',
} as const;

export type StaffKey = keyof typeof staffDe;
export type StaffCatalog = Record<StaffKey, string>;
