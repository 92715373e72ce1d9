/**
 * The forms to sign, pre-filled from the draft as far as it is answered: a blank stays blank to be
 * filled in by hand, so a form can be printed at any point.
 */
import { type Draft, type PersonDraft, personDisplayName } from '../domain/application/index.ts';
import { evidenceChecklist } from '../domain/evidence/index.ts';
import type { FormPerson, FormRenderer } from './ports.ts';

function birthDate(p: PersonDraft): string {
  const d = p.birthDate ?? {};
  const pad = (v: string | undefined) => (v && /^\d{1,2}$/.test(v.trim()) ? v.trim().padStart(2, '0') : '');
  return [pad(d.day), pad(d.month), (d.year ?? '').trim()].filter(Boolean).join('.');
}

function addressLines(
  a:
    | { careOf?: string; street?: string; houseNumber?: string; postalCode?: string; place?: string }
    | undefined,
) {
  if (!a) return [];
  return [
    a.careOf ? `c/o ${a.careOf}` : '',
    [a.street, a.houseNumber].filter(Boolean).join(' '),
    [a.postalCode, a.place].filter(Boolean).join(' '),
  ].filter((l) => l.trim() !== '');
}

function formPerson(draft: Draft, p: PersonDraft, nationalityName: (code: string) => string): FormPerson {
  const main = draft.persons.find((q) => q.relation === 'main_applicant');
  const address = p.address?.sameAsMainApplicant === 'yes' && main ? main.address : p.address;
  return {
    familyName: p.familyName ?? '',
    givenNames: p.givenNames ?? '',
    birthDate: birthDate(p),
    ...(p.nationality ? { nationality: nationalityName(p.nationality) } : {}),
    address: addressLines(address),
  };
}

/** The PDF for a form item of the draft's checklist, or null if the item is not a form of this draft. */
export async function signedForm(
  draft: Draft,
  itemId: string,
  today: string,
  renderer: FormRenderer,
  nationalityName: (code: string) => string,
): Promise<{ fileName: string; pdf: Buffer } | null> {
  const item = evidenceChecklist(draft, today).find((i) => i.id === itemId && i.signedForm);
  if (!item) return null;
  const person = item.personId ? draft.persons.find((p) => p.id === item.personId) : undefined;
  if (item.category === 'data_consent' && person) {
    return {
      fileName: 'Einwilligung-Datenverarbeitung.pdf',
      pdf: await renderer.dataConsent(formPerson(draft, person, nationalityName)),
    };
  }
  if (item.category === 'medical_release' && person) {
    const doctor = (draft.reasons.illness?.doctors?.[person.id] ?? []).find((d) => d.id === item.doctorId);
    return {
      fileName: 'Schweigepflichtentbindung.pdf',
      pdf: await renderer.medicalRelease(formPerson(draft, person, nationalityName), {
        name: doctor?.name ?? '',
      }),
    };
  }
  if (item.category === 'power_of_attorney') {
    const rep = draft.representative;
    const name =
      rep.kind === 'organisation'
        ? (rep.contactPerson ?? '')
        : personDisplayName({ givenNames: rep.givenNames, familyName: rep.familyName });
    return {
      fileName: 'Vollmacht.pdf',
      pdf: await renderer.powerOfAttorney(
        draft.persons.map((p) => formPerson(draft, p, nationalityName)),
        {
          name,
          ...(rep.kind === 'organisation' && rep.organisationName
            ? { organisation: rep.organisationName }
            : {}),
          address: addressLines(rep.address),
        },
      ),
    };
  }
  return null;
}
