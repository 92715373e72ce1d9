/** German texts of the office's back office (the Geschäftsstelle works in German only). */
import type { CaseEventType, CaseState, CommandType } from '../../../src/domain/case/index.ts';

export const STATE_LABELS: Record<CaseState, string> = {
  received: 'Eingegangen',
  pre_check: 'In Vorprüfung',
  not_taken_up: 'Nicht zur Befassung angenommen',
  taken_up: 'Zur Befassung angenommen',
  statement_requested: 'Stellungnahme angefordert',
  statement_received: 'Stellungnahme eingegangen',
  ready_for_session: 'Bereit für eine Sitzung',
  scheduled: 'Auf der Tagesordnung',
  adjourned: 'Vertagt',
  hardship_request: 'Härtefallersuchen beschlossen',
  no_request: 'Kein Ersuchen',
  request_sent: 'Ersuchen versandt',
  authority_feedback: 'Rückmeldung der Ausländerbehörde',
  closed: 'Abgeschlossen',
  withdrawn: 'Zurückgenommen',
  settled_otherwise: 'Anderweitig erledigt',
};

export const EVENT_LABELS: Record<CaseEventType, string> = {
  Received: 'Antrag eingegangen',
  PreCheckStarted: 'Vorprüfung begonnen',
  ExclusionReviewRecorded: 'Prüfung der Ausschlussgründe erfasst',
  TakenUp: 'Zur Befassung angenommen',
  NotTakenUp: 'Nicht zur Befassung angenommen',
  StatementRequested: 'Stellungnahme angefordert',
  StatementReceived: 'Stellungnahme eingegangen',
  MarkedReadyForSession: 'Für eine Sitzung bereit gemeldet',
  StatementOverdueReleased: 'Ohne Stellungnahme freigegeben',
  ScheduledForSession: 'Auf die Tagesordnung gesetzt',
  Adjourned: 'Vertagt',
  HardshipRequestDecided: 'Härtefallersuchen beschlossen',
  NoRequestDecided: 'Kein Ersuchen beschlossen',
  RequestSent: 'Ersuchen versandt',
  AuthorityFeedbackReceived: 'Rückmeldung der Ausländerbehörde eingegangen',
  Closed: 'Verfahren abgeschlossen',
  Withdrawn: 'Antrag zurückgenommen',
  SettledOtherwise: 'Anderweitig erledigt',
  Reopened: 'Wiederaufgenommen',
};

export const CHANNEL_LABELS: Record<string, string> = {
  online: 'Online',
  post: 'Post',
  fax: 'Fax',
  email: 'E-Mail',
  de_mail: 'De-Mail',
};

export const ROLE_LABELS: Record<string, string> = {
  applicant: 'Antragsteller/in',
  representative: 'Vertretung',
  office_clerk: 'Geschäftsstelle',
  office_head: 'Leitung der Geschäftsstelle',
  admin: 'Administration',
  member: 'Mitglied',
  authority: 'Ausländerbehörde',
  system: 'System',
};

export const officeDe = {
  officeName: 'Geschäftsstelle',
  inboxTitle: 'Fälle',
  inboxLead: 'Alle Fälle, die neuesten zuerst. Dringende Fälle (Abschiebungstermin bekannt) sind markiert.',
  searchLabel: 'Suche',
  searchHint: 'Aktenzeichen, Namen (in jeder Schreibweise), Begriffe aus der Begründung oder Dateinamen',
  filterState: 'Stand',
  filterAll: 'Alle',
  filterOpen: 'Offene Fälle',
  filterButton: 'Anzeigen',
  colCaseNumber: 'Aktenzeichen',
  colReceived: 'Eingang',
  colChannel: 'Eingangsweg',
  colPersons: 'Personen',
  colState: 'Stand',
  colAuthority: 'Ausländerbehörde',
  colUrgent: 'Dringend',
  urgent: 'Abschiebungstermin bekannt',
  noCases: 'Keine Fälle gefunden.',
  pagesLabel: 'Seiten der Fallliste',
  pageRange: 'Fälle {from} bis {to}',
  pagePrevious: 'Vorherige Seite',
  pageNext: 'Nächste Seite',
  caseTitle: 'Fall {caseNumber}',
  sectionPersons: 'Personen',
  sectionRepresentative: 'Vertretung',
  sectionReasons: 'Begründung',
  sectionAnswers: 'Angaben zur Situation',
  sectionDocuments: 'Unterlagen',
  sectionHistory: 'Verlauf',
  noRepresentative: 'Keine Vertretung',
  documentDownload: 'Herunterladen',
  documentSpecial: 'besondere Kategorie',
  documentFlagged: 'aktive Inhalte – nur als Bild ansehen',
  documentLater: 'nachgereicht',
  noDocuments: 'Keine Unterlagen.',
  deportationDate: 'Abschiebungstermin',
  authorityNone: 'nicht zugeordnet',
  backToInbox: 'Zu den Fällen',
  repeatsTitle: 'Mögliche weitere Anträge derselben Person',
  repeatsText:
    'Diese Fälle betreffen eine Person mit demselben Geburtsjahr und einem gleichen oder ähnlich geschriebenen Namen. Ein erneuter Antrag setzt neue Tatsachen voraus.',
} as const;

