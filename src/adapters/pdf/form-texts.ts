/**
 * Wording of the three forms to print and sign. These are legal texts: they are drafts (Muster)
 * until the office has reviewed them, which the footer of every page says. Keep them here, as
 * data, so that review changes never touch the layout code.
 */

export interface FormSection {
  heading: string;
  paragraphs?: readonly string[];
  items?: readonly string[];
}

export interface FormText {
  /** Also the PDF title; contains no personal data. */
  title: string;
  subject: string;
  intro: string;
  sections: readonly FormSection[];
}

export const FORM_COMMON = {
  draftNotice: 'Muster – vor dem Produktivbetrieb von der Geschäftsstelle zu prüfen',
  caseNumber: 'Aktenzeichen (falls bekannt)',
  caseNumberBlank: '____________________',
  familyName: 'Familienname',
  givenNames: 'Vornamen',
  birthDate: 'Geburtsdatum',
  address: 'Anschrift',
  name: 'Name',
  organisation: 'Organisation',
  placeDate: 'Ort, Datum',
} as const;

export const DATA_CONSENT: FormText & {
  personHeading: string;
  signature: string;
} = {
  title: 'Einwilligung in die Datenverarbeitung',
  subject:
    'Einwilligung in die Verarbeitung personenbezogener Daten im Härtefallverfahren nach § 23a AufenthG',
  intro:
    'im Härtefallverfahren nach § 23a des Aufenthaltsgesetzes (AufenthG) vor der Härtefallkommission des Landes Nordrhein-Westfalen',
  personHeading: 'Betroffene Person',
  sections: [
    {
      heading: 'Wer verarbeitet die Daten?',
      paragraphs: [
        'Verantwortlich ist das Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration des Landes Nordrhein-Westfalen, bei dem die Geschäftsstelle der Härtefallkommission eingerichtet ist. Soweit es für das Verfahren erforderlich ist, erhalten die Daten außerdem:',
      ],
      items: [
        'die Mitglieder der Härtefallkommission und ihre Stellvertretungen, gegebenenfalls der Vorprüfungsausschuss,',
        'die zuständige Ausländerbehörde,',
        'das Ministerium als oberste Landesbehörde.',
      ],
    },
    {
      heading: 'Welche Daten werden verarbeitet?',
      items: [
        'Angaben zur Person: Namen, Geburtsdatum und Geburtsort, Staatsangehörigkeit, Anschrift und Familienangehörige,',
        'Angaben zum Aufenthalt und zu aufenthalts- und asylrechtlichen Verfahren, einschließlich der Entscheidungen von Behörden und Gerichten,',
        'Angaben zur Lebensgeschichte, zur familiären, sozialen und wirtschaftlichen Situation sowie zu Schule, Ausbildung und Arbeit,',
        'Gesundheitsdaten, soweit Sie diese angeben oder ärztliche Unterlagen einreichen (besondere Kategorien personenbezogener Daten nach Art. 9 DSGVO),',
        'Angaben zu strafrechtlichen Ermittlungsverfahren und Verurteilungen, soweit sie für das Verfahren von Bedeutung sind (Art. 10 DSGVO),',
        'die von Ihnen oder für Sie eingereichten Unterlagen.',
      ],
    },
    {
      heading: 'Zu welchem Zweck?',
      paragraphs: [
        'Die Daten werden ausschließlich verarbeitet, um das Härtefallverfahren durchzuführen: zur Prüfung, ob sich die Härtefallkommission mit dem Fall befasst, zur Einholung einer Stellungnahme der Ausländerbehörde, zur Beratung und Entscheidung der Kommission und zur Übermittlung eines Härtefallersuchens an die Ausländerbehörde.',
        'Rechtsgrundlagen sind § 23a AufenthG und die Härtefallkommissionsverordnung des Landes Nordrhein-Westfalen in Verbindung mit Art. 6 Abs. 1 Buchst. a und Art. 9 Abs. 2 Buchst. a der Datenschutz-Grundverordnung (DSGVO).',
      ],
    },
    {
      heading: 'Einwilligung',
      paragraphs: [
        'Ich willige ein, dass die oben genannten Stellen meine personenbezogenen Daten, einschließlich der Gesundheitsdaten und der Angaben zu Straftaten, die ich im Härtefallverfahren angebe oder die sich aus den eingereichten Unterlagen ergeben, zu den genannten Zwecken verarbeiten und einander übermitteln.',
      ],
    },
    {
      heading: 'Freiwilligkeit und Widerruf',
      paragraphs: [
        'Die Einwilligung ist freiwillig. Sie können sie jederzeit ohne Angabe von Gründen mit Wirkung für die Zukunft widerrufen, am besten schriftlich gegenüber der Geschäftsstelle. Die Rechtmäßigkeit der Verarbeitung bis zum Widerruf bleibt unberührt (Art. 7 Abs. 3 DSGVO).',
        'Ohne Einwilligung oder nach einem Widerruf kann die Härtefallkommission den Fall möglicherweise nicht oder nicht vollständig beraten.',
      ],
    },
    {
      heading: 'Ihre Rechte',
      paragraphs: [
        'Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung (Art. 15 bis 18 DSGVO). Sie können sich bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen beschweren (Art. 77 DSGVO).',
      ],
    },
  ],
  signature: 'Unterschrift der betroffenen Person (bei Minderjährigen: der gesetzlichen Vertretung)',
};

