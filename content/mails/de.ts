/**
 * German texts of the mails the online application sends. Mails to immigration authorities carry
 * no personal data: only that there is something new, the case number and a link.
 */
export const MAIL_SIGNATURE = [
  '',
  'Mit freundlichen Grüßen',
  'Geschäftsstelle der Härtefallkommission des Landes Nordrhein-Westfalen',
  '',
  'Diese Nachricht wurde automatisch erstellt.',
].join('\n');

export function resumeLinkMail(input: { link: string; expiresOn: string }) {
  return {
    subject: 'Ihr Härtefallantrag: Link zum Fortsetzen',
    text: [
      'Guten Tag,',
      '',
      'mit diesem Link können Sie Ihren Antrag an die Härtefallkommission auf jedem Gerät fortsetzen:',
      '',
      input.link,
      '',
      `Der Entwurf wird bis zum ${input.expiresOn} aufbewahrt; jede Änderung verlängert die Frist.`,
      'Bitte geben Sie den Link nicht weiter: Wer ihn kennt, kann Ihre Angaben lesen und ändern.',
      'Wenn Sie diesen Link nicht angefordert haben, können Sie diese Nachricht löschen.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

export function receiptMail(input: { caseNumber: string; receivedAt: string }) {
  return {
    subject: `Eingangsbestätigung Ihres Härtefallantrags – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `Ihr Antrag an die Härtefallkommission ist am ${input.receivedAt} eingegangen.`,
      `Aktenzeichen: ${input.caseNumber}`,
      '',
      'Die Eingangsbestätigung mit der Liste aller eingereichten Unterlagen finden Sie im Anhang.',
      'Bitte geben Sie bei allen Rückfragen das Aktenzeichen an.',
      '',
      'Hinweis: Die Härtefallkommission befasst sich mit einem Fall nur aus eigener Initiative. Ein',
      'Anspruch auf eine Entscheidung besteht nicht. Der Antrag schützt nicht vor einer Abschiebung.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

export function authorityNoticeMail(input: { caseNumber: string; portalLink: string }) {
  return {
    subject: `Neuer Härtefallantrag in Ihrem Zuständigkeitsbereich – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      'bei der Geschäftsstelle der Härtefallkommission ist ein neuer Antrag eingegangen, für den Ihre',
      `Behörde nach der Anschrift zuständig ist (Aktenzeichen ${input.caseNumber}).`,
      '',
      `Die Angaben finden Sie nach der Anmeldung im Behördenportal: ${input.portalLink}`,
      'Eine Stellungnahme wird gesondert angefordert.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

export function statementRequestMail(input: { caseNumber: string; dueOn: string; portalLink: string }) {
  return {
    subject: `Bitte um Stellungnahme – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `die Härtefallkommission befasst sich mit dem Fall ${input.caseNumber} und bittet Ihre Behörde um eine`,
      `schriftliche, begründete Stellungnahme bis zum ${input.dueOn}.`,
      '',
      `Die Angaben zum Fall und die Möglichkeit zur Antwort finden Sie im Behördenportal: ${input.portalLink}`,
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** Reminder before the statement is due, and the notice once it is overdue; no personal data. */
export function statementReminderMail(input: {
  caseNumber: string;
  dueOn: string;
  portalLink: string;
  overdue: boolean;
}) {
  return input.overdue
    ? {
        subject: `Stellungnahme überfällig – ${input.caseNumber}`,
        text: [
          'Guten Tag,',
          '',
          `die Frist für Ihre Stellungnahme zum Fall ${input.caseNumber} ist am ${input.dueOn} abgelaufen.`,
          'Bitte senden Sie die Stellungnahme umgehend oder teilen Sie mit, bis wann sie vorliegen wird.',
          'Ohne Stellungnahme kann die Geschäftsstelle den Fall der Kommission vorlegen.',
          '',
          `Zum Behördenportal: ${input.portalLink}`,
          MAIL_SIGNATURE,
        ].join('\n'),
      }
    : {
        subject: `Erinnerung: Stellungnahme bis ${input.dueOn} – ${input.caseNumber}`,
        text: [
          'Guten Tag,',
          '',
          `wir erinnern an die erbetene Stellungnahme zum Fall ${input.caseNumber}. Die Frist endet am ${input.dueOn}.`,
          'Falls Sie die Stellungnahme schon gesendet haben, betrachten Sie diese Nachricht bitte als gegenstandslos.',
          '',
          `Zum Behördenportal: ${input.portalLink}`,
          MAIL_SIGNATURE,
        ].join('\n'),
      };
}

export function notTakenUpAuthorityMail(input: { caseNumber: string; portalLink: string }) {
  return {
    subject: `Keine Befassung der Härtefallkommission – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `die Härtefallkommission befasst sich nicht mit dem Fall ${input.caseNumber}. Das Härtefallverfahren ist damit beendet.`,
      `Einzelheiten finden Sie im Behördenportal: ${input.portalLink}`,
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** The hardship request is in the portal; no personal data, only the case number and the link. */
export function hardshipRequestAuthorityMail(input: { caseNumber: string; portalLink: string }) {
  return {
    subject: `Härtefallersuchen der Härtefallkommission – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `die Härtefallkommission hat zum Fall ${input.caseNumber} ein Härtefallersuchen an Ihre Behörde beschlossen.`,
      'Das Ersuchen und die Möglichkeit, Ihre beabsichtigte Entscheidung mitzuteilen, finden Sie im Behördenportal.',
      'Wollen Sie dem Ersuchen nicht folgen, teilen Sie dies bitte mit Begründung mit, bevor Sie entscheiden.',
      '',
      `Zum Behördenportal: ${input.portalLink}`,
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

export function notTakenUpApplicantMail(input: { caseNumber: string }) {
  return {
    subject: `Ihr Härtefallantrag – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `die Härtefallkommission befasst sich nicht mit Ihrem Antrag (Aktenzeichen ${input.caseNumber}).`,
      'Sie erhalten dazu ein Schreiben der Geschäftsstelle mit den Gründen. Das Härtefallverfahren ist damit beendet.',
      'Bei Fragen zu Ihrem Aufenthalt wenden Sie sich bitte an Ihre Ausländerbehörde oder eine Beratungsstelle.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

export function documentRequestMail(input: {
  caseNumber: string;
  dueOn: string;
  text: string;
  reminder: boolean;
}) {
  return {
    subject: `${input.reminder ? 'Erinnerung: ' : ''}Bitte reichen Sie Unterlagen nach – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `${input.reminder ? 'wir erinnern an unsere Bitte: ' : ''}für Ihren Antrag (Aktenzeichen ${input.caseNumber}) bittet die Geschäftsstelle bis zum ${input.dueOn} um:`,
      '',
      input.text,
      '',
      'Sie können die Unterlagen über den Link zu Ihrem Antrag hochladen („Unterlagen nachreichen“) oder per Post senden.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** A new message of the office: never the message itself, nothing personal; it is read on the status page. */
export function newMessageMail(input: { caseNumber: string }) {
  return {
    subject: `Neue Nachricht zu Ihrem Antrag – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `es gibt eine neue Nachricht zu Ihrem Antrag ${input.caseNumber}; lesen Sie sie über Ihren persönlichen Link.`,
      '',
      'Aus Gründen des Datenschutzes steht der Inhalt nicht in dieser E-Mail.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** The link that confirms a representative's registration. */
export function registrationConfirmMail(input: { link: string; hours: number }) {
  return {
    subject: 'Härtefallverfahren NRW: Bitte bestätigen Sie Ihr Konto',
    text: [
      'Guten Tag,',
      '',
      'für diese E-Mail-Adresse wurde ein Konto für Vertretungen beim Härtefallverfahren NRW angelegt.',
      `Bitte bestätigen Sie es innerhalb von ${input.hours} Stunden mit diesem Link:`,
      '',
      input.link,
      '',
      'Wenn Sie kein Konto angelegt haben, können Sie diese Nachricht löschen; ohne Bestätigung entsteht kein Konto.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** Sent instead when the address already has an account (the page does not say so, this mail does). */
export function alreadyRegisteredMail(input: { loginLink: string }) {
  return {
    subject: 'Härtefallverfahren NRW: Sie haben bereits ein Konto',
    text: [
      'Guten Tag,',
      '',
      'jemand wollte mit dieser E-Mail-Adresse ein Konto anlegen. Für diese Adresse gibt es schon ein Konto.',
      `Melden Sie sich bitte dort an: ${input.loginLink}`,
      `Wenn Sie das Passwort nicht mehr wissen, legen Sie hier ein neues fest: ${input.loginLink.replace(/\/anmelden$/, '/konto/passwort-vergessen')}`,
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** The link to set a new password (representatives' accounts). */
export function passwordResetMail(input: { link: string; hours: number }) {
  return {
    subject: 'Härtefallverfahren NRW: Neues Passwort festlegen',
    text: [
      'Guten Tag,',
      '',
      'für Ihr Konto beim Härtefallverfahren NRW wurde ein neues Passwort angefordert.',
      `Mit diesem Link legen Sie es fest; er gilt ${input.hours === 1 ? 'eine Stunde' : `${input.hours} Stunden`} und nur einmal:`,
      '',
      input.link,
      '',
      'Für die Anmeldung brauchen Sie danach weiterhin den Code aus Ihrer Authenticator-App.',
      'Wenn Sie kein neues Passwort angefordert haben, können Sie diese Nachricht löschen; Ihr Passwort bleibt dann, wie es ist.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** Told after the password was changed from a link, so that the owner notices a change not made by them. */
export function passwordChangedMail(input: { loginLink: string }) {
  return {
    subject: 'Härtefallverfahren NRW: Ihr Passwort wurde geändert',
    text: [
      'Guten Tag,',
      '',
      'das Passwort Ihres Kontos wurde soeben neu festgelegt. Alle Anmeldungen wurden beendet.',
      `Anmelden: ${input.loginLink}`,
      'Wenn Sie das nicht waren, wenden Sie sich bitte sofort an die Geschäftsstelle.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}

/** A colleague's invitation into an organisation's account. */
export function invitationMail(input: { link: string; days: number; organisation: string; inviter: string }) {
  return {
    subject: 'Härtefallverfahren NRW: Einladung in ein Konto für Vertretungen',
    text: [
      'Guten Tag,',
      '',
      `${input.inviter || 'Eine Kollegin oder ein Kollege'} lädt Sie in das Konto von „${input.organisation}“ beim Härtefallverfahren NRW ein.`,
      'Dort sehen Sie die Entwürfe und Anträge Ihrer Organisation.',
      `Mit diesem Link legen Sie Ihren Zugang an; er gilt ${input.days} Tage:`,
      '',
      input.link,
      '',
      'Wenn Sie mit der Einladung nichts anfangen können, löschen Sie diese Nachricht; ohne Ihr Zutun entsteht kein Zugang.',
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}