/** The office's name for each step of the procedure (the button and heading of its form). */
export const COMMAND_LABELS: Record<CommandType, string> = {
  startPreCheck: 'Vorprüfung beginnen',
  recordExclusionReview: 'Prüfung der Ausschlussgründe erfassen',
  takeUp: 'Zur Befassung annehmen',
  notTakeUp: 'Nicht zur Befassung annehmen',
  requestStatement: 'Stellungnahme der Ausländerbehörde anfordern',
  receiveStatement: 'Eingang der Stellungnahme erfassen',
  markReadyForSession: 'Für eine Sitzung bereit melden',
  releaseOverdueStatement: 'Ohne Stellungnahme für eine Sitzung freigeben',
  scheduleForSession: 'Auf die Tagesordnung setzen',
  adjourn: 'Vertagen',
  decideHardshipRequest: 'Härtefallersuchen beschließen',
  decideNoRequest: 'Kein Ersuchen beschließen',
  sendRequest: 'Ersuchen an die Ausländerbehörde versenden',
  receiveAuthorityFeedback: 'Rückmeldung der Ausländerbehörde erfassen',
  close: 'Verfahren abschließen',
  withdraw: 'Rücknahme des Antrags erfassen',
  settleOtherwise: 'Anderweitige Erledigung erfassen',
  reopen: 'Verfahren wiederaufnehmen',
};

export const COMMAND_HINTS: Partial<Record<CommandType, string>> = {
  recordExclusionReview:
    'Zwingende Gründe schließen die Befassung aus; Regel-Gründe nur, wenn nicht mit Begründung abgewichen wird.',
  notTakeUp: 'Die Begründung wird in der Akte festgehalten.',
  releaseOverdueStatement: 'Nur möglich, wenn die Frist für die Stellungnahme abgelaufen ist.',
  reopen: 'Eine Wiederaufnahme braucht eine Begründung (zum Beispiel neue Tatsachen).',
};

export const stepTexts = {
  sectionSteps: 'Nächste Schritte',
  changedMeanwhile:
    'Der Fall wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Stand und wiederholen Sie den Schritt.',
  refused: 'Der Schritt wurde nicht ausgeführt:',
  badDate: 'Bitte geben Sie ein gültiges Datum an.',
  done: 'Der Schritt wurde ausgeführt.',
  uploadRefused: 'Die Datei wurde nicht angenommen:',
} as const;

export const intakeTexts = {
  title: 'Eingang per Post, Fax oder E-Mail erfassen',
  lead: 'Der Antrag wird ein Fall wie ein Online-Antrag. Das Schreiben selbst und die Anlagen fügen Sie danach in der Akte als Dokumente hinzu.',
  link: 'Eingang per Post, Fax oder E-Mail erfassen',
  channel: 'Eingangsweg',
  receivedOn: 'Eingangsdatum (Eingangsstempel)',
  mainPerson: 'Hauptantragstellerin oder Hauptantragsteller',
  furtherPerson: 'Weitere Person',
  address: 'Anschrift (soweit bekannt)',
  note: 'Notiz zum Eingang (zum Beispiel „Schreiben von RAin Müller, 12 Seiten“)',
  submit: 'Fall anlegen',
} as const;

export const documentTexts = {
  title: 'Dokument hinzufügen',
  lead: 'Zum Beispiel das eingescannte Schreiben, eine Stellungnahme per Post oder nachgereichte Unterlagen.',
  category: 'Art des Dokuments',
  file: 'Datei (PDF oder Bild)',
  submit: 'Hochladen',
} as const;

export const OFFICE_DOCUMENT_LABELS: Record<string, string> = {
  application_letter: 'Antragsschreiben',
  authority_statement: 'Stellungnahme der Ausländerbehörde',
  correspondence: 'Schriftverkehr',
};