export const POWER_OF_ATTORNEY: FormText & {
  personsHeading: string;
  representativeHeading: string;
  signaturesHeading: string;
  signatureFor: string;
  minorHint: string;
} = {
  title: 'Vollmacht für das Härtefallverfahren',
  subject: 'Vertretungsvollmacht im Härtefallverfahren nach § 23a AufenthG',
  intro:
    'Die nachstehend genannten Personen bevollmächtigen die nachstehend genannte Person oder Stelle, sie im Härtefallverfahren nach § 23a des Aufenthaltsgesetzes (AufenthG) vor der Härtefallkommission des Landes Nordrhein-Westfalen und ihrer Geschäftsstelle zu vertreten.',
  personsHeading: 'Vollmachtgeberinnen und Vollmachtgeber',
  representativeHeading: 'Bevollmächtigte Person oder Stelle',
  sections: [
    {
      heading: 'Umfang der Vollmacht',
      paragraphs: ['Die Vollmacht berechtigt insbesondere dazu,'],
      items: [
        'den Härtefallantrag zu stellen, zu begründen, zu ergänzen und zurückzunehmen,',
        'Erklärungen abzugeben und entgegenzunehmen sowie Unterlagen einzureichen,',
        'Mitteilungen und Schreiben der Geschäftsstelle und der Härtefallkommission mit Wirkung für die Vollmachtgeberinnen und Vollmachtgeber entgegenzunehmen,',
        'Einsicht in die Verfahrensakte zu nehmen, soweit Akteneinsicht gewährt wird, und Auskünfte über den Stand des Verfahrens einzuholen.',
      ],
    },
    {
      heading: 'Dauer und Widerruf',
      paragraphs: [
        'Die Vollmacht gilt bis zum Abschluss des Härtefallverfahrens. Sie kann jederzeit widerrufen werden. Gegenüber der Geschäftsstelle wird der Widerruf wirksam, sobald er ihr schriftlich zugeht.',
      ],
    },
  ],
  signaturesHeading: 'Unterschriften',
  signatureFor: 'Unterschrift',
  minorHint: 'Für minderjährige Personen unterschreibt die gesetzliche Vertretung.',
};

export const MEDICAL_RELEASE: FormText & {
  personHeading: string;
  doctorHeading: string;
  doctorLabels: { name: string; practice: string; address: string };
  signature: string;
} = {
  title: 'Entbindung von der ärztlichen Schweigepflicht',
  subject: 'Schweigepflichtsentbindungserklärung für das Härtefallverfahren nach § 23a AufenthG',
  intro:
    'Schweigepflichtsentbindungserklärung für das Härtefallverfahren nach § 23a des Aufenthaltsgesetzes (AufenthG) vor der Härtefallkommission des Landes Nordrhein-Westfalen',
  personHeading: 'Patientin oder Patient',
  doctorHeading: 'Ärztin oder Arzt',
  doctorLabels: { name: 'Name', practice: 'Praxis oder Einrichtung', address: 'Anschrift' },
  sections: [
    {
      heading: 'Erklärung',
      paragraphs: [
        'Ich entbinde die oben genannte Ärztin oder den oben genannten Arzt sowie das dort tätige Praxispersonal von der Schweigepflicht gegenüber der Geschäftsstelle der Härtefallkommission des Landes Nordrhein-Westfalen und den Mitgliedern der Härtefallkommission.',
      ],
    },
    {
      heading: 'Umfang und Zweck',
      paragraphs: [
        'Die Entbindung gilt für mündliche und schriftliche Auskünfte sowie für die Übermittlung von Befunden, Berichten und Stellungnahmen über meine Erkrankungen, ihren Verlauf, die Behandlung und die Prognose, soweit dies für die Beurteilung meines Falles im Härtefallverfahren erforderlich ist.',
        'Die Auskünfte dürfen ausschließlich für die Durchführung des Härtefallverfahrens verwendet werden.',
      ],
    },
    {
      heading: 'Freiwilligkeit und Widerruf',
      paragraphs: [
        'Diese Erklärung ist freiwillig. Ich kann sie jederzeit ohne Angabe von Gründen mit Wirkung für die Zukunft widerrufen, gegenüber der Ärztin oder dem Arzt oder gegenüber der Geschäftsstelle.',
      ],
    },
  ],
  signature:
    'Unterschrift der Patientin oder des Patienten (bei Minderjährigen: der gesetzlichen Vertretung)',
};
