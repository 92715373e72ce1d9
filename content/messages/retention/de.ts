/** German texts of retention, deletion, the archive package and the export of one person's data. */
import type { CaseOutcome } from '../../../src/domain/rules/profile.ts';

export const OUTCOME_LABELS: Record<CaseOutcome, string> = {
  hardship_request: 'Härtefallersuchen',
  no_request: 'Kein Ersuchen',
  not_taken_up: 'Nicht zur Befassung angenommen',
  withdrawn: 'Zurückgenommen',
  settled_otherwise: 'Anderweitig erledigt',
};

export const retentionTexts = {
  navDisposal: 'Aussonderung und Löschung',
  navExport: 'Auskunft über eine Person',
  title: 'Aussonderung und Löschung',
  lead: 'Abgeschlossene Fälle, deren Aufbewahrungsfrist abgelaufen ist. Vor der Löschung wird für jeden Fall ein Aussonderungspaket für das Landesarchiv erstellt; danach bleibt nur ein Löschnachweis ohne personenbezogene Daten.',
  periodsToConfirm:
    'Die Aufbewahrungsfristen im Verfahrensprofil sind ein Vorschlag und von der Geschäftsstelle (mit der oder dem Datenschutzbeauftragten) noch zu bestätigen.',
  dueTitle: 'Zur Löschung fällig',
  noneDue: 'Zurzeit ist kein Fall zur Löschung fällig.',
  colSelect: 'Auswahl',
  colCaseNumber: 'Aktenzeichen',
  colOutcome: 'Ergebnis',
  colClosedOn: 'Abgeschlossen am',
  colDueSince: 'Fällig seit',
  colHold: 'Löschsperre',
  colStatus: 'Stand',
  colDeletedOn: 'Gelöscht am',
  colApproved: 'Freigegeben',
  colArchive: 'Aussonderungspaket',
  holdActive: 'Löschsperre seit {date}',
  holdNone: 'keine',
  holdLink: 'verwalten',
  selectCase: 'Fall {caseNumber} zur Löschung auswählen',
  prepare: 'Löschung der ausgewählten Fälle vorbereiten',
  selectionLegend: 'Fälle zur Löschung',
  noSelection: 'Bitte wählen Sie mindestens einen Fall aus, der gelöscht werden soll.',
  errorTitle: 'Es gibt ein Problem',
  confirmTitle: 'Löschung freigeben',
  confirmLead:
    'Diese Fälle werden gelöscht: zuerst wird für jeden ein Aussonderungspaket für das Landesarchiv erstellt, dann werden alle Daten und Dateien des Falls gelöscht. Das lässt sich nicht rückgängig machen.',
  confirmCheck: 'Ich habe die Fälle geprüft und gebe ihre Löschung frei.',
  confirmMissing: 'Bitte bestätigen Sie, dass Sie die Fälle geprüft haben und die Löschung freigeben.',
  confirmButton: 'Löschung freigeben',
  cancel: 'Abbrechen',
  approved:
    'Zur Löschung freigegeben: {count} Fall/Fälle. Für jeden wird zuerst das Aussonderungspaket erstellt, danach wird gelöscht.',
  skipped: 'Nicht freigegeben, weil nicht mehr fällig, gesperrt oder schon freigegeben: {list}.',
  runningTitle: 'Löschung läuft',
  statusApproved: 'freigegeben, Paket wird erstellt',
  statusArchived: 'Paket erstellt, Daten werden gelöscht',
  statusDeleted: 'gelöscht',
  deletedTitle: 'Gelöschte Fälle (Löschnachweise)',
  noneDeleted: 'Noch kein Fall gelöscht.',
  download: 'Paket {caseNumber} herunterladen',
  handOver: 'Übergabe von {caseNumber} vermerken',
  handOverCheck: 'Das Paket {caseNumber} ist dem Landesarchiv übergeben.',
  handOverMissing: 'Bitte bestätigen Sie die Übergabe an das Landesarchiv.',
  handedOver: 'übergeben am {date}; das Paket ist hier gelöscht',
  awaitingHandOver: 'liegt zur Übergabe bereit',
  packagesTitle: 'Pakete zur Übergabe an das Landesarchiv',
  handedOverDone: 'Die Übergabe ist vermerkt; das Paket wird aus dem Dateispeicher gelöscht.',
  sha: 'SHA-256',
  holdsTitle: 'Löschsperren',
  noHolds: 'Keine Löschsperren.',
  holdTitle: 'Löschsperre für Fall {caseNumber}',
  holdLead:
    'Eine Löschsperre verhindert die Löschung des Falls, auch wenn die Aufbewahrungsfrist abgelaufen ist (zum Beispiel wegen eines gerichtlichen Verfahrens oder eines Auskunftsersuchens).',
  holdSince: 'Gesperrt seit',
  holdBy: 'Gesetzt von',
  holdReason: 'Grund',
  holdSetReason: 'Grund für die Löschsperre',
  holdSetHint: 'Wird im Fall gespeichert, nicht im Protokoll. Höchstens 2.000 Zeichen.',
  holdSet: 'Löschsperre setzen',
  holdLiftReason: 'Grund für die Aufhebung',
  holdLift: 'Löschsperre aufheben',
  holdSetDone: 'Die Löschsperre ist gesetzt.',
  holdLiftDone: 'Die Löschsperre ist aufgehoben.',
  holdReasonMissing: 'Bitte geben Sie einen Grund an.',
  holdReasonTooLong: 'Der Grund ist zu lang (höchstens 2.000 Zeichen).',
  holdExists: 'Für diesen Fall besteht schon eine Löschsperre.',
  holdMissing: 'Für diesen Fall besteht keine Löschsperre.',
  caseFileSection: 'Aufbewahrung',
  caseFileRunning: 'Das Verfahren läuft; eine Aufbewahrungsfrist beginnt mit dem Abschluss.',
  caseFileRetained: 'Aufbewahrung bis {date}, danach zur Löschung fällig.',
  caseFileDue: 'Zur Löschung fällig seit {date}.',
  caseFileHeld: 'Löschsperre seit {date}.',
  caseFileHoldLink: 'Löschsperre verwalten',
  back: 'Zurück zur Aussonderung',
  archiveReadme: `Aussonderungspaket der Härtefallkommission Nordrhein-Westfalen

akte.json     Beschreibung des Falls: Aktenzeichen, Personen, Antrag, Verlauf, Nachrichten,
              Notizen, Anforderungen von Unterlagen, Briefe und die Liste der Dokumente
              mit ihrer SHA-256-Prüfsumme.
dokumente/    Alle Dokumente des Falls, unverändert (bytegleich mit dem gespeicherten Original).
SHA256SUMS    Prüfsummen aller Dateien; prüfen mit: sha256sum -c SHA256SUMS

Das Paket enthält personenbezogene Daten, auch besonderer Kategorien (Gesundheit, Strafsachen).
`,
} as const;