export const deskTexts = {
  assignee: 'Bearbeitung durch',
  nobody: 'noch niemand',
  assign: 'Zuweisen',
  notes: 'Interne Notizen',
  noNotes: 'Noch keine Notizen.',
  newNote: 'Neue Notiz',
  noteHint:
    'Nur für die Geschäftsstelle sichtbar, nie für die Antragstellenden, die Ausländerbehörde oder die Kommission.',
  addNote: 'Notiz speichern',
  mine: 'Meine Fälle',
  all: 'Alle Fälle',
  colAssignee: 'Bearbeitung',
  requests: 'Anforderung von Unterlagen',
  noRequests: 'Noch keine Unterlagen angefordert.',
  requestText: 'Welche Unterlagen fehlen?',
  requestHint: 'Der Text erscheint auf der Statusseite der Antragstellenden und in der E-Mail an sie.',
  dueOn: 'Frist',
  request: 'Unterlagen anfordern',
  answered: 'beantwortet am',
  open: 'offen',
  receiptTitle: 'Eingangsbestätigung',
  receiptHint:
    'Für einen Antrag per Post, Fax oder E-Mail: erst die eingescannten Unterlagen erfassen, dann die Bestätigung erstellen. Sie nennt die Personen und jedes Dokument mit seiner Prüfsumme und liegt danach unter „Briefe“ zum Drucken bereit.',
  receiptButton: 'Eingangsbestätigung erstellen',
  receiptQueued:
    'Die Eingangsbestätigung wird erstellt; sie erscheint in wenigen Augenblicken unter „Briefe“.',
  authorityTitle: 'Zuständige Ausländerbehörde',
  authorityNow: 'Zuständig ist: {name}.',
  authorityNone: 'Noch keine Behörde zugeordnet (die Anschrift ließ sich keiner Gemeinde in NRW zuordnen).',
  authoritySelect: 'Neue zuständige Behörde',
  authorityChoose: 'Bitte auswählen',
  authorityReason: 'Begründung',
  authorityReasonHint:
    'Zum Beispiel: Umzug nach …, die Behörde hat ihre Zuständigkeit verneint. Die Begründung kommt in die internen Notizen.',
  authorityChangeHint:
    'Die neue Behörde sieht den Fall in ihrem Portal und erhält das Schreiben des Schritts, um den es jetzt geht (etwa die Anforderung der Stellungnahme); die bisherige sieht ihn nicht mehr.',
  authorityChange: 'Zuständigkeit ändern',
  authorityChanged: 'Die zuständige Ausländerbehörde ist geändert.',
} as const;

/** Deadlines and the further filters of the case list. */
export const deadlineTexts = {
  colDeadline: 'Frist',
  statement: 'Stellungnahme',
  documents: 'Unterlagen',
  overdue: 'überfällig',
  filterDeadline: 'Fristen',
  filterDeadlineAny: 'Alle',
  filterDeadlineOverdue: 'Nur überfällige Fristen',
  filterAuthority: 'Ausländerbehörde',
  filterAuthorityAny: 'Alle',
  overdueLink: 'Überfällige Fristen',
  overdueLead: 'Fälle mit abgelaufener Frist, die älteste Frist zuerst.',
};

/** The pre-check on the exclusion grounds: the step's form and the section of the case file. */
export const exclusionTexts = {
  decidedByLegend: 'Wer hat entschieden?',
  decidedByOffice: 'Geschäftsstelle',
  decidedByCommittee: 'Vorprüfungsausschuss',
  byCommitteeHistory: 'Beschluss des Vorprüfungsausschusses',
  groundsLegend: 'Zutreffende Ausschlussgründe (keiner angekreuzt: keiner liegt vor)',
  mandatory: 'zwingend',
  asARule: 'in der Regel',
  notesLegend: 'Anmerkungen zu den Gründen',
  notesHint:
    'Freiwillig: was geprüft wurde und mit welchem Ergebnis, zum Beispiel „Auskunft aus dem Bundeszentralregister liegt vor, keine Eintragung“.',
  noteLabel: 'Anmerkung: {ground}',
  sectionTitle: 'Vorprüfung: Ausschlussgründe',
  notReviewed: 'Die Ausschlussgründe sind noch nicht geprüft.',
  found: 'liegt vor',
  notFound: 'liegt nicht vor',
  catalogue: 'Katalog {version}',
  statementDocument: 'Dokument mit der Stellungnahme (falls schon hochgeladen)',
  statementDocumentNone: 'kein Dokument zuordnen',
} as const;

export const letterTexts = {
  section: 'Briefe',
  none: 'Noch keine Briefe.',
  colDate: 'Datum',
  colTemplate: 'Schreiben',
  colAddressee: 'An',
  colChannel: 'Versand',
  colFile: 'Datei',
  version: 'Fassung',
  download: 'Herunterladen',
  forPrint: 'Zum Drucken: bitte ausdrucken und per Post versenden',
  addressees: {
    applicant: 'Antragsteller/in',
    representative: 'Vertretung',
    authority: 'Ausländerbehörde',
  } as Record<string, string>,
  channels: {
    mail: 'E-Mail mit Anhang',
    portal: 'Behördenportal (Hinweis per E-Mail ohne personenbezogene Daten)',
    print: 'Post (Druck)',
  } as Record<string, string>,
} as const;

/** Changing the responsible immigration authority of a case: errors at the fields and the case note. */
export const authorityChangeTexts = {
  chooseAuthority: 'Bitte wählen Sie die zuständige Ausländerbehörde.',
  reasonMissing: 'Bitte begründen Sie die Änderung der Zuständigkeit.',
  reasonTooLong: 'Die Begründung ist zu lang (höchstens 2.000 Zeichen).',
  unknownAuthority: 'Diese Behörde gibt es nicht.',
  caseClosed: 'Der Fall ist abgeschlossen; die Zuständigkeit bleibt, wie sie war.',
  alreadyResponsible: 'Diese Behörde ist schon zuständig.',
  none: 'keine',
  note: 'Zuständige Ausländerbehörde geändert: {previous} → {next}. Begründung: {reason}',
} as const;
