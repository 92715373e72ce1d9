/** German texts of the members' view (/kommission), the session pack and the office's choice for the pack. */

export const RELATION_LABELS: Record<string, string> = {
  main_applicant: 'Antragsteller/in',
  spouse: 'Ehefrau oder Ehemann',
  partner: 'Partnerin oder Partner',
  child: 'Kind',
  parent: 'Elternteil',
  sibling: 'Geschwister',
  other: 'Angehörige/r',
};

export const PART_TITLES = {
  summary: 'Übersicht',
  application: 'Antrag',
  statement: 'Stellungnahme der Ausländerbehörde',
} as const;

export const memberTexts = {
  homeTitle: 'Ihre Sitzungen',
  homeLead:
    'Hier sehen Sie die Sitzungen der Härtefallkommission, zu denen Sie eingeladen sind, mit der Tagesordnung und der Sitzungsmappe. Alle Inhalte sind vertraulich. Jeder Abruf wird protokolliert.',
  upcoming: 'Kommende Sitzungen',
  past: 'Vergangene Sitzungen (Mappe noch abrufbar)',
  none: 'Zurzeit gibt es keine Sitzung, zu der Sie eingeladen sind.',
  nonePast: 'Keine.',
  colDate: 'Termin',
  colPlace: 'Ort',
  colAgenda: 'Tagesordnung',
  agendaCount: '{n} Fälle',
  packUntil: 'Mappe abrufbar bis {date}',
  back: 'Zu Ihren Sitzungen',
  sessionTitle: 'Sitzung am {date}',
  overview: 'Überblick',
  place: 'Ort',
  chair: 'Vorsitz',
  agenda: 'Tagesordnung',
  agendaEmpty: 'Auf der Tagesordnung steht noch kein Fall.',
  colNumber: 'Nr.',
  colCase: 'Aktenzeichen',
  colPersons: 'Personen und Staatsangehörigkeit',
  pack: 'Sitzungsmappe',
  packLead:
    'Die Mappe enthält zu jedem Fall eine Übersicht, den Antrag, die Stellungnahme der Ausländerbehörde und die von der Geschäftsstelle ausgewählten Nachweise. Jede Seite trägt Ihren Namen und das Datum des Abrufs. Bitte geben Sie die Mappe nicht weiter.',
  packDownload: 'Sitzungsmappe herunterladen (PDF)',
  packAvailableUntil: 'Die Mappe ist bis einschließlich {date} abrufbar.',
  packExpiredTitle: 'Die Sitzungsmappe ist nicht mehr abrufbar',
  packExpired:
    'Die Mappe dieser Sitzung war bis einschließlich {date} abrufbar. Wenn Sie Unterlagen noch benötigen, wenden Sie sich bitte an die Geschäftsstelle.',
  caseTitle: 'Fall {caseNumber}',
  caseLead: 'Tagesordnungspunkt {n} der Sitzung am {date}.',
  backToSession: 'Zur Sitzung am {date}',
  backToSessionShort: 'Zur Sitzung',
  received: 'Eingang',
  authority: 'Ausländerbehörde',
  persons: 'Personen',
  summary: 'Kurzfassung der Gründe',
  summaryNone: 'Der Antrag ist formlos eingegangen; die Gründe stehen im Antragsschreiben in der Mappe.',
  unknown: 'nicht angegeben',
  bornIn: 'geb. {date}',
} as const;

export const packTexts = {
  title: 'Sitzungsmappe der Härtefallkommission vom {date}',
  subject: 'Vertrauliche Unterlagen für die Sitzung',
  watermark: 'Vertraulich – nur für {name} – abgerufen am {date}',
  page: 'Seite {n} von {total}',
  unreadable:
    'Dieses Dokument konnte nicht in die Mappe übernommen werden (zum Beispiel weil es verschlüsselt oder beschädigt ist). Sie können es in der Geschäftsstelle einsehen.',
  coverTitle: 'Deckblatt und Tagesordnung',
  coverHeading: 'Sitzungsmappe',
  coverIntro:
    'Sitzung der Härtefallkommission am {date}, {place}. Vertraulich: nur für {name}. Die Beratungen, die Falldaten und die Abstimmungen sind vertraulich (§ 6 HFKVO NRW). Bitte geben Sie diese Mappe nicht weiter und vernichten Sie Ausdrucke nach der Sitzung.',
  agenda: 'Tagesordnung',
  caseBookmark: '{n}. {caseNumber} – {names}',
  summaryHeading: 'Übersicht zu {caseNumber}',
  summaryFacts: 'Angaben zum Fall',
  caseNumber: 'Aktenzeichen',
  item: 'Tagesordnungspunkt',
  received: 'Eingang',
  authority: 'Ausländerbehörde',
  persons: 'Personen',
  reasons: 'Kurzfassung der Gründe',
  contents: 'In dieser Mappe',
  notInPack:
    'Weitere {n} Unterlagen der Akte sind nicht in der Mappe. Sie können sie in der Geschäftsstelle einsehen.',
  evidence: 'Nachweis: {title} ({file})',
  runningHeader: 'Sitzungsmappe · {caseNumber}',
} as const;

export const packChoiceTexts = {
  section: 'Sitzungsmappe',
  sectionLead:
    'Jedes eingeladene Mitglied kann die Mappe in seiner Ansicht herunterladen, bis {date}. Sie enthält zu jedem Fall eine Übersicht, den Antrag und die Stellungnahme; Nachweise nur, wenn Sie sie hier auswählen.',
  chooseLink: 'Unterlagen für die Mappe auswählen',
  chosenCount: '{n} Nachweise ausgewählt',
  title: 'Unterlagen für die Sitzungsmappe: {caseNumber}',
  lead: 'Der Antrag und die Stellungnahme der Ausländerbehörde sind immer in der Mappe. Wählen Sie die Nachweise, die die Mitglieder für die Beratung brauchen.',
  always: 'Immer in der Mappe',
  alwaysNone: 'Zu diesem Fall liegen weder ein Antrag als PDF noch eine Stellungnahme vor.',
  ordinary: 'Nachweise',
  ordinaryHint: 'Ausgewählte Nachweise kommen in die Mappe.',
  ordinaryNone: 'Keine weiteren Nachweise in der Akte.',
  special: 'Gesundheitsdaten und Strafsachen',
  specialHint:
    'Diese Unterlagen enthalten besondere Kategorien personenbezogener Daten (Art. 9 und 10 DSGVO). Nehmen Sie sie nur auf, wenn die Kommission sie für die Beratung braucht.',
  specialNone: 'Keine Unterlagen dieser Art in der Akte.',
  save: 'Auswahl speichern',
  saved: 'Die Auswahl für die Sitzungsmappe ist gespeichert.',
  locked: 'Das Protokoll ist genehmigt; die Auswahl kann nicht mehr geändert werden.',
  back: 'Zur Sitzung',
  uploaded: 'eingegangen am {date}',
} as const;
