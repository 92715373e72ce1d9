/** Who files the application: the applicants themselves, a person, or an organisation. */
import type { RepresentativeDraft } from '../../../../domain/application/index.ts';
import { Button, ButtonGroup, type FieldError, InsetText, Radios, TextInput } from '../../../views/form.tsx';
import { type FormObject, group, single } from '../form-body.ts';
import { messageFor, type WizardContext, WizardPage } from '../frame.tsx';

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
  const contact = (
    <>
      <TextInput
        id="address-street"
        name="address.street"
        label={w('street')}
        value={r.address?.street}
        error={e('address.street')}
        errorPrefix={prefix}
        autocomplete="address-line1"
      />
      <TextInput
        id="address-houseNumber"
        name="address.houseNumber"
        label={w('houseNumber')}
        value={r.address?.houseNumber}
        error={e('address.houseNumber')}
        errorPrefix={prefix}
        width="5"
      />
      <TextInput
        id="address-postalCode"
        name="address.postalCode"
        label={w('postalCode')}
        value={r.address?.postalCode}
        error={e('address.postalCode')}
        errorPrefix={prefix}
        width="5"
        inputMode="numeric"
        autocomplete="postal-code"
      />
      <TextInput
        id="address-place"
        name="address.place"
        label={w('place')}
        value={r.address?.place}
        error={e('address.place')}
        errorPrefix={prefix}
        width="20"
        autocomplete="address-level2"
      />
      <TextInput
        id="phone"
        name="phone"
        type="tel"
        label={w('repPhone')}
        value={r.phone}
        error={e('phone')}
        errorPrefix={prefix}
        autocomplete="tel"
        width="20"
      />
      <TextInput
        id="email"
        name="email"
        type="email"
        label={w('repEmail')}
        hint={w('repEmailHint')}
        value={r.email}
        error={e('email')}
        errorPrefix={prefix}
        autocomplete="email"
        spellcheck={false}
      />
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
                  <TextInput
                    id="familyName"
                    name="familyName"
                    label={w('familyName')}
                    value={r.familyName}
                    error={e('familyName')}
                    errorPrefix={prefix}
                    autocomplete="family-name"
                  />
                  <TextInput
                    id="givenNames"
                    name="givenNames"
                    label={w('givenNames')}
                    value={r.givenNames}
                    error={e('givenNames')}
                    errorPrefix={prefix}
                    autocomplete="given-name"
                  />
                </>
              ),
            },
            {
              value: 'organisation',
              label: w('rep_organisation'),
              conditional: (
                <>
                  <TextInput
                    id="organisationName"
                    name="organisationName"
                    label={w('repOrganisationName')}
                    value={r.organisationName}
                    error={e('organisationName')}
                    errorPrefix={prefix}
                    autocomplete="organization"
                  />
                  <TextInput
                    id="contactPerson"
                    name="contactPerson"
                    label={w('repContactPerson')}
                    value={r.contactPerson}
                    error={e('contactPerson')}
                    errorPrefix={prefix}
                    autocomplete="name"
                  />
                </>
              ),
            },
          ]}
        />
        <div class="app-representative-contact">{contact}</div>
        <ButtonGroup>
          <Button name="action" value="continue">
            {w('saveAndContinue')}
          </Button>
          <Button name="action" value="later" variant="secondary">
            {w('saveAndBack')}
          </Button>
        </ButtonGroup>
      </form>
    </WizardPage>
  );
}
