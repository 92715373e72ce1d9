/** The office's side of the message thread with the applicant or representative (German only). */
export const officeThreadTexts = {
  title: 'Nachrichten',
  lead: 'Nachrichten mit den Antragstellenden oder der Vertretung. Sie sehen sie auf ihrer Statusseite; bei einer Antwort der Geschäftsstelle erhalten sie eine E-Mail ohne den Text.',
  empty: 'Noch keine Nachrichten.',
  unreadTag: 'neu',
  label: 'Antwort an die Antragstellenden',
  hint: 'Höchstens 5.000 Zeichen. Keine internen Vermerke – dafür gibt es die Notizen.',
  send: 'Nachricht senden',
  office: 'Geschäftsstelle',
  colMessages: 'Nachrichten',
  unreadCount: '{count} neu',
  filterUnread: 'Fälle mit ungelesenen Nachrichten',
  filterAll: 'Alle Fälle',
  error_empty: 'Bitte schreiben Sie eine Nachricht.',
  error_too_long: 'Die Nachricht ist zu lang (höchstens 5.000 Zeichen).',
  error_broken: 'Die Nachricht enthält unlesbare Zeichen. Bitte geben Sie den Text erneut ein.',
  error_closed: 'Das Verfahren ist beendet.',
} as const;
