/** Who files the application: the applicants themselves, a person, or an organisation. */
import type { RepresentativeDraft } from '../../../../domain/application/index.ts';
import { type FieldError, InsetText, Radios } from '../../../views/form.tsx';
import { type FormObject, group, single } from '../form-body.ts';
import {
  AddressFields,
  messageFor,
  SaveButtons,
  textFields,
  type WizardContext,
  WizardPage,
} from '../frame.tsx';

export function representativeFromForm(form: FormObject): RepresentativeDraft {
  const address = group(form.address);
  const kind = single(form.kind) ?? '';
  const byKind = (k: string, v: string | undefined) => (kind === k ? (v ?? '') : '');
  return {
    kind,
    organisationName: byKind('organisation', single(form.organisationName)),
    contactPerson: byKind('organisation', single(form.contactPerson)),
    familyName: byKind('person', single(form.familyName)),
    givenNames: byKind('person', single(form.givenNames)),
    address: {
      careOf: '',
      street: single(address.street) ?? '',
      houseNumber: single(address.houseNumber) ?? '',
      postalCode: single(address.postalCode) ?? '',
      place: single(address.place) ?? '',
    },
    phone: single(form.phone) ?? '',
    email: single(form.email) ?? '',
  };
}

export function RepresentativePage({
  ctx,
  representative,
  errors,
}: {
  ctx: WizardContext;
  representative: RepresentativeDraft;
  errors: FieldError[];
}) {
  const { w } = ctx;
  const e = (path: string) => messageFor(errors, path);
  const prefix = w('errorPrefix');
  const r = representative;
  const text = textFields(ctx, r, errors);
  const contact = (
    <>
      <AddressFields ctx={ctx} values={r} errors={errors} careOf={false} />
      {text('phone', 'repPhone', { type: 'tel', autocomplete: 'tel', width: '20' })}
      {text('email', 'repEmail', {
        type: 'email',
        hint: w('repEmailHint'),
        autocomplete: 'email',
        spellcheck: false,
      })}
      <InsetText>{w('repPowerOfAttorney')}</InsetText>
    </>
  );
  // One set of contact fields, shown under whichever kind is chosen; without CSS :has() both stay visible.
  return (
    <WizardPage ctx={ctx} title={w('representativeTitle')} errors={errors} back="/antrag/uebersicht">
      <h1 class="kern-heading-x-large">{w('representativeTitle')}</h1>
      <form method="post" action="/antrag/vertretung" novalidate>
        <Radios
          id="kind"
          name="kind"
          legend={w('representativeKind')}
          value={r.kind}
          error={e('kind')}
          errorPrefix={prefix}
          options={[
            { value: 'none', label: w('rep_none') },
            {
              value: 'person',
              label: w('rep_person'),
              conditional: (
                <>
                  {text('familyName', 'familyName', { autocomplete: 'family-name' })}
                  {text('givenNames', 'givenNames', { autocomplete: 'given-name' })}
                </>
              ),
            },
            {
              value: 'organisation',
              label: w('rep_organisation'),
              conditional: (
                <>
                  {text('organisationName', 'repOrganisationName', { autocomplete: 'organization' })}
                  {text('contactPerson', 'repContactPerson', { autocomplete: 'name' })}
                </>
              ),
            },
          ]}
        />
        <div class="app-representative-contact">{contact}</div>
        <SaveButtons ctx={ctx} />
      </form>
    </WizardPage>
  );
}
