/** German UI texts: the source catalogue. Every other language must have the same keys. */
export const de = {
  serviceName: 'Härtefallverfahren NRW',
  serviceOwner: 'Härtefallkommission des Landes Nordrhein-Westfalen',
  skipLink: 'Zum Inhalt springen',
  languageNav: 'Sprache wählen',
  footerNav: 'Service und Rechtliches',
  accessibility: 'Erklärung zur Barrierefreiheit',
  feedback: 'Barriere melden',
  privacy: 'Datenschutz',
  imprint: 'Impressum',
  officialSite: 'Ein Angebot des Landes Nordrhein-Westfalen',
  germanIsBinding:
    'Der Antrag muss in deutscher Sprache gestellt werden. Maßgeblich ist die deutsche Fassung.',
  errorNotFoundTitle: 'Seite nicht gefunden',
  errorNotFoundText:
    'Die Adresse ist falsch oder die Seite gibt es nicht mehr. Prüfen Sie die Adresse oder gehen Sie zur Startseite.',
  errorBadRequestTitle: 'Die Anfrage konnte nicht verarbeitet werden',
  errorBadRequestText:
    'Die übermittelten Angaben sind unvollständig oder fehlerhaft. Bitte gehen Sie zurück und versuchen Sie es noch einmal.',
  errorForbiddenTitle: 'Anfrage abgelehnt',
  errorForbiddenText:
    'Diese Anfrage kam nicht von unserer Seite und wurde zu Ihrem Schutz abgelehnt. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  errorTooManyTitle: 'Zu viele Anfragen',
  errorTooManyText: 'Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal.',
  errorServerTitle: 'Es ist ein technischer Fehler aufgetreten',
  errorServerText:
    'Ihre bisherigen Angaben sind nicht verloren. Bitte versuchen Sie es in einigen Minuten noch einmal.',
  errorReference: 'Fehlernummer für Rückfragen',
  backToStart: 'Zur Startseite',
  accessibilityTitle: 'Erklärung zur Barrierefreiheit',
  accessibilityIntro:
    'Die Härtefallkommission des Landes Nordrhein-Westfalen ist bemüht, dieses Angebot im Einklang mit der Barrierefreie-Informationstechnik-Verordnung NRW (BITV NRW) barrierefrei zugänglich zu machen.',
  accessibilityStatusTitle: 'Stand der Vereinbarkeit',
  accessibilityStatus:
    'Dieses Angebot befindet sich im Aufbau. Jede Seite wird automatisch auf Verstöße gegen WCAG 2.1 Stufe A und AA geprüft. Eine Prüfung durch Fachleute steht noch aus; bis dahin ist das Angebot teilweise vereinbar.',
  accessibilityFeedbackTitle: 'Feedback und Kontakt',
  accessibilityFeedback:
    'Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie der Geschäftsstelle. Wir antworten innerhalb von sechs Wochen.',
  accessibilityEnforcementTitle: 'Durchsetzungsverfahren',
  accessibilityEnforcement:
    'Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden.',
  contactPending: 'Die Kontaktadresse der Geschäftsstelle wird vor dem Produktivbetrieb ergänzt.',
  privacyTitle: 'Datenschutz',
  privacyText:
    'Ihre Angaben werden nur für das Härtefallverfahren verarbeitet, verschlüsselt gespeichert und nach Ablauf der Aufbewahrungsfristen gelöscht. Die vollständigen Datenschutzhinweise werden vor dem Produktivbetrieb ergänzt.',
  imprintTitle: 'Impressum',
  imprintText:
    'Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration des Landes Nordrhein-Westfalen – Geschäftsstelle der Härtefallkommission. Die vollständigen Angaben werden vor dem Produktivbetrieb ergänzt.',
} as const;

export type MessageKey = keyof typeof de;
export type Catalog = { readonly [K in MessageKey]: string };
