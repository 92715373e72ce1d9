/** The persons covered by the application: the list, and one page per person. */
import type { AuthorityMatch } from '../../../../application/ports.ts';
import {
  type PersonDraft,
  personDisplayName,
  RELATIONS,
  RESIDENCE_STATUSES,
} from '../../../../domain/application/index.ts';
import {
  Button,
  ButtonGroup,
  DateInput,
  type FieldError,
  Fieldset,
  InsetText,
  Radios,
  Select,
  SummaryList,
  TextInput,
} from '../../../views/form.tsx';
import { type FormObject, group, single } from '../form-body.ts';
import {
  AddressFields,
  datePartsInError,
  messageFor,
  SaveButtons,
  textFields,
  type WizardContext,
  WizardPage,
} from '../frame.tsx';

export interface NationalityOption {
  code: string;
  label: string;
}

/** The posted person form as a person draft (what was typed, nothing dropped). */
export function personFromForm(id: string, form: FormObject): PersonDraft {
  const date = (v: FormObject) => ({
    day: single(v.day) ?? '',
    month: single(v.month) ?? '',
    year: single(v.year) ?? '',
  });
  const address = group(form.address);
  const residence = group(form.residenceStatus);
  return {
    id,
    relation: single(form.relation) ?? '',
    familyName: single(form.familyName) ?? '',
    givenNames: single(form.givenNames) ?? '',
    birthDate: date(group(form.birthDate)),
    birthPlace: single(form.birthPlace) ?? '',
    nationality: single(form.nationality) ?? '',
    address: {
      sameAsMainApplicant: single(address.sameAsMainApplicant) ?? '',
      careOf: single(address.careOf) ?? '',
      street: single(address.street) ?? '',
      houseNumber: single(address.houseNumber) ?? '',
      postalCode: single(address.postalCode) ?? '',
      place: single(address.place) ?? '',
    },
    residenceStatus: { kind: single(residence.kind) ?? '', other: single(residence.other) ?? '' },
    entryDate: date(group(form.entryDate)),
  };
}

export function PersonsListPage({
  ctx,
  persons,
  complete,
  errors = [],
}: {
  ctx: WizardContext;
  persons: readonly PersonDraft[];
  complete: (id: string) => boolean;
  errors?: FieldError[];
}) {
  const { w } = ctx;
  return (
    <WizardPage ctx={ctx} title={w('personsTitle')} errors={errors} back="/antrag/uebersicht">
      <h1 class="kern-heading-x-large">{w('personsTitle')}</h1>
      <p class="kern-body">{w('personsLead')}</p>
      {persons.length === 0 ? (
        <p class="kern-body">{w('personsNone')}</p>
      ) : (
        <ul class="app-person-list">
          {persons.map((p, i) => {
            const name = personDisplayName(p) || `${w('personTitleNew')} ${i + 1}`;
            return (
              <li class="app-person-list__item" key={p.id}>
                <h2 class="kern-heading-small">{name}</h2>
                <p class="kern-body">
                  {p.relation ? w(`relation_${p.relation}` as 'relation_child') : ''}
                  {p.relation ? ' · ' : ''}
                  {complete(p.id) ? w('personComplete') : w('personIncomplete')}
                </p>
                <ButtonGroup>
                  <a class="kern-link" href={`/antrag/personen/${p.id}`}>
                    {w('personEdit')}
                    <span class="kern-sr-only"> {name}</span>
                  </a>
                  <form method="post" action={`/antrag/personen/${p.id}/entfernen`} class="app-inline-form">
                    <Button variant="tertiary">
                      {w('personRemove')}
                      <span class="kern-sr-only"> {name}</span>
                    </Button>
                  </form>
                </ButtonGroup>
              </li>
            );
          })}
        </ul>
      )}
      <form method="post" action="/antrag/personen/neu">
        <ButtonGroup>
          <Button variant={persons.length === 0 ? 'primary' : 'secondary'}>
            {persons.length === 0 ? w('personAddFirst') : w('personAdd')}
          </Button>
        </ButtonGroup>
      </form>
      {persons.length > 0 ? (
        <p class="kern-body">
          <a class="kern-link" href="/antrag/uebersicht">
            {w('toTaskList')}
          </a>
        </p>
      ) : null}
    </WizardPage>
  );
}

