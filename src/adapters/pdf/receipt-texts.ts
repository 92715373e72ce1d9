/**
 * Wording of the receipt (Eingangsbestätigung). Content, not code: the web layer may pass its own
 * notes (e.g. from the procedure profile), and the office can change these without touching the
 * layout. The receipt is always German, whatever language the applicant used on the web pages.
 * A change of this wording needs a new `RECEIPT_TEMPLATE.version` in content/letters/de.ts, which
 * every issued receipt records in the case's list of letters.
 */

export type ReceiptChannel = 'online' | 'post' | 'fax' | 'email' | 'de-mail';

export const RECEIPT_TEXTS = {
  documentTitle: 'Eingangsbestätigung',
  subject: 'Eingangsbestätigung im Härtefallverfahren nach § 23a AufenthG',
  heading: 'Eingangsbestätigung',
  intro:
    'Ihr Antrag im Härtefallverfahren nach § 23a des Aufenthaltsgesetzes ist bei der Geschäftsstelle der Härtefallkommission des Landes Nordrhein-Westfalen eingegangen. Bitte geben Sie bei allen Rückfragen und Nachreichungen das Aktenzeichen an.',
  labels: {
    caseNumber: 'Aktenzeichen',
    receivedAt: 'Eingang',
    channel: 'Eingangsweg',
    name: 'Name',
    birthDate: 'Geburtsdatum',
    nationality: 'Staatsangehörigkeit',
    organisation: 'Organisation',
    address: 'Anschrift',
    number: 'Nr.',
    file: 'Datei, Art und Prüfsumme',
    category: 'Art',
    sha256: 'SHA-256',
    size: 'Größe',
  },
  persons: 'Personen, für die der Antrag gestellt ist',
  representative: 'Bevollmächtigte Person oder Stelle',
  documents: 'Eingereichte Unterlagen',
  documentsIntro:
    'Die SHA-256-Prüfsumme ist ein digitaler Fingerabdruck der jeweiligen Datei. Mit ihr lässt sich später nachweisen, welche Datei genau eingegangen ist.',
  noDocuments: 'Mit dem Antrag wurden keine Unterlagen eingereicht.',
  notes: 'Hinweise zum weiteren Verfahren',
  unknown: 'nicht angegeben',
  channels: {
    online: 'Online-Antrag',
    post: 'Post',
    fax: 'Telefax',
    email: 'E-Mail',
    'de-mail': 'De-Mail',
  } satisfies Record<ReceiptChannel, string>,
} as const;

/** Default notes on the procedure for NRW (domain.md, 'The procedure, step by step'). */
export const DEFAULT_RECEIPT_NOTES: readonly string[] = [
  'Die Geschäftsstelle prüft zunächst, ob sich die Härtefallkommission mit Ihrem Fall befasst. Die Kommission wird nur aus eigener Initiative tätig; einen Anspruch auf eine Befassung oder auf ein Härtefallersuchen gibt es nicht.',
  'Die zuständige Ausländerbehörde wird über den Eingang Ihres Antrags unterrichtet.',
  'Der Antrag hat keine aufschiebende Wirkung. Er schützt nicht vor einer Abschiebung und ändert nichts an bestehenden Pflichten gegenüber der Ausländerbehörde.',
  'Eine persönliche Anhörung findet nicht statt. Bitte sprechen Sie nicht persönlich bei der Geschäftsstelle oder der Kommission vor; die Kommission berät auf Grundlage der schriftlichen Unterlagen in nicht öffentlicher Sitzung.',
  'Unterlagen können Sie jederzeit nachreichen. Wenn Unterlagen fehlen, meldet sich die Geschäftsstelle bei Ihnen.',
  'Zum Stand des Verfahrens können Sie unter Angabe des Aktenzeichens bei der Geschäftsstelle nachfragen. Über das Ende des Verfahrens werden Sie in jedem Fall schriftlich informiert.',
];
