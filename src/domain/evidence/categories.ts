/**
 * Kinds of evidence (Nachweise) with their German titles and hints. The special-category flag
 * (health data and criminal records, Art. 9 and 10 GDPR) decides later who may see a document; it is
 * a property of the category, so no rule can forget to set it.
 */

export const EVIDENCE_CATEGORIES = [
  'data_consent',
  'cv',
  'passport_or_id',
  'residence_document',
  'language',
  'work',
  'volunteering',
  'school',
  'kindergarten',
  'medical_report',
  'medical_release',
  'criminal_records',
  'power_of_attorney',
  'bamf_decision',
  'abh_orders',
  'court_decisions',
  'support_letters',
] as const;
export type EvidenceCategory = (typeof EVIDENCE_CATEGORIES)[number];

/** Health documents and criminal records: only roles that need them may see them. */
export const SPECIAL_CATEGORIES: readonly EvidenceCategory[] = [
  'medical_report',
  'medical_release',
  'criminal_records',
];

/** The three forms the office offers; the system produces them pre-filled for signing. */
export const SIGNED_FORMS: readonly EvidenceCategory[] = [
  'data_consent',
  'power_of_attorney',
  'medical_release',
];

/** True for health and criminal-record categories. */
export function isSpecialCategory(category: EvidenceCategory): boolean {
  return SPECIAL_CATEGORIES.includes(category);
}

/** True if the category is one of the office's forms to sign. */
export function isSignedForm(category: EvidenceCategory): boolean {
  return SIGNED_FORMS.includes(category);
}

/** True if the value is a known category (e.g. read from the database). */
export function isEvidenceCategory(value: unknown): value is EvidenceCategory {
  return typeof value === 'string' && (EVIDENCE_CATEGORIES as readonly string[]).includes(value);
}

const COPIES = 'Bitte laden Sie nur Kopien hoch; Originale werden nicht benötigt.';

/** German title and hint per category. */
export const CATEGORY_TEXTS: Record<EvidenceCategory, { title: string; hint: string }> = {
  data_consent: {
    title: 'Einwilligung in die Datenverarbeitung',
    hint: 'Bitte drucken Sie das vorausgefüllte Formular aus, unterschreiben Sie es und laden Sie es hoch.',
  },
  cv: {
    title: 'Tabellarischer Lebenslauf ab Geburt',
    hint: 'Mit den wichtigsten Stationen: Wohnorte, Schule, Ausbildung, Arbeit, Ausreise, Einreise und Aufenthalt in Deutschland.',
  },
  passport_or_id: {
    title: 'Pass, Passersatz oder anderes Identitätsdokument',
    hint: `Falls vorhanden. ${COPIES}`,
  },
  residence_document: {
    title: 'Duldung oder Grenzübertrittsbescheinigung',
    hint: `Die aktuelle Bescheinigung, Vorder- und Rückseite. ${COPIES}`,
  },
  language: {
    title: 'Nachweise über Deutschkenntnisse',
    hint: 'Zum Beispiel Sprachzertifikate (A1 bis C2) oder Bescheinigungen über Integrations- und Sprachkurse.',
  },
  work: {
    title: 'Nachweise über Arbeit und Einkommen',
    hint: 'Zum Beispiel Arbeitsvertrag, Lohnabrechnungen, Arbeitserlaubnis, Bewerbungen, Stellenzusagen, Arbeitszeugnisse oder Rentenversicherungsverlauf.',
  },
  volunteering: {
    title: 'Nachweise über Ehrenamt und Mitgliedschaften',
    hint: 'Zum Beispiel Bescheinigungen über ehrenamtliche Tätigkeit oder über die Mitgliedschaft in einem Verein oder einer Kirchengemeinde.',
  },
  school: {
    title: 'Schulzeugnisse und Schulbescheinigung',
    hint: 'Die letzten Zeugnisse und eine aktuelle Bescheinigung der Schule.',
  },
  kindergarten: {
    title: 'Bescheinigung des Kindergartens',
    hint: 'Eine aktuelle Bescheinigung über den Besuch des Kindergartens oder der Kita.',
  },
  medical_report: {
    title: 'Ärztlicher Bericht',
    hint: 'Ein aktueller Bericht, aus dem die Schwere und der Verlauf der Erkrankung hervorgehen. Gesundheitsdaten sehen nur die Stellen, die sie für die Entscheidung brauchen.',
  },
  medical_release: {
    title: 'Entbindung von der ärztlichen Schweigepflicht',
    hint: 'Damit bei der Ärztin, dem Arzt oder der Praxis nachgefragt werden kann. Bitte drucken Sie das vorausgefüllte Formular aus, unterschreiben Sie es und laden Sie es hoch.',
  },
  criminal_records: {
    title: 'Unterlagen zu Ermittlungs- oder Strafverfahren',
    hint: 'Zum Beispiel Anklageschrift, Strafbefehl, Urteil oder Einstellungsbescheid. Diese Unterlagen sehen nur die Stellen, die sie für die Entscheidung brauchen.',
  },
  power_of_attorney: {
    title: 'Vertretungsvollmacht',
    hint: 'Unterschrieben von allen volljährigen Personen und für Minderjährige von den Sorgeberechtigten. Das vorausgefüllte Formular können Sie ausdrucken.',
  },
  bamf_decision: {
    title: 'Vollständiger Bescheid des Bundesamts für Migration und Flüchtlinge (BAMF)',
    hint: `Falls ein Asylverfahren durchgeführt wurde: der ablehnende Bescheid mit allen Seiten. ${COPIES}`,
  },
  abh_orders: {
    title: 'Bescheide und Verfügungen der Ausländerbehörde',
    hint: `Zum Beispiel Ausreiseaufforderung oder Ablehnung eines Aufenthaltstitels. ${COPIES}`,
  },
  court_decisions: {
    title: 'Gerichtsentscheidungen',
    hint: `Urteile und Beschlüsse der Gerichte im Asyl- oder Aufenthaltsverfahren. ${COPIES}`,
  },
  support_letters: {
    title: 'Unterstützungsschreiben',
    hint: 'Zum Beispiel von Arbeitgebern, Schulen, Vereinen, Nachbarinnen und Nachbarn oder Kirchengemeinden.',
  },
};
