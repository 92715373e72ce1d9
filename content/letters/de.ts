/**
 * The German letter templates of the office, versioned. Each template turns typed fields into the
 * subject and the blocks of a letter; the letterhead, addressee, date and page numbers are added by
 * the renderer. Every letter stores the id and version of its template.
 *
 * Changing the wording of a letter means adding a new version at the END of its list and leaving
 * the earlier ones untouched, so that a letter sent months ago can still be explained and rendered
 * again exactly as it was (see docs/decisions/005-versioned-letter-templates.md).
 *
 * Letters to the immigration authority are formal letters and name the persons; they travel only
 * through the authority portal or by post, never attached to a mail.
 */
import type { LetterKind } from '../../src/domain/letters/index.ts';

/** A person as a letter names them; birth date and nationality only where the addressee needs them. */
export interface LetterPerson {
  name: string;
  /** Already formatted ('12.03.1990', '03.1990', '1990'). */
  birthDate?: string;
  nationality?: string;
}

interface Common {
  caseNumber: string;
  /** Date the application was received, formatted ('01.12.2026'). */
  receivedOn: string;
  persons: readonly LetterPerson[];
}

/** The fields each template needs. */
export interface LetterFields {
  authority_new_application: Common & { channel: string };
  not_taken_up_applicant: Common & { reasons: string };
  not_taken_up_authority: Common;
  statement_request: Common & { dueOn: string; portalLink: string };
  document_request: Common & { dueOn: string; requestText: string };
  hardship_request: Common & { decidedOn: string | null; reasons: string; portalLink: string };
  /** `recommendation`: the wording of a non-binding recommendation the commission adopted, if any. */
  no_request_authority: Common & { decidedOn: string | null; recommendation: string | null };
  closing_notice: Common & {
    outcome: 'request_sent' | 'no_request';
    authorityName: string | null;
  };
}

/** The receipt has its own layout (persons, documents with checksums) in the PDF adapter. */
export type TemplateKind = keyof LetterFields & LetterKind;

export type LetterBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: readonly string[] };

export interface LetterBody {
  subject: string;
  salutation: string;
  blocks: readonly LetterBlock[];
}

export interface LetterTemplate<K extends TemplateKind = TemplateKind> {
  id: K;
  /** The date from which this wording is used, 'YYYY-MM-DD'; unique within the template's list. */
  version: string;
  /** How the office's list names the letter. */
  title: string;
  /** The file name of the stored PDF, without the case number and extension. */
  fileName: string;
  render(fields: LetterFields[K]): LetterBody;
}

const SALUTATION = 'Sehr geehrte Damen und Herren,';

