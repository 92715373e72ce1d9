/**
 * Texts of the applicant's upload pages beyond the wizard catalogue: several files at once, the result
 * per file, combining photos into one PDF, previews. German is the source; other languages may leave
 * keys out (German stands in).
 */
export const uploadsDe = {
  label: 'Dateien auswählen',
  hint: 'PDF oder Foto (JPEG, PNG), höchstens {mb} MB je Datei. Sie können mehrere Dateien auf einmal auswählen. Fotos vom iPhone werden beim Auswählen als JPEG übertragen.',
  uploadedCount: 'Hochgeladen: {n} Datei(en).',
  resultsTitle: 'Ergebnis des Hochladens',
  resultOk: '{name}: hochgeladen.',
  resultRefused: '{name}: {reason}',
  summary: '{ok} von {total} Dateien hochgeladen.',
  refreshList: 'Liste der hochgeladenen Dateien aktualisieren',
  // Shown by the upload script while it sends the files
  progressLabel: 'Fortschritt: {name}',
  waiting: 'Wartet …',
  started: 'Das Hochladen hat begonnen.',
  resumed: 'Das Hochladen geht dort weiter, wo es unterbrochen wurde.',
  progress: '{percent} % hochgeladen',
  done: 'Hochgeladen.',
  retrying: 'Die Verbindung ist unterbrochen. Das Hochladen wird gleich fortgesetzt …',
  offline: 'Keine Internetverbindung. Das Hochladen geht weiter, sobald Sie wieder online sind.',
  notFound: 'Ihre Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.',
  failed: 'Die Datei konnte nicht hochgeladen werden. Bitte wählen Sie sie noch einmal aus.',
  // Why a file was refused (by code)
  err_too_large: 'Die Datei ist zu groß. Erlaubt sind höchstens {limit} je Datei.',
  err_empty: 'Die Datei ist leer.',
  err_type_not_allowed:
    'Diese Art von Datei wird nicht angenommen. Bitte laden Sie ein PDF oder ein Foto (JPEG, PNG) hoch.',
  err_archive:
    'Archive (zum Beispiel ZIP) und Office-Dateien werden nicht angenommen. Bitte laden Sie ein PDF hoch.',
  err_executable: 'Programme werden nicht angenommen. Bitte laden Sie ein PDF oder ein Foto hoch.',
  err_damaged: 'Die Datei ist beschädigt und kann nicht gelesen werden.',
  err_encrypted_pdf:
    'Das PDF ist mit einem Kennwort geschützt. Bitte laden Sie eine ungeschützte Fassung hoch.',
  err_too_many_pixels: 'Das Bild ist zu groß (zu viele Bildpunkte). Bitte verkleinern Sie es.',
  err_application_too_large: 'Alle Dateien eines Antrags zusammen dürfen höchstens {total} groß sein.',
  err_busy: 'Die Datei wird gerade noch verarbeitet. Bitte laden Sie die Seite in einigen Sekunden neu.',
  err_missing: 'Bitte wählen Sie eine Datei aus.',
  err_infected:
    'Die Datei enthält Schadsoftware und wurde nicht angenommen. Bitte laden Sie eine saubere Fassung des Dokuments hoch, zum Beispiel einen neuen Scan oder ein neues Foto.',
  err_scan_unavailable:
    'Die Datei konnte gerade nicht auf Schadsoftware geprüft werden und wurde deshalb noch nicht angenommen. Bitte laden Sie sie in einigen Minuten noch einmal hoch. Ihre übrigen Angaben und Dateien bleiben gespeichert.',
  err_scan_pending:
    'Die Datei ist angekommen, konnte aber gerade nicht auf Schadsoftware geprüft werden. Sie wird von selbst geprüft, sobald das wieder möglich ist, und erscheint dann hier. Sie müssen sie nicht noch einmal hochladen.',
  err_storage_unavailable:
    'Die Datei konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in einigen Minuten noch einmal. Ihre übrigen Angaben und Dateien bleiben gespeichert.',
  // Combining photos into one PDF
  combineLink: 'Fotos zu einem PDF zusammenfassen',
  combineTitle: 'Fotos zu einem PDF zusammenfassen',
  combineLead:
    'Haben Sie ein Dokument mit mehreren Seiten fotografiert? Dann fassen Sie die Fotos zu einer PDF-Datei zusammen: jedes Foto wird eine Seite. Die einzelnen Fotos werden danach entfernt.',
  combineLegend: 'Welche Fotos gehören zu dem Dokument?',
  combinePage: 'Seite',
  combinePageOf: 'Seite für {name}',
  combinePageHint: 'Die Zahl legt die Reihenfolge fest: 1 ist die erste Seite.',
  combineButton: 'PDF erstellen',
  combineTooFew: 'Bitte wählen Sie mindestens zwei Fotos aus.',
  combinePageInvalid: 'Bitte geben Sie für jedes ausgewählte Foto eine Seite von 1 bis {n} an.',
  combineTooLarge: 'Das PDF wäre zu groß. Bitte fassen Sie weniger Fotos zusammen.',
  combineDone: 'Die Fotos wurden zu einer PDF-Datei zusammengefasst.',
  combineNone: 'Für diesen Nachweis gibt es keine zwei Fotos, die sich zusammenfassen lassen.',
  previewOf: 'Vorschau: {name}',
} as const;

export type UploadsKey = keyof typeof uploadsDe;
export type PartialUploadsCatalog = { readonly [K in UploadsKey]?: string };
