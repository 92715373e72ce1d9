/** German texts of the JSON API: the token page and the API's error messages. */
import type { ApiScope, TokenValidity } from '../../../src/application/api-tokens.ts';

export const tokenPageTexts = {
  title: 'API-Schlüssel',
  lead: 'Mit einem API-Schlüssel kann ein Programm Ihrer Stelle über die Programmierschnittstelle (API) auf die Fälle zugreifen, die Sie auch hier sehen – nicht auf mehr. Der Schlüssel gilt nur für die Rechte, die Sie ihm geben.',
  docsHint: 'Die Beschreibung der Schnittstelle (OpenAPI) finden Sie unter',
  back: 'Zurück',
  listHeading: 'Ihre Schlüssel',
  none: 'Sie haben noch keinen API-Schlüssel angelegt.',
  caption: 'Ihre API-Schlüssel',
  colName: 'Bezeichnung',
  colPrefix: 'Beginnt mit',
  colScopes: 'Rechte',
  colCreated: 'Angelegt',
  colExpires: 'Gültig bis',
  colLastUsed: 'Zuletzt benutzt',
  colStatus: 'Status',
  colAction: 'Aktion',
  never: 'noch nie',
  unlimited: 'bis zum Widerruf',
  active: 'aktiv',
  revoked: 'widerrufen',
  expired: 'abgelaufen',
  revoke: 'Widerrufen',
  revokeLabel: (name: string) => `Schlüssel „${name}“ widerrufen`,
  revokedNotice: 'Der Schlüssel wurde widerrufen. Programme, die ihn benutzen, erhalten keinen Zugriff mehr.',
  createHeading: 'Neuen Schlüssel anlegen',
  name: 'Bezeichnung',
  nameHint: 'Zum Beispiel der Name des Programms, das den Schlüssel benutzt.',
  scopes: 'Rechte',
  scopesHint: 'Geben Sie nur die Rechte, die das Programm braucht.',
  validity: 'Gültigkeit',
  create: 'Schlüssel anlegen',
  createdTitle: 'Der Schlüssel wurde angelegt',
  createdText:
    'Kopieren Sie den Schlüssel jetzt und bewahren Sie ihn sicher auf. Er wird nur dieses eine Mal angezeigt; gespeichert wird nur ein Prüfwert.',
  createdLabel: 'Ihr neuer API-Schlüssel',
  errorTitle: 'Es gibt ein Problem',
  errorPrefix: 'Fehler:',
  errorName: 'Bitte geben Sie eine Bezeichnung mit höchstens 100 Zeichen ein.',
  errorScopes: 'Bitte wählen Sie mindestens ein Recht.',
  errorValidity: 'Bitte wählen Sie, wie lange der Schlüssel gelten soll.',
  errorTooMany:
    'Sie haben schon 20 aktive Schlüssel. Bitte widerrufen Sie zuerst einen, den Sie nicht mehr brauchen.',
} as const;

export const SCOPE_LABELS: Record<ApiScope, string> = {
  'cases:read': 'Fälle lesen',
  'messages:read': 'Nachrichten lesen',
  'messages:write': 'Nachrichten schreiben',
  'documents:read': 'Dokumente lesen und herunterladen',
};

export const VALIDITY_LABELS: Record<TokenValidity, string> = {
  '30': '30 Tage',
  '90': '90 Tage',
  '365': 'ein Jahr',
  none: 'bis zum Widerruf',
};

/** The API's error answers (`message`) and the messages of the field list. */
export const apiErrorTexts = {
  unauthorized:
    'Bitte melden Sie sich mit einem gültigen API-Schlüssel an (Kopfzeile „Authorization: Bearer hfk_…“).',
  cookieRefused:
    'Die Programmierschnittstelle nimmt keine Anmeldung über Cookies an. Bitte benutzen Sie einen API-Schlüssel.',
  scope: 'Dieser API-Schlüssel hat nicht das Recht für diese Anfrage.',
  notFound: 'Nicht gefunden.',
  badRequest: 'Die Anfrage enthält ungültige Angaben.',
  tooMany: 'Zu viele Anfragen. Bitte warten Sie eine Minute.',
  server: 'Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
  caseRef: 'Bitte geben Sie eine Fallnummer (HFK-JJJJ-NNNNN) oder eine Fallkennung an.',
  documentId: 'Bitte geben Sie eine gültige Dokumentkennung an.',
  limit: 'Bitte geben Sie eine ganze Zahl von 1 bis 500 an.',
  body: 'Bitte senden Sie ein JSON-Objekt mit dem Feld „text“.',
  text: 'Bitte schreiben Sie eine Nachricht (höchstens 5.000 Zeichen).',
  unknownField: 'Dieses Feld ist unbekannt.',
} as const;
