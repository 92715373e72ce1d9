/**
 * The steps the office can take on a case: exactly the commands the transition table offers the
 * actor in the case's state (steps that come from a session are the session module's). Each step is
 * a small form; the domain validates the command and answers in German.
 */
import { COMMAND_HINTS, COMMAND_LABELS, exclusionTexts } from '../../../content/messages/office/de.ts';
import type { CaseCommand, CommandType } from '../../domain/case/index.ts';
import type { ExclusionGround } from '../../domain/rules/profile.ts';
import { type FormObject, group, list, single } from '../public/application/form-body.ts';
import { Button, Checkboxes, DateInput, Fieldset, Radios, Select, TextArea } from '../views/form.tsx';

/** Steps decided in a session; the office does not enter them by hand here. */
const SESSION_STEPS: readonly CommandType[] = [
  'scheduleForSession',
  'adjourn',
  'decideHardshipRequest',
  'decideNoRequest',
];

export function officeSteps(available: readonly CommandType[]): CommandType[] {
  return available.filter((c) => !SESSION_STEPS.includes(c));
}

/** A calendar date of the form as an instant at noon in Germany (deadlines are days, not times). */
function dateToInstant(v: FormObject): string | null {
  const d = Number(single(v.day));
  const m = Number(single(v.month));
  const y = Number(single(v.year));
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 2000 || y > 2100)
    return null;
  const date = new Date(Date.UTC(y, m - 1, d, 11, 0, 0));
  return date.getUTCDate() === d && date.getUTCMonth() === m - 1 ? date.toISOString() : null;
}

/** The command a step's form describes; the domain checks it further. Null when a date is unreadable. */
export function commandFromForm(
  type: CommandType,
  form: FormObject,
  catalogueVersion: string,
  grounds: readonly ExclusionGround[],
): CaseCommand | null {
  const text = (name: string) => single(form[name]) ?? '';
  const byCommittee = () =>
    text('decidedBy') === 'pre_screening_committee' ? { decidedBy: 'pre_screening_committee' as const } : {};
  switch (type) {
    case 'recordExclusionReview': {
      const chosen = new Set(list(form.grounds));
      return {
        type,
        catalogueVersion,
        mandatoryGrounds: grounds
          .filter((g) => g.severity === 'mandatory' && chosen.has(g.id))
          .map((g) => g.id),
        asARuleGrounds: grounds
          .filter((g) => g.severity === 'as_a_rule' && chosen.has(g.id))
          .map((g) => g.id),
        notes: grounds.flatMap((g) => {
          const note = (single(group(form.notes)[g.id]) ?? '').trim();
          return note ? [{ groundId: g.id, note }] : [];
        }),
      };
    }
    case 'receiveStatement': {
      const documentId = text('documentId').trim();
      return documentId ? { type, documentId } : { type };
    }
    case 'takeUp':
      return {
        type,
        ...(text('overrideReasons').trim() ? { overrideReasons: text('overrideReasons') } : {}),
        ...byCommittee(),
      };
    case 'notTakeUp':
      return { type, reasons: text('reasons'), ...byCommittee() };
    case 'releaseOverdueStatement':
    case 'reopen':
      return { type, reasons: text('reasons') };
    case 'requestStatement': {
      const dueAt = dateToInstant(group(form.dueAt));
      return dueAt ? { type, dueAt } : null;
    }
    case 'receiveAuthorityFeedback': {
      // The day of the decision (required by the domain for the final one); empty fields: none given.
      const day = group(form.decidedOn);
      const typed = [day.day, day.month, day.year].some((p) => (single(p) ?? '').trim() !== '');
      const decidedAt = typed ? dateToInstant(day) : null;
      if (typed && !decidedAt) return null;
      return {
        type,
        ...(decidedAt ? { decidedOn: decidedAt.slice(0, 10) } : {}),
        stage: text('stage') as 'intended',
        decision: text('decision') as 'grant',
        ...(list(form.conditions).length > 0
          ? { conditions: list(form.conditions) as 'livelihood_secured'[] }
          : {}),
        ...(text('reasons').trim() ? { reasons: text('reasons') } : {}),
      };
    }
    case 'withdraw':
      return text('note').trim() ? { type, note: text('note') } : { type };
    case 'settleOtherwise':
      return {
        type,
        ground: text('ground') as 'other',
        ...(text('note').trim() ? { note: text('note') } : {}),
      };
    default:
      return { type } as CaseCommand;
  }
}

/** A document in the case file that can be the authority's statement. */
export interface StatementDocument {
  id: string;
  fileName: string;
}

/** Who decided the pre-check, where the profile has a pre-screening committee. */
function DecidedBy({ id }: { id: string }) {
  return (
    <Radios
      id={id}
      name="decidedBy"
      legend={exclusionTexts.decidedByLegend}
      value="office"
      inline
      options={[
        { value: 'office', label: exclusionTexts.decidedByOffice },
        { value: 'pre_screening_committee', label: exclusionTexts.decidedByCommittee },
      ]}
    />
  );
}