export function PersonPage({
  ctx,
  person,
  isFirst,
  nationalities,
  errors,
  authority,
}: {
  ctx: WizardContext;
  person: PersonDraft;
  isFirst: boolean;
  nationalities: readonly NationalityOption[];
  errors: FieldError[];
  /** The authority found for the postal code: a match, 'none' (not in NRW) or null (not looked up). */
  authority: AuthorityMatch | 'none' | null;
}) {
  const { w } = ctx;
  const e = (path: string) => messageFor(errors, path);
  const prefix = w('errorPrefix');
  const address = person.address ?? {};
  const text = textFields(ctx, person, errors);
  const isMain = person.relation === 'main_applicant' || (isFirst && !person.relation);
  const title = personDisplayName(person) || w('personTitleNew');
  const date = (name: 'birthDate' | 'entryDate', legend: string, hint: string) => (
    <DateInput
      id={name}
      name={name}
      legend={legend}
      hint={hint}
      value={person[name] ?? {}}
      error={e(name)}
      errorPrefix={prefix}
      errorParts={datePartsInError(errors, name)}
      labels={{ day: w('day'), month: w('month'), year: w('year') }}
      {...(name === 'birthDate' ? { autocomplete: 'bday' as const } : {})}
    />
  );
  const addressFields = (
    <>
      <AddressFields ctx={ctx} values={person} errors={errors} />
      {authority === 'none' ? (
        <InsetText>{w('authorityNotNrw')}</InsetText>
      ) : authority ? (
        <InsetText>
          {w('authorityFound', {
            authority: authority.authorityName,
            municipality: authority.municipalityName,
          })}
        </InsetText>
      ) : null}
    </>
  );
  return (
    <WizardPage ctx={ctx} title={title} errors={errors} back="/antrag/personen">
      <h1 class="kern-heading-x-large">{title}</h1>
      <p class="kern-body">{w('germanNotice')}</p>
      <form method="post" action={`/antrag/personen/${person.id}`} novalidate>
        <Radios
          id="relation"
          name="relation"
          legend={w('personRelation')}
          value={person.relation}
          error={e('relation')}
          errorPrefix={prefix}
          options={RELATIONS.map((r) => ({ value: r, label: w(`relation_${r}`) }))}
        />
        {text('familyName', 'familyName', {
          hint: w('familyNameHint'),
          autocomplete: 'family-name',
          spellcheck: false,
          dir: 'auto',
        })}
        {text('givenNames', 'givenNames', { autocomplete: 'given-name', spellcheck: false, dir: 'auto' })}
        {date('birthDate', w('birthDate'), w('birthDateHint'))}
        {text('birthPlace', 'birthPlace', { hint: w('birthPlaceHint'), dir: 'auto' })}
        <Select
          id="nationality"
          name="nationality"
          label={w('nationality')}
          hint={w('nationalityHint')}
          options={nationalities.map((n) => ({ value: n.code, label: n.label }))}
          value={person.nationality}
          placeholder={w('nationalityChoose')}
          error={e('nationality')}
          errorPrefix={prefix}
        />
        <Radios
          id="residenceStatus-kind"
          name="residenceStatus.kind"
          legend={w('residenceStatus')}
          value={person.residenceStatus?.kind}
          error={e('residenceStatus.kind') ?? e('residenceStatus')}
          errorPrefix={prefix}
          options={RESIDENCE_STATUSES.map((r) => ({
            value: r,
            label: w(`residence_${r}`),
            ...(r === 'other'
              ? {
                  conditional: (
                    <TextInput
                      id="residenceStatus-other"
                      name="residenceStatus.other"
                      label={w('residenceOther')}
                      value={person.residenceStatus?.other}
                      error={e('residenceStatus.other')}
                      errorPrefix={prefix}
                    />
                  ),
                }
              : {}),
          }))}
        />
        {date('entryDate', w('entryDate'), w('entryDateHint'))}
        <Fieldset legend={w('address')}>
          {isMain ? (
            addressFields
          ) : (
            <Radios
              id="address-sameAsMainApplicant"
              name="address.sameAsMainApplicant"
              legend={w('addressSame')}
              value={address.sameAsMainApplicant}
              error={e('address.sameAsMainApplicant')}
              errorPrefix={prefix}
              options={[
                { value: 'yes', label: w('yes') },
                { value: 'no', label: w('no'), conditional: addressFields },
              ]}
            />
          )}
        </Fieldset>
        <SaveButtons ctx={ctx} />
      </form>
    </WizardPage>
  );
}

/** The persons as rows of the check-your-answers page. */
export function personRows(
  ctx: WizardContext,
  persons: readonly PersonDraft[],
  nationalityLabel: (code: string) => string,
) {
  const { w } = ctx;
  return persons.map((p) => ({
    key: personDisplayName(p),
    value: (
      <>
        {p.relation ? <span>{w(`relation_${p.relation}` as 'relation_child')}</span> : null}
        <br />
        {[p.birthDate?.day, p.birthDate?.month, p.birthDate?.year].filter(Boolean).join('.')}
        {p.birthPlace ? `, ${p.birthPlace}` : ''}
        <br />
        {p.nationality ? nationalityLabel(p.nationality) : ''}
      </>
    ),
    change: {
      href: `/antrag/personen/${p.id}`,
      text: w('checkChange'),
      visuallyHiddenText: personDisplayName(p),
    },
  }));
}

export { SummaryList };
