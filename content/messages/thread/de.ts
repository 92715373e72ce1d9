/** Texts of the message thread on the applicant's status page (German; en and ar have every key). */
export const threadDe = {
  title: 'Nachrichten',
  lead: 'Hier können Sie der Geschäftsstelle schreiben, zum Beispiel eine Frage stellen oder etwas ergänzen. Die Antwort erscheint auf dieser Seite; wenn Sie eine E-Mail-Adresse angegeben haben, erhalten Sie einen Hinweis per E-Mail.',
  empty: 'Noch keine Nachrichten.',
  fromYou: 'Sie',
  fromOffice: 'Geschäftsstelle',
  wroteOn: 'am {date}',
  unreadTag: 'neu',
  unreadBannerTitle: 'Neue Nachricht der Geschäftsstelle',
  unreadBannerLink: 'Zu den Nachrichten',
  label: 'Ihre Nachricht',
  hint: 'Sie können in jeder Sprache schreiben. Höchstens 5.000 Zeichen. Unterlagen reichen Sie bitte über „Unterlagen nachreichen“ ein.',
  send: 'Nachricht senden',
  sent: 'Ihre Nachricht wurde gesendet.',
  closedNote: 'Das Verfahren ist beendet. Neue Nachrichten sind über diese Seite nicht mehr möglich.',
  error_empty: 'Bitte schreiben Sie eine Nachricht.',
  error_too_long: 'Die Nachricht ist zu lang. Bitte kürzen Sie sie auf höchstens 5.000 Zeichen.',
  error_broken: 'Die Nachricht enthält unlesbare Zeichen. Bitte geben Sie den Text erneut ein.',
  error_closed: 'Das Verfahren ist beendet. Die Nachricht wurde nicht gesendet.',
  error_too_many:
    'Die Geschäftsstelle hat Ihre bisherigen Nachrichten noch nicht gelesen. Bitte warten Sie, bis sie sie gelesen hat, und schreiben Sie dann wieder.',
} as const;

export type ThreadKey = keyof typeof threadDe;
export type ThreadCatalog = { readonly [K in ThreadKey]: string };