function Fields({
  type,
  grounds,
  dueDefault,
  statementDocuments,
  preScreeningCommittee,
}: {
  type: CommandType;
  grounds: readonly ExclusionGround[];
  dueDefault: { day: string; month: string; year: string };
  statementDocuments: readonly StatementDocument[];
  preScreeningCommittee: boolean;
}) {
  const id = (name: string) => `${type}-${name}`;
  switch (type) {
    case 'recordExclusionReview':
      return (
        <>
          <Checkboxes
            id={id('grounds')}
            name="grounds"
            legend={exclusionTexts.groundsLegend}
            options={grounds.map((g) => ({
              value: g.id,
              label: `${g.severity === 'mandatory' ? exclusionTexts.mandatory : exclusionTexts.asARule}: ${g.title}`,
              hint: g.legalReference,
            }))}
          />
          <Fieldset legend={exclusionTexts.notesLegend} hint={exclusionTexts.notesHint} id={id('notes')}>
            {grounds.map((g) => (
              <TextArea
                key={g.id}
                id={id(`notes-${g.id}`)}
                name={`notes.${g.id}`}
                label={exclusionTexts.noteLabel.replace('{ground}', g.title)}
                rows={2}
              />
            ))}
          </Fieldset>
        </>
      );
    case 'receiveStatement':
      return statementDocuments.length > 0 ? (
        <Select
          id={id('documentId')}
          name="documentId"
          label={exclusionTexts.statementDocument}
          value=""
          options={[
            { value: '', label: exclusionTexts.statementDocumentNone },
            ...statementDocuments.map((d) => ({ value: d.id, label: d.fileName })),
          ]}
        />
      ) : null;
    case 'takeUp':
      return (
        <>
          {preScreeningCommittee ? <DecidedBy id={id('decidedBy')} /> : null}
          <TextArea
            id={id('overrideReasons')}
            name="overrideReasons"
            label="Begründung, falls ein Regel-Ausschlussgrund vorliegt"
            rows={3}
          />
        </>
      );
    case 'notTakeUp':
      return (
        <>
          {preScreeningCommittee ? <DecidedBy id={id('decidedBy')} /> : null}
          <TextArea id={id('reasons')} name="reasons" label="Begründung" rows={4} />
        </>
      );
    case 'releaseOverdueStatement':
    case 'reopen':
      return <TextArea id={id('reasons')} name="reasons" label="Begründung" rows={4} />;
    case 'requestStatement':
      return (
        <DateInput
          id={id('dueAt')}
          name="dueAt"
          legend="Frist für die Stellungnahme"
          value={dueDefault}
          labels={{ day: 'Tag', month: 'Monat', year: 'Jahr' }}
        />
      );
    case 'receiveAuthorityFeedback':
      return (
        <>
          <Radios
            id={id('stage')}
            name="stage"
            legend="Art der Rückmeldung"
            options={[
              { value: 'intended', label: 'Beabsichtigte Entscheidung' },
              { value: 'final', label: 'Getroffene Entscheidung' },
            ]}
          />
          <Radios
            id={id('decision')}
            name="decision"
            legend="Entscheidung"
            options={[
              { value: 'grant', label: 'Aufenthaltserlaubnis' },
              { value: 'refuse', label: 'Keine Aufenthaltserlaubnis' },
            ]}
          />
          <Checkboxes
            id={id('conditions')}
            name="conditions"
            legend="Bedingungen (§ 68 AufenthG)"
            options={[
              { value: 'livelihood_secured', label: 'Gesicherter Lebensunterhalt' },
              { value: 'sponsor_declaration', label: 'Verpflichtungserklärung' },
            ]}
          />
          <TextArea id={id('reasons')} name="reasons" label="Begründung der Ausländerbehörde" rows={3} />
          <DateInput
            id={id('decidedOn')}
            name="decidedOn"
            legend="Datum der Entscheidung (nur bei einer getroffenen Entscheidung)"
            value={{ day: '', month: '', year: '' }}
            labels={{ day: 'Tag', month: 'Monat', year: 'Jahr' }}
          />
        </>
      );
    case 'withdraw':
      return <TextArea id={id('note')} name="note" label="Anmerkung" rows={2} />;
    case 'settleOtherwise':
      return (
        <>
          <Radios
            id={id('ground')}
            name="ground"
            legend="Wie hat sich das Verfahren erledigt?"
            options={[
              { value: 'other_title_granted', label: 'Anderer Aufenthaltstitel erteilt' },
              { value: 'left_germany', label: 'Ausgereist' },
              { value: 'deceased', label: 'Verstorben' },
              { value: 'other', label: 'Sonstiges' },
            ]}
          />
          <TextArea id={id('note')} name="note" label="Anmerkung" rows={2} />
        </>
      );
    default:
      return null;
  }
}

/** One form per step the actor may take now. */
export function StepForms({
  caseId,
  version,
  steps,
  grounds,
  dueDefault,
  csrfToken,
  statementDocuments = [],
  preScreeningCommittee = false,
}: {
  caseId: string;
  version: number;
  steps: readonly CommandType[];
  grounds: readonly ExclusionGround[];
  dueDefault: { day: string; month: string; year: string };
  csrfToken: string;
  /** Documents filed as the authority's statement, to link to "statement received". */
  statementDocuments?: readonly StatementDocument[];
  /** The profile has a pre-screening committee: the pre-check decision records who took it. */
  preScreeningCommittee?: boolean;
}) {
  if (steps.length === 0)
    return (
      <p class="kern-body">Für diesen Stand sind keine weiteren Schritte der Geschäftsstelle vorgesehen.</p>
    );
  return (
    <>
      {steps.map((type) => (
        <form
          key={type}
          method="post"
          action={`/geschaeftsstelle/faelle/${caseId}/schritte/${type}`}
          class="app-step"
          aria-labelledby={`${type}-title`}
          novalidate
        >
          <h3 class="kern-heading-small" id={`${type}-title`}>
            {COMMAND_LABELS[type]}
          </h3>
          {COMMAND_HINTS[type] ? <p class="kern-body">{COMMAND_HINTS[type]}</p> : null}
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="version" value={String(version)} />
          <Fields
            type={type}
            grounds={grounds}
            dueDefault={dueDefault}
            statementDocuments={statementDocuments}
            preScreeningCommittee={preScreeningCommittee}
          />
          <Button variant="secondary">{COMMAND_LABELS[type]}</Button>
        </form>
      ))}
    </>
  );
}
