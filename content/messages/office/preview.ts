/** Texts of the office's document preview (German: the office works in German). */
export const previewTexts = {
  link: 'Vorschau',
  title: 'Vorschau',
  lead: 'Die Vorschau zeigt Bilder der Seiten, die der Server aus dem Dokument erzeugt hat; das Dokument selbst wird nicht im Browser geöffnet. Jeder Aufruf wird protokolliert.',
  pageAlt: (page: number, of: number) => `Seite ${page} von ${of}`,
  limited: (shown: number, of: number) =>
    `Die Vorschau zeigt die ersten ${shown} von ${of} Seiten. Das ganze Dokument erhalten Sie über „Herunterladen“.`,
  none: 'Für dieses Dokument lässt sich keine Vorschau erzeugen. Bitte laden Sie es herunter.',
  download: 'Herunterladen',
  back: 'Zurück zur Fallakte',
} as const;
