/**
 * The complete application as filed, in German, as the content of a sectioned PDF: every person,
 * the representative, the answers, the four texts and the evidence list with each item's status.
 */
import { wizardDe as de } from '../../content/messages/wizard/de.ts';
import {
  type Application,
  formatPartialDate,
  type Person,
  REASON_TEXT_TITLES,
  REASON_TEXTS,
} from '../domain/application/index.ts';

export interface CopySection {
  heading: string;
  blocks: (
    | { kind: 'definitions'; pairs: [string, string][] }
    | { kind: 'paragraphs'; heading?: string; text: string }
    | { kind: 'list'; items: string[] }
  )[];
}

export interface ApplicationCopy {
  title: string;
  subject: string;
  createdAt: Date;
  runningHeader: string;
  heading: string;
  intro: string;
  sections: CopySection[];
}

const YES_NO: Record<string, string> = { yes: de.yes, no: de.no, unknown: de.dontKnow };
const EVIDENCE_STATUS: Record<string, string> = {
  provided: 'liegt bei',
  to_follow: 'wird nachgereicht',
  not_available: 'nicht vorhanden',
};

function label(key: string): string {
  return (de as Record<string, string>)[key] ?? key;
}

function address(a: Person['address']): string {
  return [
    a.careOf ? `c/o ${a.careOf}` : '',
    [a.street, a.houseNumber].filter(Boolean).join(' '),
    `${a.postalCode} ${a.place}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The filed application as sections of German label/value pairs and texts. */
export function applicationCopy(
  app: Application,
  facts: { caseNumber: string; receivedAt: Date; receivedText: string },
  nationalityName: (code: string) => string,
): ApplicationCopy {
  const nameOf = (id: string) => {
    const p = app.persons.find((q) => q.id === id);
    return p ? `${p.givenNames} ${p.familyName}` : id;
  };
  const names = (ids: readonly string[]) => (ids.length > 0 ? ids.map(nameOf).join(', ') : '');
  const persons: CopySection[] = app.persons.map((p, i) => ({
    heading: `Person ${i + 1}: ${p.givenNames} ${p.familyName}`,
    blocks: [
      {
        kind: 'definitions',
        pairs: [
          ['Beziehung', label(`relation_${p.relation}`)],
          [de.familyName, p.familyName],
          [de.givenNames, p.givenNames],
          [de.birthDate, formatPartialDate(p.birthDate)],
          [de.birthPlace, p.birthPlace],
          [de.nationality, nationalityName(p.nationality)],
          [
            de.residenceStatus,
            p.residenceStatus.kind === 'other'
              ? (p.residenceStatus.other ?? '')
              : label(`residence_${p.residenceStatus.kind}`),
          ],
          ['Einreise', p.entryDate ? formatPartialDate(p.entryDate) : 'nicht angegeben'],
          [de.address, address(p.address)],
        ],
      },
    ],
  }));
  const rep = app.representative;
  const representative: CopySection = {
    heading: de.taskRepresentative,
    blocks: [
      {
        kind: 'definitions',
        pairs:
          rep.kind === 'none'
            ? [[de.representativeKind, de.checkRepresentativeNone]]
            : [
                [de.representativeKind, rep.kind === 'person' ? 'Bevollmächtigte Person' : 'Organisation'],
                ...(rep.kind === 'person'
                  ? ([['Name', `${rep.givenNames} ${rep.familyName}`]] as [string, string][])
                  : ([
                      [de.repOrganisationName, rep.organisationName],
                      [de.repContactPerson, rep.contactPerson],
                    ] as [string, string][])),
                [de.address, address({ ...rep.address })],
                ['Telefon', rep.phone ?? ''],
                ['E-Mail', rep.email ?? ''],
              ],
      },
    ],
  };
  const r = app.reasons;
  const answers: CopySection = {
    heading: de.reasonsQuestionsTitle,
    blocks: [
      {
        kind: 'definitions',
        pairs: [
          [
            de.illnessQuestion,
            r.illness.length > 0 ? `${de.yes}: ${names(r.illness.map((x) => x.personId))}` : de.no,
          ],
          ...r.illness.map(
            (x) =>
              [
                `Ärztinnen, Ärzte, Praxen (${nameOf(x.personId)})`,
                x.doctors.map((d) => d.name).join('; '),
              ] as [string, string],
          ),
          ...r.education.map(
            (x) =>
              [`Schule / Kindergarten (${nameOf(x.personId)})`, label(`edu_${x.attends}`)] as [
                string,
                string,
              ],
          ),
          [de.employmentQuestion, r.employment.length > 0 ? `${de.yes}: ${names(r.employment)}` : de.no],
          [
            de.languageQuestion,
            r.languageCertificates.length > 0 ? `${de.yes}: ${names(r.languageCertificates)}` : de.no,
          ],
          [
            de.volunteeringQuestion,
            r.volunteering.length > 0 ? `${de.yes}: ${names(r.volunteering)}` : de.no,
          ],
          [
            de.criminalQuestion,
            `${YES_NO[r.criminalProceedings.answer] ?? ''}${r.criminalProceedings.personIds.length > 0 ? `: ${names(r.criminalProceedings.personIds)}` : ''}`,
          ],
          [
            de.deportationQuestion,
            r.deportationDate ? `${de.yes}: ${formatPartialDate(r.deportationDate)}` : de.no,
          ],
        ],
      },
    ],
  };
  const texts: CopySection = {
    heading: de.reasonsTextsTitle,
    blocks: REASON_TEXTS.map((key) => ({
      kind: 'paragraphs' as const,
      heading: REASON_TEXT_TITLES[key],
      text: r[key],
    })),
  };
  const evidence: CopySection = {
    heading: de.evidenceTitle,
    blocks: [
      {
        kind: 'list',
        items: app.evidence.items.map((item) => {
          const s = app.evidence.statuses[item.id];
          const status = s ? (EVIDENCE_STATUS[s.status] ?? s.status) : '–';
          return s?.status === 'not_available'
            ? `${item.title}: ${status} (${s.reason})`
            : `${item.title}: ${status}`;
        }),
      },
    ],
  };
  return {
    title: `Härtefallantrag ${facts.caseNumber}`,
    subject: 'Antrag im Härtefallverfahren nach § 23a AufenthG',
    createdAt: facts.receivedAt,
    runningHeader: `Härtefallantrag · Aktenzeichen ${facts.caseNumber}`,
    heading: 'Antrag an die Härtefallkommission des Landes Nordrhein-Westfalen',
    intro: `Aktenzeichen ${facts.caseNumber} · online eingegangen am ${facts.receivedText}. Diese Fassung ist maßgeblich; sie ist in deutscher Sprache.`,
    sections: [...persons, representative, answers, texts, evidence],
  };
}
