/** The reasons: the questions that shape the evidence list, and the four long texts. */
import { randomUUID } from 'node:crypto';
import {
  countCharacters,
  educationQuestions,
  formatCount,
  type PERSON_QUESTIONS,
  type PersonDraft,
  personDisplayName,
  REASON_TEXT_TITLES,
  REASON_TEXTS,
  type ReasonsDraft,
  TEXT_LIMITS,
} from '../../../../domain/application/index.ts';
import {
  Checkboxes,
  DateInput,
  type FieldError,
  Fieldset,
  Radios,
  TextArea,
  TextInput,
} from '../../../views/form.tsx';
import { type FormObject, group, list, single } from '../form-body.ts';
import { datePartsInError, messageFor, SaveButtons, type WizardContext, WizardPage } from '../frame.tsx';

/** Empty name fields offered per ill person, beyond those already entered. */
const EMPTY_DOCTOR_SLOTS = 2;

/** The posted questions, merged over the stored reasons (the texts stay as they are). */
export function questionsFromForm(
  form: FormObject,
  current: ReasonsDraft,
  persons: readonly PersonDraft[],
): ReasonsDraft {
  const known = new Set(persons.map((p) => p.id));
  const ids = (v: FormObject) => list(v.personIds).filter((id) => known.has(id));
  const selection = (key: string) => {
    const v = group(form[key]);
    const answer = single(v.answer) ?? '';
    return { answer, personIds: answer === 'yes' ? ids(v) : [] };
  };
  const illness = selection('illness');
  const doctorsForm = group(group(form.illness).doctors);
  const doctors: Record<string, { id: string; name: string }[]> = {};
  for (const personId of illness.personIds) {
    const slots = Object.values(group(doctorsForm[personId])).map((slot) => group(slot));
    doctors[personId] = slots
      .map((s) => ({ id: single(s.id) || randomUUID(), name: (single(s.name) ?? '').trim() }))
      .filter((d) => d.name !== '');
  }
  const education: Record<string, string> = {};
  for (const [personId, v] of Object.entries(group(form.education))) {
    if (known.has(personId)) education[personId] = single(v) ?? '';
  }
  const deportation = group(form.deportationDate);
  const deportationKnown = single(deportation.known) ?? '';
  return {
    ...current,
    illness: { ...illness, doctors },
    education,
    employment: selection('employment'),
    languageCertificates: selection('languageCertificates'),
    volunteering: selection('volunteering'),
    criminalProceedings: selection('criminalProceedings'),
    deportationDate: {
      known: deportationKnown,
      day: deportationKnown === 'yes' ? (single(deportation.day) ?? '') : '',
      month: deportationKnown === 'yes' ? (single(deportation.month) ?? '') : '',
      year: deportationKnown === 'yes' ? (single(deportation.year) ?? '') : '',
    },
  };
}

/** The posted texts, merged over the stored reasons (the answers stay as they are). */
export function textsFromForm(form: FormObject, current: ReasonsDraft): ReasonsDraft {
  const next: ReasonsDraft = { ...current };
  for (const key of REASON_TEXTS) next[key] = single(form[key]) ?? '';
  return next;
}

/** Only the errors of the questions (everything but the four texts). */
export function questionErrors(errors: readonly FieldError[]): FieldError[] {
  const texts = new Set<string>(REASON_TEXTS);
  return errors.filter((e) => !texts.has(e.path.split('.')[0] ?? ''));
}

export function textErrors(errors: readonly FieldError[]): FieldError[] {
  const texts = new Set<string>(REASON_TEXTS);
  return errors.filter((e) => texts.has(e.path.split('.')[0] ?? ''));
}