const p = (text: string): LetterBlock => ({ kind: 'paragraph', text });
const list = (items: readonly string[]): LetterBlock => ({ kind: 'list', items });
/** A free text typed by the office (reasons, the documents wanted): its paragraphs as they were written. */
const typed = (text: string): LetterBlock[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(p);

const personLine = (person: LetterPerson) =>
  [
    person.name,
    person.birthDate ? `geboren ${person.birthDate}` : '',
    person.nationality ? `Staatsangehörigkeit: ${person.nationality}` : '',
  ]
    .filter(Boolean)
    .join(', ');
/** 'A', 'A und B', 'A, B und C'. */
const joined = (persons: readonly LetterPerson[]) => {
  const all = persons.map((person) => person.name);
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} und ${all[all.length - 1]}`;
};
const names = (persons: readonly LetterPerson[]) => list(persons.map((person) => person.name));
const identified = (persons: readonly LetterPerson[]) => list(persons.map(personLine));

const authorityNewApplication: LetterTemplate<'authority_new_application'> = {
  id: 'authority_new_application',
  version: '2026-12-01',
  title: 'Unterrichtung der Ausländerbehörde über einen neuen Antrag',
  fileName: 'Unterrichtung-neuer-Antrag',
  render: (f) => ({
    subject: 'Härtefallverfahren nach § 23a AufenthG – Unterrichtung über einen neuen Antrag',
    salutation: SALUTATION,
    blocks: [
      p(
        `bei der Geschäftsstelle der Härtefallkommission ist am ${f.receivedOn} ein Antrag eingegangen (Eingangsweg: ${f.channel}). Nach der angegebenen Anschrift ist Ihre Behörde zuständig. Der Antrag betrifft:`,
      ),
      identified(f.persons),
      p(
        'Die Geschäftsstelle prüft zunächst, ob sich die Härtefallkommission mit dem Fall befasst. Eine Stellungnahme Ihrer Behörde wird gegebenenfalls gesondert angefordert.',
      ),
      p(
        'Der Antrag hat keine aufschiebende Wirkung. Bitte teilen Sie der Geschäftsstelle unter Angabe des Aktenzeichens mit, wenn Ihre Behörde nicht zuständig ist oder wenn aufenthaltsbeendende Maßnahmen bereits feststehen.',
      ),
    ],
  }),
};

const notTakenUpApplicant: LetterTemplate<'not_taken_up_applicant'> = {
  id: 'not_taken_up_applicant',
  version: '2026-12-01',
  title: 'Keine Befassung – Schreiben an die Antragstellenden',
  fileName: 'Keine-Befassung',
  render: (f) => ({
    subject: 'Ihr Antrag an die Härtefallkommission – keine Befassung',
    salutation: SALUTATION,
    blocks: [
      p(
        `die Geschäftsstelle hat Ihren Antrag vom ${f.receivedOn} geprüft. Die Härtefallkommission wird sich mit dem Fall nicht befassen. Das Härtefallverfahren ist damit beendet. Der Antrag betraf:`,
      ),
      names(f.persons),
      p('Die Gründe:'),
      ...typed(f.reasons),
      p(
        'Die Härtefallkommission wird nur aus eigener Initiative tätig (§ 23a Abs. 2 des Aufenthaltsgesetzes). Einen Anspruch darauf, dass sie sich mit einem Fall befasst, gibt es nicht.',
      ),
      p(
        'Die zuständige Ausländerbehörde wird über das Ende des Verfahrens unterrichtet. Bei Fragen zu Ihrem Aufenthalt wenden Sie sich bitte an die Ausländerbehörde oder an eine Beratungsstelle.',
      ),
    ],
  }),
};

const notTakenUpAuthority: LetterTemplate<'not_taken_up_authority'> = {
  id: 'not_taken_up_authority',
  version: '2026-12-01',
  title: 'Keine Befassung – Mitteilung an die Ausländerbehörde',
  fileName: 'Keine-Befassung-Auslaenderbehoerde',
  render: (f) => ({
    subject: 'Härtefallverfahren nach § 23a AufenthG – keine Befassung',
    salutation: SALUTATION,
    blocks: [
      p(
        `die Härtefallkommission befasst sich mit dem am ${f.receivedOn} eingegangenen Antrag nicht. Ein Härtefallersuchen wird nicht gestellt; das Härtefallverfahren ist beendet. Der Antrag betraf:`,
      ),
      identified(f.persons),
      p('Die Antragstellenden wurden schriftlich unterrichtet.'),
    ],
  }),
};

const statementRequest: LetterTemplate<'statement_request'> = {
  id: 'statement_request',
  version: '2026-12-01',
  title: 'Bitte um Stellungnahme der Ausländerbehörde',
  fileName: 'Bitte-um-Stellungnahme',
  render: (f) => ({
    subject: 'Härtefallverfahren nach § 23a AufenthG – Bitte um Stellungnahme',
    salutation: SALUTATION,
    blocks: [
      p(
        `die Härtefallkommission befasst sich mit dem Antrag, der am ${f.receivedOn} eingegangen ist. Er betrifft:`,
      ),
      identified(f.persons),
      p(
        `Die Geschäftsstelle bittet Ihre Behörde um eine schriftliche, begründete Stellungnahme bis zum ${f.dueOn}. Die Stellungnahme geht den Mitgliedern der Kommission mit der Akte vor der Sitzung zu.`,
      ),
      p('Bitte gehen Sie insbesondere ein auf:'),
      list([
        'den aufenthaltsrechtlichen Status und seine Entwicklung,',
        'den Stand aufenthaltsbeendender Maßnahmen, insbesondere einen feststehenden Abschiebungstermin,',
        'Gründe, die einer Befassung entgegenstehen können (Ausschlussgründe der Härtefallkommissionsverordnung),',
        'Erkenntnisse zu Integration, Lebensunterhalt und Straftaten.',
      ]),
      p(
        `Die Stellungnahme können Sie im Behördenportal übermitteln (${f.portalLink}) oder unter Angabe des Aktenzeichens per Post senden.`,
      ),
    ],
  }),
};

const documentRequest: LetterTemplate<'document_request'> = {
  id: 'document_request',
  version: '2026-12-01',
  title: 'Bitte um Unterlagen',
  fileName: 'Bitte-um-Unterlagen',
  render: (f) => ({
    subject: 'Ihr Antrag an die Härtefallkommission – Bitte um Unterlagen',
    salutation: SALUTATION,
    blocks: [
      p(
        `für die Bearbeitung Ihres Antrags vom ${f.receivedOn} (für ${joined(f.persons)}) bittet die Geschäftsstelle Sie, bis zum ${f.dueOn} folgende Unterlagen nachzureichen:`,
      ),
      ...typed(f.requestText),
      p(
        'Sie können die Unterlagen über den Link zu Ihrem Antrag hochladen („Unterlagen nachreichen“) oder per Post senden. Bitte geben Sie dabei das Aktenzeichen an.',
      ),
      p(
        'Wenn Sie eine Unterlage bis zu diesem Tag nicht beschaffen können, teilen Sie das der Geschäftsstelle bitte mit.',
      ),
    ],
  }),
};

const hardshipRequest: LetterTemplate<'hardship_request'> = {
  id: 'hardship_request',
  version: '2026-12-01',
  title: 'Härtefallersuchen an die Ausländerbehörde',
  fileName: 'Haertefallersuchen',
  render: (f) => ({
    subject: 'Härtefallersuchen nach § 23a Abs. 1 AufenthG',
    salutation: SALUTATION,
    blocks: [
      p(
        `die Härtefallkommission hat in ihrer Sitzung${f.decidedOn ? ` am ${f.decidedOn}` : ''} beschlossen, ein Härtefallersuchen zu stellen. Sie ersucht darum, den folgenden Personen nach § 23a Abs. 1 des Aufenthaltsgesetzes eine Aufenthaltserlaubnis zu erteilen:`,
      ),
      identified(f.persons),
      p('Die Gründe der Kommission:'),
      ...typed(f.reasons),
      p(
        'Über die Erteilung entscheidet Ihre Behörde. Sie kann die Erteilung insbesondere davon abhängig machen, dass der Lebensunterhalt gesichert ist oder eine Verpflichtungserklärung nach § 68 des Aufenthaltsgesetzes abgegeben wird.',
      ),
      p(
        `Bitte teilen Sie der Geschäftsstelle Ihre beabsichtigte Entscheidung mit, gern über das Behördenportal (${f.portalLink}). Wenn Sie dem Ersuchen nicht folgen wollen, teilen Sie dies bitte vor Ihrer Entscheidung mit Begründung mit.`,
      ),
    ],
  }),
};

const noRequestAuthority: LetterTemplate<'no_request_authority'> = {
  id: 'no_request_authority',
  version: '2026-12-02',
  title: 'Kein Härtefallersuchen – Mitteilung an die Ausländerbehörde',
  fileName: 'Kein-Haertefallersuchen-Auslaenderbehoerde',
  render: (f) => ({
    subject: 'Härtefallverfahren nach § 23a AufenthG – kein Härtefallersuchen',
    salutation: SALUTATION,
    blocks: [
      p(
        `die Härtefallkommission hat in ihrer Sitzung${f.decidedOn ? ` am ${f.decidedOn}` : ''} über den am ${f.receivedOn} eingegangenen Antrag beraten. Ein Härtefallersuchen wird nicht gestellt; das Härtefallverfahren ist beendet. Der Antrag betraf:`,
      ),
      identified(f.persons),
      ...(f.recommendation
        ? [
            p('Die Kommission gibt Ihrer Behörde dazu folgende Empfehlung, die nicht bindend ist:'),
            ...typed(f.recommendation),
          ]
        : []),
      p('Die Antragstellenden werden über den Abschluss des Verfahrens schriftlich unterrichtet.'),
    ],
  }),
};

const closingNotice: LetterTemplate<'closing_notice'> = {
  id: 'closing_notice',
  version: '2026-12-01',
  title: 'Abschluss des Verfahrens',
  fileName: 'Abschluss-des-Verfahrens',
  render: (f) => ({
    subject: 'Ihr Antrag an die Härtefallkommission – Abschluss des Verfahrens',
    salutation: SALUTATION,
    blocks: [
      p(`das Härtefallverfahren zu Ihrem Antrag vom ${f.receivedOn} ist abgeschlossen. Der Antrag betraf:`),
      names(f.persons),
      f.outcome === 'request_sent'
        ? p(
            'Die Härtefallkommission hat ein Härtefallersuchen an die zuständige Ausländerbehörde gerichtet. Über die Erteilung einer Aufenthaltserlaubnis entscheidet die Ausländerbehörde; an das Ersuchen ist sie nicht gebunden.',
          )
        : p('Die Härtefallkommission hat nach ihrer Beratung kein Härtefallersuchen gestellt.'),
      p(
        `Bitte fragen Sie bei ${f.authorityName ? `der zuständigen Ausländerbehörde (${f.authorityName})` : 'Ihrer Ausländerbehörde'} nach dem Ergebnis und danach, was es für Ihren Aufenthalt bedeutet. Eine Beratungsstelle kann Sie dabei unterstützen.`,
      ),
    ],
  }),
};

/** Every template with all its versions, oldest first; the last one is used for new letters. */
export const LETTER_TEMPLATES: { readonly [K in TemplateKind]: readonly LetterTemplate<K>[] } = {
  authority_new_application: [authorityNewApplication],
  not_taken_up_applicant: [notTakenUpApplicant],
  not_taken_up_authority: [notTakenUpAuthority],
  statement_request: [statementRequest],
  document_request: [documentRequest],
  hardship_request: [hardshipRequest],
  no_request_authority: [noRequestAuthority],
  closing_notice: [closingNotice],
};

/** The version new letters of this kind are written with. */
export function currentTemplate<K extends TemplateKind>(kind: K): LetterTemplate<K> {
  const versions = LETTER_TEMPLATES[kind] as readonly LetterTemplate<K>[];
  const last = versions[versions.length - 1];
  if (!last) throw new Error(`no template for ${kind}`);
  return last;
}

/** A stored letter's template, to explain or render it again; null for an unknown id or version. */
export function templateVersion(kind: string, version: string): LetterTemplate | null {
  const versions = (LETTER_TEMPLATES as Record<string, readonly LetterTemplate[] | undefined>)[kind];
  return versions?.find((t) => t.version === version) ?? null;
}

/** The receipt's wording lives with its layout (src/adapters/pdf/receipt-texts.ts); its version is named here. */
export const RECEIPT_TEMPLATE = {
  id: 'receipt',
  version: '2026-11-25',
  title: 'Eingangsbestätigung',
} as const;

/** The title of a letter's template for the office's list (also for the receipt). */
export function letterTitle(templateId: string): string {
  if (templateId === RECEIPT_TEMPLATE.id) return RECEIPT_TEMPLATE.title;
  return templateVersion(templateId, currentVersionOf(templateId) ?? '')?.title ?? templateId;
}

function currentVersionOf(templateId: string): string | undefined {
  const versions = (LETTER_TEMPLATES as Record<string, readonly LetterTemplate[] | undefined>)[templateId];
  return versions?.[versions.length - 1]?.version;
}

/** The mail that carries a letter to the applicant side: the case number and the attachment, nothing else. */
export function letterMail(input: { caseNumber: string; title: string }) {
  return {
    subject: `Schreiben der Geschäftsstelle – ${input.caseNumber}`,
    text: [
      'Guten Tag,',
      '',
      `im Anhang finden Sie ein Schreiben der Geschäftsstelle der Härtefallkommission zu Ihrem Antrag (Aktenzeichen ${input.caseNumber}): ${input.title}.`,
      'Bitte geben Sie bei allen Rückfragen das Aktenzeichen an.',
      '',
      'Mit freundlichen Grüßen',
      'Geschäftsstelle der Härtefallkommission',
      '',
      'Diese Nachricht wurde automatisch erstellt.',
    ].join('\n'),
  };
}
