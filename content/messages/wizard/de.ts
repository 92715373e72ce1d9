/**
 * German texts of the online application (the source catalogue). Other languages may leave keys
 * out: German stands in for them. What is filed stays German whatever the UI language.
 */
export const wizardDe = {
  // Start and self-check
  startTitle: 'Härtefallantrag online stellen',
  startLead:
    'Mit diesem Online-Antrag bitten Sie die Härtefallkommission des Landes Nordrhein-Westfalen, sich mit Ihrem Fall zu befassen. Sie können den Antrag für sich, für Ihre Familie oder als Bevollmächtigte oder Bevollmächtigter stellen.',
  startNeedTitle: 'Was Sie brauchen',
  startNeed1:
    'Name, Geburtsdatum, Geburtsort, Staatsangehörigkeit und Anschrift jeder Person, für die der Antrag gestellt wird',
  startNeed2: 'eine ausführliche Begründung in deutscher Sprache',
  startNeed3: 'Kopien Ihrer Nachweise, zum Beispiel als Foto mit dem Handy oder als PDF',
  startSaveTitle: 'Nichts geht verloren',
  startSave:
    'Ihre Angaben werden bei jedem Schritt gespeichert. Sie erhalten einen geheimen Link, mit dem Sie den Antrag später auf jedem Gerät fortsetzen können. Ein Benutzerkonto brauchen Sie nicht.',
  startNoFee: 'Der Antrag ist kostenlos. Es gibt keine Frist.',
  startNoProtection:
    'Wichtig: Der Antrag schützt nicht vor einer Abschiebung. Nur die Härtefallkommission entscheidet, ob sie sich mit Ihrem Fall befasst.',
  startButton: 'Antrag beginnen',
  startSelfCheckLink: 'Vorher unverbindlich prüfen, ob die Voraussetzungen vorliegen',
  startResumeHint: 'Sie haben schon begonnen? Öffnen Sie den Link zum Fortsetzen, den Sie erhalten haben.',
  selfCheckTitle: 'Unverbindliche Selbstprüfung',
  selfCheckLead:
    'Drei Fragen helfen einzuschätzen, ob die Voraussetzungen für ein Härtefallverfahren vorliegen. Die Antworten werden nicht gespeichert und hindern Sie nicht daran, einen Antrag zu stellen.',
  selfCheckObliged: 'Sind Sie vollziehbar ausreisepflichtig (zum Beispiel mit einer Duldung)?',
  selfCheckNrw: 'Wohnen Sie in Nordrhein-Westfalen?',
  selfCheckPresent: 'Halten Sie sich zurzeit in Deutschland auf?',
  yes: 'Ja',
  no: 'Nein',
  dontKnow: 'Weiß ich nicht',
  selfCheckButton: 'Ergebnis anzeigen',
  selfCheckResultTitle: 'Ergebnis der Selbstprüfung',
  selfCheckAllYes:
    'Nach Ihren Antworten liegen die Grundvoraussetzungen vor. Ob die Kommission sich mit Ihrem Fall befasst, entscheidet sie selbst.',
  selfCheckSomeNo:
    'Nach Ihren Antworten fehlt mindestens eine Voraussetzung. Die Kommission wird sich dann in der Regel nicht mit dem Fall befassen. Sie können trotzdem einen Antrag stellen; lassen Sie sich am besten vorher beraten, zum Beispiel bei einer Flüchtlingsberatungsstelle.',
  selfCheckUnknown:
    'Einige Fragen konnten Sie nicht beantworten. Eine Beratungsstelle oder Ihre Anwältin oder Ihr Anwalt kann Ihnen helfen, das zu klären.',
  selfCheckGroundsTitle: 'Ausschlussgründe',
  selfCheckGroundsLead:
    'Auch wenn die Voraussetzungen vorliegen, befasst sich die Kommission nicht oder in der Regel nicht mit einem Fall, wenn einer dieser Gründe vorliegt:',
  selfCheckMandatory: 'Zwingende Ausschlussgründe',
  selfCheckAsARule: 'Ausschlussgründe in der Regel (die Kommission kann mit Begründung abweichen)',
  selfCheckOnlyCommission: 'Diese Prüfung ist unverbindlich. Nur die Härtefallkommission entscheidet.',
  back: 'Zurück',

  // Draft frame
  draftNotFoundTitle: 'Dieser Link ist nicht gültig',
  draftNotFoundText:
    'Zu diesem Link gibt es keinen Antrag. Bitte prüfen Sie, ob Sie den Link vollständig kopiert haben. Sie können auch einen neuen Antrag beginnen.',
  draftExpiredTitle: 'Dieser Entwurf ist abgelaufen',
  draftExpiredText:
    'Entwürfe werden 180 Tage nach der letzten Änderung gelöscht. Bitte beginnen Sie einen neuen Antrag.',
  noDraftTitle: 'Kein Antrag geöffnet',
  noDraftText:
    'In diesem Browser ist kein Antrag geöffnet. Öffnen Sie den Link zum Fortsetzen, den Sie erhalten haben, oder beginnen Sie einen neuen Antrag.',
  conflictText:
    'Der Antrag wurde inzwischen in einem anderen Fenster oder auf einem anderen Gerät geändert. Bitte prüfen Sie die Angaben und speichern Sie noch einmal.',
  errorSummaryTitle: 'Es gibt ein Problem',
  errorPrefix: 'Fehler:',
  savedNotice: 'Ihre Angaben wurden gespeichert.',
  saveAndContinue: 'Speichern und weiter',
  saveAndBack: 'Speichern und zur Übersicht',
  toTaskList: 'Zur Übersicht',
  germanNotice: 'Bitte schreiben Sie alle Angaben auf Deutsch. Die Seiten können Sie in Ihrer Sprache lesen.',

  // Task list
  tasksTitle: 'Ihr Antrag',
  tasksLead:
    'Personen, Vertretung und Begründung können Sie in beliebiger Reihenfolge ausfüllen; die Nachweise ergeben sich aus diesen Angaben. Alles wird sofort gespeichert.',
  tasksProgress: 'Erledigt: {done} von {total} Teilen',
  statusNotStarted: 'Nicht begonnen',
  statusInProgress: 'Begonnen',
  statusCompleted: 'Erledigt',
  statusCannotStartYet: 'Noch nicht möglich',
  taskPersons: 'Personen',
  taskPersonsHint: 'Für wen wird der Antrag gestellt?',
  taskRepresentative: 'Vertretung',
  taskRepresentativeHint: 'Stellt eine Anwältin, ein Anwalt oder eine Beratungsstelle den Antrag?',
  taskReasons: 'Begründung',
  taskReasonsHint: 'Fragen zur Situation und die ausführliche Begründung',
  taskEvidence: 'Nachweise',
  taskEvidenceHint:
    'Welche Unterlagen Sie beifügen – erst möglich, wenn Personen, Vertretung und Fragen ausgefüllt sind',
  taskCheck: 'Angaben prüfen und absenden',
  resumeTitle: 'Link zum Fortsetzen',
  resumeLead:
    'Mit diesem Link können Sie den Antrag auf jedem Gerät fortsetzen. Bewahren Sie ihn sicher auf und geben Sie ihn nicht weiter: Wer ihn kennt, kann Ihre Angaben lesen.',
  resumeKeptUntil: 'Der Entwurf wird bis zum {date} aufbewahrt; jede Änderung verlängert die Frist.',
  resumeEmailLabel: 'Link per E-Mail senden (freiwillig)',
  resumeEmailHint:
    'Wir senden den Link an diese Adresse. Die Adresse wird nur dafür und für die Eingangsbestätigung verwendet.',
  resumeEmailButton: 'Link senden',
  resumeEmailSent: 'Der Link wurde an Ihre E-Mail-Adresse gesendet.',
  resumePrint: 'Sie können diese Seite auch drucken.',

  // Persons
  personsTitle: 'Personen',
  personsLead:
    'Nennen Sie alle Personen, für die der Antrag gestellt wird, zum Beispiel die ganze Familie. Beginnen Sie mit der Hauptantragstellerin oder dem Hauptantragsteller.',
  personsNone: 'Noch keine Person eingetragen.',
  personAdd: 'Person hinzufügen',
  personAddFirst: 'Erste Person eintragen',
  personEdit: 'Ändern',
  personRemove: 'Entfernen',
  personIncomplete: 'Angaben unvollständig',
  personComplete: 'Angaben vollständig',
  personTitleNew: 'Angaben zur Person',
  personRelation:
    'In welcher Beziehung steht die Person zur Hauptantragstellerin oder zum Hauptantragsteller?',
  relation_main_applicant: 'Hauptantragstellerin oder Hauptantragsteller',
  relation_spouse: 'Ehefrau oder Ehemann',
  relation_partner: 'Lebenspartnerin oder Lebenspartner',
  relation_child: 'Kind',
  relation_parent: 'Mutter oder Vater',
  relation_sibling: 'Schwester oder Bruder',
  relation_other: 'Andere Beziehung',
  familyName: 'Familienname',
  familyNameHint: 'Wie im Pass oder in der Duldung',
  givenNames: 'Vornamen',
  birthDate: 'Geburtsdatum',
  birthDateHint:
    'Zum Beispiel 27 3 1990. Wenn Sie Tag oder Monat nicht kennen, lassen Sie diese Felder leer.',
  day: 'Tag',
  month: 'Monat',
  year: 'Jahr',
  birthPlace: 'Geburtsort',
  birthPlaceHint: 'Ort und Land, zum Beispiel Aleppo, Syrien',
  nationality: 'Staatsangehörigkeit',
  nationalityHint: 'Wenn keine zutrifft, wählen Sie „staatenlos“ oder „ungeklärt“.',
  nationalityChoose: 'Bitte auswählen',
  residenceStatus: 'Aufenthaltsstatus',
  residence_tolerated_stay: 'Duldung',
  residence_border_crossing_certificate: 'Grenzübertrittsbescheinigung',
  residence_other: 'Anderer Status',
  residenceOther: 'Welcher Status?',
  entryDate: 'Datum der Einreise nach Deutschland (wenn bekannt)',
  entryDateHint: 'Wenn Sie nur das Jahr kennen, geben Sie nur das Jahr an.',
  address: 'Anschrift',
  addressSame:
    'Wohnt die Person unter derselben Anschrift wie die Hauptantragstellerin oder der Hauptantragsteller?',
  careOf: 'Unterkunft oder „bei“ (c/o), wenn nötig',
  street: 'Straße',
  houseNumber: 'Hausnummer',
  postalCode: 'Postleitzahl',
  place: 'Ort',
  authorityFound: 'Zuständige Ausländerbehörde nach dieser Anschrift: {authority} ({municipality})',
  authorityNotNrw:
    'Zu dieser Postleitzahl haben wir keine Gemeinde in Nordrhein-Westfalen gefunden. Bitte prüfen Sie die Postleitzahl. Die Härtefallkommission NRW ist nur zuständig, wenn Sie in NRW wohnen.',

  // Representative
  representativeTitle: 'Vertretung',
  representativeKind: 'Wer stellt den Antrag?',
  rep_none: 'Ich stelle den Antrag selbst (oder für meine Familie)',
  rep_person: 'Eine bevollmächtigte Person, zum Beispiel eine Anwältin oder ein Anwalt',
  rep_organisation: 'Eine Beratungsstelle oder andere Organisation',
  repOrganisationName: 'Name der Organisation',
  repContactPerson: 'Ansprechperson',
  repPhone: 'Telefon (freiwillig)',
  repEmail: 'E-Mail-Adresse',
  repEmailHint: 'An diese Adresse senden wir die Eingangsbestätigung.',
  repPowerOfAttorney: 'Bitte fügen Sie bei den Nachweisen eine unterschriebene Vollmacht bei.',

  // Reasons
  reasonsQuestionsTitle: 'Fragen zur Situation',
  reasonsQuestionsLead: 'Aus Ihren Antworten ergibt sich, welche Nachweise hilfreich sind.',
  illnessQuestion: 'Ist eine der Personen ernsthaft erkrankt?',
  illnessPersons: 'Wer ist erkrankt?',
  doctorsFor: 'Ärztinnen, Ärzte oder Praxen, die die Erkrankung von {name} bescheinigen können',
  doctorsHint:
    'Für jede Ärztin, jeden Arzt oder jede Praxis brauchen wir einen Bericht und eine Schweigepflichtentbindung.',
  doctorName: 'Name der Ärztin, des Arztes oder der Praxis {n}',
  educationQuestion: 'Besucht {name} eine Schule oder einen Kindergarten?',
  edu_school: 'Schule',
  edu_kindergarten: 'Kindergarten',
  edu_none: 'Keines von beiden',
  employmentQuestion: 'Arbeitet eine der Personen oder hat sie Arbeit in Aussicht?',
  languageQuestion: 'Hat eine der Personen einen Deutsch-Sprachnachweis?',
  volunteeringQuestion: 'Engagiert sich eine der Personen ehrenamtlich, in einem Verein oder einer Gemeinde?',
  whichPersons: 'Welche Personen?',
  criminalQuestion: 'Gibt oder gab es gegen eine der Personen Ermittlungen oder Verurteilungen?',
  criminalHint: 'Die Angabe wird vertraulich behandelt. Verschweigen kann dem Antrag schaden.',
  deportationQuestion: 'Ist ein Termin für die Abschiebung bekannt?',
  deportationDate: 'Termin der Abschiebung',
  reasonsTextsTitle: 'Begründung',
  reasonsTextsLead:
    'Beschreiben Sie ausführlich, warum Sie in Deutschland bleiben möchten. Schreiben Sie bitte auf Deutsch. Während Sie schreiben, wird der Text automatisch gespeichert; die Schaltflächen unter den Feldern speichern ebenfalls.',
  charactersLeft: 'Noch {n} Zeichen',
  autosaved: 'Automatisch gespeichert',
  autosaveFailed:
    'Noch nicht gespeichert – bitte prüfen Sie die Verbindung oder speichern Sie mit der Schaltfläche.',
  hint_lifeStory:
    'Zum Beispiel: wichtige Stationen des Lebens seit der Geburt, wann und wie die Einreise war, der Aufenthaltsstatus jeder Person, die Wohn- und Lebenssituation heute.',
  hint_familyTies:
    'Zum Beispiel: Angehörige in Deutschland (mit Aufenthaltsstatus), Kinder, die hier aufgewachsen sind, Angehörige im Herkunftsland und ob Kontakt besteht.',
  hint_integration:
    'Zum Beispiel: Deutschkenntnisse, Schule und Ausbildung, Arbeit und Einkommen, Ehrenamt, Verein, Kirche oder Moschee, Freundschaften.',
  hint_humanitarianReasons:
    'Zum Beispiel: Krankheit und Behandlung, die im Herkunftsland nicht möglich ist, Gefahren bei einer Rückkehr, besondere Lage von Kindern.',
  reasonsQuestionsLink: 'Fragen zur Situation',
  reasonsTextsLink: 'Ausführliche Begründung',
  reasonsOverview: 'Die Begründung besteht aus zwei Teilen:',

  // Evidence
  evidenceTitle: 'Nachweise',
  evidenceLead:
    'Diese Liste ergibt sich aus Ihren Angaben. Geben Sie zu jedem Nachweis an, ob er vorliegt, nachgereicht wird oder nicht vorhanden ist. Laden Sie vorliegende Nachweise hoch (PDF oder Foto).',
  evidenceCannotStart: 'Bitte füllen Sie zuerst Personen, Vertretung und die Fragen zur Situation aus.',
  ev_provided: 'Liegt vor (hochladen)',
  ev_to_follow: 'Wird nachgereicht',
  ev_not_available: 'Nicht vorhanden',
  evNotAvailableReason: 'Warum nicht?',
  evRequired: 'erforderlich',
  evOptional: 'freiwillig',
  evFiles: 'Hochgeladene Dateien',
  evNoFiles: 'Noch keine Datei hochgeladen.',
  evUploadLabel: 'Datei auswählen',
  evUploadButton: 'Hochladen',
  evUploadHint:
    'PDF oder Foto (JPEG, PNG), höchstens {mb} MB je Datei. Fotos vom iPhone werden beim Auswählen als JPEG übertragen.',
  evRemoveFile: 'Datei entfernen',
  evSpecial: 'Besonders geschützte Angabe: nur für die Stellen sichtbar, die sie brauchen.',
  evForm: 'Vordruck herunterladen (PDF, vorausgefüllt zum Unterschreiben)',
  evFlagged:
    'Hinweis: Die Datei enthält aktive Inhalte (zum Beispiel Skripte). Die Geschäftsstelle sieht sie deshalb nur als Bild; Ihre Datei bleibt unverändert.',

  // Check answers and submit
  checkTitle: 'Angaben prüfen und absenden',
  checkLead: 'Bitte prüfen Sie Ihre Angaben. Sie können jeden Teil noch ändern.',
  checkChange: 'Ändern',
  checkMissingTitle: 'Der Antrag ist noch nicht vollständig',
  checkDeclarationTitle: 'Erklärung',
  checkDeclaration:
    'Mit dem Absenden erkläre ich, dass die Angaben nach bestem Wissen richtig und vollständig sind und dass alle Personen unter ihrem wahren Namen angegeben sind.',
  checkSubmit: 'Antrag verbindlich absenden',
  checkRepresentativeNone: 'Keine Vertretung',
  checkDocuments: '{n} Datei(en)',
  checkNoAnswer: 'Keine Angabe',

  // Status after submitting
  statusTitle: 'Stand Ihres Antrags',
  stageHeading: 'Wo Ihr Antrag steht',
  stage_in_review:
    'Eingegangen. Die Geschäftsstelle prüft, ob die Härtefallkommission sich mit dem Fall befasst.',
  stage_not_taken_up:
    'Die Härtefallkommission befasst sich nicht mit dem Fall. Sie erhalten oder erhielten dazu eine schriftliche Mitteilung.',
  stage_preparing:
    'Die Härtefallkommission befasst sich mit dem Fall. Die Ausländerbehörde wird um eine Stellungnahme gebeten, und der Fall wird für eine Sitzung vorbereitet.',
  stage_adjourned:
    'Die Härtefallkommission befasst sich weiter mit dem Fall. Er wird für eine weitere Sitzung der Kommission vorbereitet.',
  stage_session: 'Der Fall steht auf der Tagesordnung einer Sitzung der Härtefallkommission.',
  stage_deliberated:
    'Die Härtefallkommission hat über den Fall beraten. Sie erhalten eine schriftliche Mitteilung, sobald das Verfahren abgeschlossen ist.',
  stage_closed:
    'Das Verfahren ist abgeschlossen. Über das Ergebnis informiert Sie die Ausländerbehörde; bitte wenden Sie sich dorthin.',
  stage_withdrawn: 'Sie haben den Antrag zurückgenommen. Das Verfahren ist beendet.',
  stage_settled_otherwise: 'Das Verfahren hat sich anderweitig erledigt und ist beendet.',
  laterLink: 'Unterlagen nachreichen',
  requestsTitle: 'Die Geschäftsstelle bittet um Unterlagen',
  requestDue: 'bitte bis zum {date}',
  laterTitle: 'Unterlagen nachreichen',
  laterLead:
    'Sie können jederzeit weitere Nachweise einreichen, solange das Verfahren läuft. Die Dateien kommen direkt in die Akte; die Geschäftsstelle sieht sie sofort.',
  withdrawLink: 'Antrag zurücknehmen',
  withdrawTitle: 'Antrag zurücknehmen',
  withdrawText:
    'Wenn Sie den Antrag zurücknehmen, endet das Verfahren. Die Härtefallkommission befasst sich dann nicht mehr mit dem Fall. Ein neuer Antrag ist später möglich.',
  withdrawNote: 'Anmerkung (freiwillig)',
  withdrawConfirm: 'Ja, Antrag zurücknehmen',
  withdrawCancel: 'Nein, zurück',
  withdrawDone: 'Der Antrag wurde zurückgenommen.',

  // Confirmation
  confirmationTitle: 'Antrag eingegangen',
  confirmationCaseNumber: 'Ihr Aktenzeichen',
  confirmationText:
    'Wir haben Ihren Antrag erhalten. Bitte notieren Sie das Aktenzeichen und geben Sie es bei allen Rückfragen an.',
  confirmationReceipt: 'Eingangsbestätigung herunterladen (PDF)',
  confirmationReceiptPending:
    'Die Eingangsbestätigung wird gerade erstellt. Laden Sie diese Seite in einem Moment neu, um sie herunterzuladen.',
  confirmationMailed: 'Die Eingangsbestätigung wird auch per E-Mail gesendet.',
  confirmationNextTitle: 'Wie es weitergeht',
  confirmationNext1: 'Die Geschäftsstelle prüft den Antrag und informiert die zuständige Ausländerbehörde.',
  confirmationNext2: 'Wenn Unterlagen fehlen, melden wir uns.',
  confirmationNext3: 'Der Antrag schützt nicht vor einer Abschiebung.',
} as const;

export type WizardKey = keyof typeof wizardDe;
export type WizardCatalog = { readonly [K in WizardKey]: string };
export type PartialWizardCatalog = { readonly [K in WizardKey]?: string };