export function QuestionsPage({
  ctx,
  reasons,
  persons,
  today,
  errors,
}: {
  ctx: WizardContext;
  reasons: ReasonsDraft;
  persons: readonly PersonDraft[];
  today: string;
  errors: FieldError[];
}) {
  const { w } = ctx;
  const e = (path: string) => messageFor(errors, path);
  const prefix = w('errorPrefix');
  const personOptions = persons.map((p) => ({ value: p.id, label: personDisplayName(p) || p.id }));
  const nameOf = (id: string) => personOptions.find((o) => o.value === id)?.label ?? id;
  const yesNo = [
    { value: 'yes', label: w('yes') },
    { value: 'no', label: w('no') },
  ];
  const selection = (key: (typeof PERSON_QUESTIONS)[number], legend: string) => (
    <Radios
      key={key}
      id={`${key}-answer`}
      name={`${key}.answer`}
      legend={legend}
      value={reasons[key]?.answer}
      error={e(`${key}.answer`)}
      errorPrefix={prefix}
      options={[
        {
          value: 'yes',
          label: w('yes'),
          conditional: (
            <Checkboxes
              id={`${key}-personIds`}
              name={`${key}.personIds`}
              legend={w('whichPersons')}
              options={personOptions}
              values={reasons[key]?.personIds ?? []}
              error={e(`${key}.personIds`)}
              errorPrefix={prefix}
            />
          ),
        },
        { value: 'no', label: w('no') },
      ]}
    />
  );
  const ill = new Set(reasons.illness?.personIds ?? []);
  const doctorFields = persons.map((p) => {
    const existing = reasons.illness?.doctors?.[p.id] ?? [];
    const slots = [...existing, ...Array.from({ length: EMPTY_DOCTOR_SLOTS }, () => ({ id: '', name: '' }))];
    const base = `illness.doctors.${p.id}`;
    return (
      <Fieldset
        key={p.id}
        legend={w('doctorsFor', { name: nameOf(p.id) })}
        hint={w('doctorsHint')}
        id={`illness-doctors-${p.id}`}
      >
        {ill.has(p.id) && e(base) ? <p class="kern-error">{e(base)}</p> : null}
        {slots.map((d, i) => (
          <div key={`${p.id}-${i}`}>
            <input type="hidden" name={`${base}.${i}.id`} value={d.id} />
            <TextInput
              id={`illness-doctors-${p.id}-${i}-name`}
              name={`${base}.${i}.name`}
              label={w('doctorName', { n: i + 1 })}
              value={d.name}
              error={e(`${base}.${i}.name`)}
              errorPrefix={prefix}
            />
          </div>
        ))}
      </Fieldset>
    );
  });
  return (
    <WizardPage ctx={ctx} title={w('reasonsQuestionsTitle')} errors={errors} back="/antrag/begruendung">
      <h1 class="kern-heading-x-large">{w('reasonsQuestionsTitle')}</h1>
      <p class="kern-body">{w('reasonsQuestionsLead')}</p>
      <form method="post" action="/antrag/fragen" novalidate>
        <Radios
          id="illness-answer"
          name="illness.answer"
          legend={w('illnessQuestion')}
          value={reasons.illness?.answer}
          error={e('illness.answer')}
          errorPrefix={prefix}
          options={[
            {
              value: 'yes',
              label: w('yes'),
              conditional: (
                <>
                  <Checkboxes
                    id="illness-personIds"
                    name="illness.personIds"
                    legend={w('illnessPersons')}
                    options={personOptions}
                    values={reasons.illness?.personIds ?? []}
                    error={e('illness.personIds')}
                    errorPrefix={prefix}
                  />
                  {doctorFields}
                </>
              ),
            },
            { value: 'no', label: w('no') },
          ]}
        />
        {educationQuestions(persons, today).map(({ personId }) => (
          <Radios
            key={personId}
            id={`education-${personId}`}
            name={`education.${personId}`}
            legend={w('educationQuestion', { name: nameOf(personId) })}
            value={reasons.education?.[personId]}
            error={e(`education.${personId}`)}
            errorPrefix={prefix}
            options={[
              { value: 'school', label: w('edu_school') },
              { value: 'kindergarten', label: w('edu_kindergarten') },
              { value: 'none', label: w('edu_none') },
            ]}
          />
        ))}
        {selection('employment', w('employmentQuestion'))}
        {selection('languageCertificates', w('languageQuestion'))}
        {selection('volunteering', w('volunteeringQuestion'))}
        <Radios
          id="criminalProceedings-answer"
          name="criminalProceedings.answer"
          legend={w('criminalQuestion')}
          hint={w('criminalHint')}
          value={reasons.criminalProceedings?.answer}
          error={e('criminalProceedings.answer')}
          errorPrefix={prefix}
          options={[
            {
              value: 'yes',
              label: w('yes'),
              conditional: (
                <Checkboxes
                  id="criminalProceedings-personIds"
                  name="criminalProceedings.personIds"
                  legend={w('whichPersons')}
                  options={personOptions}
                  values={reasons.criminalProceedings?.personIds ?? []}
                  error={e('criminalProceedings.personIds')}
                  errorPrefix={prefix}
                />
              ),
            },
            { value: 'no', label: w('no') },
            { value: 'unknown', label: w('dontKnow') },
          ]}
        />
        <Radios
          id="deportationDate-known"
          name="deportationDate.known"
          legend={w('deportationQuestion')}
          value={reasons.deportationDate?.known}
          error={e('deportationDate.known')}
          errorPrefix={prefix}
          options={[
            {
              value: 'yes',
              label: w('yes'),
              conditional: (
                <DateInput
                  id="deportationDate"
                  name="deportationDate"
                  legend={w('deportationDate')}
                  value={reasons.deportationDate ?? {}}
                  error={
                    e('deportationDate.day') ??
                    e('deportationDate.month') ??
                    e('deportationDate.year') ??
                    e('deportationDate')
                  }
                  errorParts={datePartsInError(errors, 'deportationDate')}
                  errorPrefix={prefix}
                  labels={{ day: w('day'), month: w('month'), year: w('year') }}
                />
              ),
            },
            ...yesNo.slice(1),
          ]}
        />
        <SaveButtons ctx={ctx} />
      </form>
    </WizardPage>
  );
}

