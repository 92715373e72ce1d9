/** Registering an application that came by post, fax, e-mail or De-Mail. */
import { CHANNEL_LABELS, intakeTexts as t } from '../../../content/messages/office/de.ts';
import { INTAKE_CHANNELS, type IntakeDraft } from '../../domain/application/index.ts';
import { type FormObject, group, single } from '../public/application/form-body.ts';
import { datePartsInError, messageFor, summaryTarget } from '../public/application/frame.tsx';
import {
  Button,
  DateInput,
  ErrorSummary,
  type FieldError,
  Fieldset,
  Radios,
  Select,
  TextInput,
} from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';

export const INTAKE_ROWS = 4;

export function intakeFromForm(form: FormObject): IntakeDraft {
  const date = (v: FormObject) => ({
    day: single(v.day) ?? '',
    month: single(v.month) ?? '',
    year: single(v.year) ?? '',
  });
  const persons = group(form.persons);
  const address = group(form.address);
  return {
    channel: single(form.channel) ?? '',
    receivedOn: date(group(form.receivedOn)),
    persons: Array.from({ length: INTAKE_ROWS }, (_, i) => {
      const p = group(persons[String(i)]);
      return {
        familyName: single(p.familyName) ?? '',
        givenNames: single(p.givenNames) ?? '',
        birthDate: date(group(p.birthDate)),
        nationality: single(p.nationality) ?? '',
      };
    }),
    address: {
      street: single(address.street) ?? '',
      houseNumber: single(address.houseNumber) ?? '',
      postalCode: single(address.postalCode) ?? '',
      place: single(address.place) ?? '',
    },
    note: single(form.note) ?? '',
  };
}

export function IntakePage({
  ctx,
  draft,
  errors,
  csrf,
  nationalities,
}: {
  ctx: PageContext;
  draft: IntakeDraft;
  errors: FieldError[];
  csrf: string;
  nationalities: readonly { code: string; label: string }[];
}) {
  const e = (path: string) => messageFor(errors, path);
  const dateLabels = { day: 'Tag', month: 'Monat', year: 'Jahr' };
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `Fehler: ${t.title}` : t.title}>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle">
          Zu den Fällen
        </a>
      </p>
      <ErrorSummary
        title="Es gibt ein Problem"
        errors={errors.map((x) => ({ field: summaryTarget(x.path), message: x.message }))}
      />
      <h1 class="kern-heading-x-large">{t.title}</h1>
      <p class="kern-body">{t.lead}</p>
      <form method="post" action="/geschaeftsstelle/eingang" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <Radios
          id="channel"
          name="channel"
          legend={t.channel}
          value={draft.channel}
          error={e('channel')}
          errorPrefix="Fehler:"
          options={INTAKE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] ?? c }))}
        />
        <DateInput
          id="receivedOn"
          name="receivedOn"
          legend={t.receivedOn}
          value={draft.receivedOn ?? {}}
          error={e('receivedOn')}
          errorParts={datePartsInError(errors, 'receivedOn')}
          errorPrefix="Fehler:"
          labels={dateLabels}
        />
        {Array.from({ length: INTAKE_ROWS }, (_, i) => {
          const p = draft.persons[i] ?? {};
          const at = (f: string) => `persons.${i}.${f}`;
          const id = (f: string) => `persons-${i}-${f}`;
          return (
            <Fieldset key={i} legend={i === 0 ? t.mainPerson : `${t.furtherPerson} ${i}`}>
              <TextInput
                id={id('familyName')}
                name={at('familyName')}
                label="Familienname"
                value={p.familyName}
                error={e(at('familyName'))}
                errorPrefix="Fehler:"
                dir="auto"
              />
              <TextInput
                id={id('givenNames')}
                name={at('givenNames')}
                label="Vornamen"
                value={p.givenNames}
                error={e(at('givenNames'))}
                errorPrefix="Fehler:"
                dir="auto"
              />
              <DateInput
                id={id('birthDate')}
                name={at('birthDate')}
                legend="Geburtsdatum (Tag und Monat dürfen fehlen)"
                value={p.birthDate ?? {}}
                error={e(at('birthDate'))}
                errorParts={datePartsInError(errors, at('birthDate'))}
                errorPrefix="Fehler:"
                labels={dateLabels}
              />
              <Select
                id={id('nationality')}
                name={at('nationality')}
                label="Staatsangehörigkeit (leer: ungeklärt)"
                value={p.nationality}
                placeholder="ungeklärt"
                options={nationalities.map((n) => ({ value: n.code, label: n.label }))}
                error={e(at('nationality'))}
                errorPrefix="Fehler:"
              />
            </Fieldset>
          );
        })}
        <Fieldset legend={t.address}>
          {(['street', 'houseNumber', 'postalCode', 'place'] as const).map((f) => (
            <TextInput
              key={f}
              id={`address-${f}`}
              name={`address.${f}`}
              label={
                { street: 'Straße', houseNumber: 'Hausnummer', postalCode: 'Postleitzahl', place: 'Ort' }[f]
              }
              value={draft.address?.[f]}
              error={e(`address.${f}`)}
              errorPrefix="Fehler:"
              {...(f === 'postalCode' || f === 'houseNumber' ? { width: '5' as const } : {})}
            />
          ))}
        </Fieldset>
        <TextInput
          id="note"
          name="note"
          label={t.note}
          value={draft.note}
          error={e('note')}
          errorPrefix="Fehler:"
        />
        <Button>{t.submit}</Button>
      </form>
    </Layout>
  );
}