export const exportTexts = {
  title: 'Auskunft über eine Person',
  lead: 'Auskunft nach Art. 15 DSGVO: Suchen Sie die Person, wählen Sie alle Einträge, die diese Person betreffen (auch in früheren Fällen), und laden Sie die Daten als ZIP-Datei herunter. Prüfen Sie die Datei vor der Herausgabe auf Angaben Dritter.',
  searchLabel: 'Name oder Aktenzeichen',
  searchHint: 'Namen in jeder Schreibweise; dieselbe Suche wie in der Fallliste',
  search: 'Suchen',
  searchMissing: 'Bitte geben Sie einen Namen oder ein Aktenzeichen ein.',
  noMatch: 'Keine Person gefunden.',
  resultsTitle: 'Gefundene Personen',
  personsLegend: 'Einträge dieser Person',
  personsHint: 'Wählen Sie jeden Eintrag, der dieselbe Person betrifft.',
  personOption: '{name}, geboren {birth} – Fall {caseNumber}',
  noSelection: 'Bitte wählen Sie mindestens einen Eintrag der Person aus.',
  errorTitle: 'Es gibt ein Problem',
  download: 'Auskunft herunterladen (ZIP)',
  readme: `Auskunft nach Art. 15 DSGVO – Härtefallkommission Nordrhein-Westfalen

auskunft.json Alle gespeicherten Daten zu der Person: ihre Einträge, jeder Fall, in dem sie
              vorkommt (Antrag, Verlauf, Nachrichten, Notizen, Anforderungen, Briefe),
              die Angaben zu den Dokumenten und die Aufbewahrungsfristen.
dokumente/    Die Dokumente, die die Person betreffen, unverändert.
SHA256SUMS    Prüfsummen aller Dateien; prüfen mit: sha256sum -c SHA256SUMS
`,
  purposes:
    'Durchführung des Härtefallverfahrens nach § 23a Aufenthaltsgesetz und der Härtefallkommissionsverordnung NRW.',
  recipients:
    'Die zuständige Ausländerbehörde (Stellungnahme, Härtefallersuchen), die Mitglieder der Härtefallkommission (Beratung in der Sitzung).',
} as const;