export function TextsPage({
  ctx,
  reasons,
  errors,
}: {
  ctx: WizardContext;
  reasons: ReasonsDraft;
  errors: FieldError[];
}) {
  const { w } = ctx;
  const prefix = w('errorPrefix');
  return (
    <WizardPage ctx={ctx} title={w('reasonsTextsTitle')} errors={errors} back="/antrag/begruendung">
      <h1 class="kern-heading-x-large">{w('reasonsTextsTitle')}</h1>
      <p class="kern-body">{w('reasonsTextsLead')}</p>
      <p class="kern-body">{ctx.t('germanIsBinding')}</p>
      <form method="post" action="/antrag/begruendung/texte" novalidate data-autosave>
        {REASON_TEXTS.map((key) => {
          const value = reasons[key] ?? '';
          const left = TEXT_LIMITS.longText - countCharacters(value);
          return (
            <TextArea
              key={key}
              id={key}
              name={key}
              label={REASON_TEXT_TITLES[key]}
              hint={w(`hint_${key}`)}
              value={value}
              rows={10}
              maxLength={TEXT_LIMITS.longText}
              countText={w('charactersLeft', { n: formatCount(Math.max(left, 0)) })}
              countExceeded={left < 0}
              error={messageFor(errors, key)}
              errorPrefix={prefix}
            />
          );
        })}
        <p
          class="kern-body"
          data-autosave-status
          aria-live="polite"
          data-saved-text={w('autosaved')}
          data-failed-text={w('autosaveFailed')}
        />
        <SaveButtons ctx={ctx} />
      </form>
      <script src="/assets/autosave.js" defer />
    </WizardPage>
  );
}

/** The reasons overview: two parts, each with its status. */
export function ReasonsOverviewPage({
  ctx,
  questionsDone,
  textsDone,
}: {
  ctx: WizardContext;
  questionsDone: boolean;
  textsDone: boolean;
}) {
  const { w } = ctx;
  const tag = (done: boolean) => (done ? w('statusCompleted') : w('statusNotStarted'));
  return (
    <WizardPage ctx={ctx} title={w('taskReasons')} back="/antrag/uebersicht">
      <h1 class="kern-heading-x-large">{w('taskReasons')}</h1>
      <p class="kern-body">{w('reasonsOverview')}</p>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href="/antrag/fragen">
            {w('reasonsQuestionsLink')}
          </a>{' '}
          – {tag(questionsDone)}
        </li>
        <li>
          <a class="kern-link" href="/antrag/begruendung/texte">
            {w('reasonsTextsLink')}
          </a>{' '}
          – {tag(textsDone)}
        </li>
      </ul>
      <p class="kern-body">
        <a class="kern-link" href="/antrag/uebersicht">
          {w('toTaskList')}
        </a>
      </p>
    </WizardPage>
  );
}
