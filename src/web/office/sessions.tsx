/** The office's pages for the commission's sessions (German only). */
import type { ComponentChildren } from 'preact';
import { STATE_LABELS } from '../../../content/messages/office/de.ts';
import {
  FUNCTION_LABELS,
  majorityText,
  OUTCOME_LABELS,
  quorumText,
  sessionTexts as t,
} from '../../../content/messages/sessions/de.ts';
import type { SessionRecord } from '../../application/ports.ts';
import { type SessionUseCases, type SessionView, sessionDateText } from '../../application/sessions.ts';
import { isCaseState } from '../../domain/case/index.ts';
import { type AgendaDecision, type FieldProblem, germanDay } from '../../domain/session/index.ts';
import {
  Button,
  Checkboxes,
  DateInput,
  ErrorMessage,
  ErrorSummary,
  NotificationBanner,
  Radios,
  Select,
  SummaryList,
  TextArea,
  TextInput,
} from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

const stateLabel = (s: string) => (isCaseState(s) ? STATE_LABELS[s] : s);
const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
const base = (id: string) => `/geschaeftsstelle/sitzungen/${id}`;

export type Notice = { kind: 'success' | 'error'; text: string } | null;

function Banner({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <NotificationBanner kind={notice.kind === 'success' ? 'success' : 'warning'} title={notice.text}>
      <p class="kern-body">{notice.text}</p>
    </NotificationBanner>
  );
}

/** The error summary's link target for each field of these forms. */
const TARGETS: Record<string, string> = {
  date: 'date-day',
  time: 'time',
  place: 'place',
  chairId: 'chairId',
  kind: 'kind',
  votes: 'votes-yes',
  reasons: 'reasons',
  recommendationText: 'recommendationText',
  recommendationVotes: 'recommendationVotes-yes',
};

function Summary({ errors }: { errors: readonly FieldProblem[] }) {
  return (
    <ErrorSummary
      title={t.errorTitle}
      errors={errors.map((e) => ({ field: TARGETS[e.field] ?? e.field, message: e.message }))}
    />
  );
}

const errorOf = (errors: readonly FieldProblem[], field: string) =>
  errors
    .filter((e) => e.field === field)
    .map((e) => e.message)
    .join(' ') || undefined;

function statusOf(s: SessionRecord): string {
  if (s.approvedAt) return fill(t.statusApproved, { date: dateTime(s.approvedAt) });
  if (s.invitedAt) return fill(t.statusInvited, { date: dateTime(s.invitedAt) });
  return t.statusPlanned;
}

type SessionList = NonNullable<Awaited<ReturnType<SessionUseCases['list']>>>;

/** How long until the next session must take place, and a warning when the plan misses it. */
function CadenceNote({ cadence }: { cadence: SessionList['cadence'] }) {
  if (!cadence) return null;
  const text = fill(t.cadence, {
    last: germanDay(cadence.lastDay),
    latest: germanDay(cadence.latestNext),
    rule: cadence.withCommittee ? t.cadenceQuarterly : t.cadenceMonthly,
  });
  if (!cadence.late) return <p class="kern-body">{text}</p>;
  const warning = cadence.nextPlanned
    ? fill(t.cadenceLatePlanned, { next: germanDay(cadence.nextPlanned) })
    : t.cadenceLateNone;
  return (
    <NotificationBanner kind="warning" title={t.cadenceTitle}>
      <p class="kern-body">{text}</p>
      <p class="kern-body">{warning}</p>
    </NotificationBanner>
  );
}

function SessionTable({ caption, rows }: { caption: string; rows: SessionList['upcoming'] }) {
  if (rows.length === 0) return <p class="kern-body">{t.none}</p>;
  return (
    <div class="app-table-wrap">
      <table class="kern-table app-table">
        <caption class="kern-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colDate}</th>
            <th scope="col">{t.colPlace}</th>
            <th scope="col">{t.colAgenda}</th>
            <th scope="col">{t.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a class="kern-link" href={base(s.id)}>
                  {sessionDateText(s.startsAt)}
                </a>
              </th>
              <td>{s.place}</td>
              <td>{fill(t.agendaCount, { n: s.agendaSize, d: s.decided })}</td>
              <td>{statusOf(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SessionListPage({
  ctx,
  csrf,
  list,
  errors = [],
  typed = {},
  notice = null,
}: {
  ctx: PageContext;
  csrf: string;
  list: SessionList;
  errors?: readonly FieldProblem[];
  typed?: Record<string, string>;
  notice?: Notice;
}) {
  return (
    <Layout ctx={ctx} title={t.listTitle}>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle">
          Zu den Fällen
        </a>
      </p>
      <h1 class="kern-heading-x-large">{t.listTitle}</h1>
      <Summary errors={errors} />
      <Banner notice={notice} />
      <p class="kern-body">{t.listLead}</p>
      <CadenceNote cadence={list.cadence} />
      <h2 class="kern-heading-large">{t.upcoming}</h2>
      <SessionTable caption={t.upcoming} rows={list.upcoming} />
      {list.open.length > 0 ? (
        <>
          <h2 class="kern-heading-large">{t.open}</h2>
          <SessionTable caption={t.open} rows={list.open} />
        </>
      ) : null}
      <h2 class="kern-heading-large">{t.planTitle}</h2>
      <form method="post" action="/geschaeftsstelle/sitzungen" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <DateInput
          id="date"
          name="date"
          legend={t.date}
          value={{ day: typed['date.day'], month: typed['date.month'], year: typed['date.year'] }}
          error={errorOf(errors, 'date')}
          labels={{ day: t.day, month: t.month, year: t.year }}
        />
        <TextInput
          id="time"
          name="time"
          label={t.time}
          hint={t.timeHint}
          value={typed.time ?? '10:00'}
          width="5"
          inputMode="numeric"
          spellcheck={false}
          error={errorOf(errors, 'time')}
        />
        <TextInput
          id="place"
          name="place"
          label={t.place}
          hint={t.placeHint}
          value={typed.place}
          error={errorOf(errors, 'place')}
        />
        <Select
          id="chairId"
          name="chairId"
          label={t.chair}
          hint={t.chairHint}
          value={typed.chairId ?? list.heads[0]?.id}
          options={list.heads.map((h) => ({ value: h.id, label: h.name }))}
          error={errorOf(errors, 'chairId')}
        />
        <Button>{t.planButton}</Button>
      </form>
      <h2 class="kern-heading-large">{t.done}</h2>
      <SessionTable caption={t.done} rows={list.done} />
    </Layout>
  );
}

/** The recorded decision in one line. */
export function decisionLine(decision: AgendaDecision | null): string {
  if (!decision) return t.noDecision;
  if (decision.outcome === 'adjourned') return OUTCOME_LABELS.adjourned;
  const v = decision.votes;
  const line = fill(t.decisionLine, {
    outcome: OUTCOME_LABELS[decision.outcome],
    yes: v.yes,
    no: v.no,
    abstain: v.abstain,
    present: v.present,
    required: decision.requiredYes,
  });
  const r = decision.recommendation;
  return r ? `${line}; ${r.adopted ? t.recommendationAdopted : t.recommendationRejected}` : line;
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 class="kern-heading-large" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function PostButton({
  action,
  csrf,
  label,
  hidden,
  variant = 'secondary',
  fields = {},
}: {
  action: string;
  csrf: string;
  label: string;
  hidden?: string;
  variant?: 'primary' | 'secondary' | 'tertiary';
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={action} class="app-inline-form">
      <input type="hidden" name="_csrf" value={csrf} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button variant={variant}>
        {label}
        {hidden ? <span class="kern-sr-only"> {hidden}</span> : null}
      </Button>
    </form>
  );
}

function QuorumSummary({ view }: { view: SessionView }) {
  const { quorum, profile } = view;
  if (!quorum.ok) return <p class="kern-body">{quorum.errors.join(' ')}</p>;
  const q = quorum.value;
  return (
    <>
      <p class="kern-body">
        {fill(t.quorumLine, {
          present: q.present,
          seated: q.seated,
          required: q.required,
          rule: quorumText(profile.quorum),
        })}{' '}
        <strong>{q.quorate ? t.quorate : t.notQuorate}</strong>
      </p>
      {q.seated < profile.commission.minMembers ? (
        <p class="kern-body">
          {fill(t.belowMinimum, { seated: q.seated, min: profile.commission.minMembers })}
        </p>
      ) : null}
      <p class="kern-body">{fill(t.majority, { rule: majorityText(profile.hardshipRequestMajority) })}</p>
    </>
  );
}

export function SessionPage({
  ctx,
  csrf,
  view,
  notice,
  packSection = null,
}: {
  ctx: PageContext;
  csrf: string;
  view: SessionView;
  notice: Notice;
  /** The session pack's section (after the agenda), when the members' view is there. */
  packSection?: ComponentChildren;
}) {
  const { session, locked } = view;
  const id = session.id;
  const when = sessionDateText(session.startsAt);
  const here = new Set(view.present);
  const people = view.seats.flatMap((seat) => [
    {
      value: seat.member.id,
      label: `${seat.member.name} (${FUNCTION_LABELS.member})`,
      hint: fill(t.nominatedBy, { org: seat.member.nominatedBy }),
    },
    ...(seat.deputy
      ? [
          {
            value: seat.deputy.id,
            label: `${seat.deputy.name} (${fill(t.deputyFor, { name: seat.member.name })})`,
            hint: fill(t.nominatedBy, { org: seat.deputy.nominatedBy }),
          },
        ]
      : []),
  ]);
  return (
    <Layout ctx={ctx} title={fill(t.sessionTitle, { date: when })}>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle/sitzungen">
          {t.back}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{fill(t.sessionTitle, { date: when })}</h1>
      <Banner notice={notice} />
      <Section id="ueberblick" title={t.overview}>
        <SummaryList
          rows={[
            { key: t.colDate, value: when },
            { key: t.place, value: session.place },
            { key: t.chair, value: session.chairName },
            { key: t.colStatus, value: statusOf(session) },
          ]}
        />
        {locked ? null : (
          <>
            <h3 class="kern-heading-small">{t.invitations}</h3>
            <p class="kern-body">
              {session.invitedAt
                ? fill(t.invitationsSent, { date: dateTime(session.invitedAt) })
                : t.invitationsNone}{' '}
              {t.inviteHint}
            </p>
            <PostButton action={`${base(id)}/einladungen`} csrf={csrf} label={t.inviteButton} />
            {view.agenda.length === 0 ? (
              <>
                <p class="kern-body">{t.cancelHint}</p>
                <PostButton
                  action={`${base(id)}/absagen`}
                  csrf={csrf}
                  label={t.cancelButton}
                  variant="tertiary"
                />
              </>
            ) : null}
          </>
        )}
      </Section>
      <Section id="tagesordnung" title={t.agenda}>
        {view.agenda.length === 0 ? (
          <p class="kern-body">{t.agendaEmpty}</p>
        ) : (
          <div class="app-table-wrap">
            <table class="kern-table app-table">
              <caption class="kern-sr-only">{t.agenda}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colNumber}</th>
                  <th scope="col">{t.colCase}</th>
                  <th scope="col">{t.colPersons}</th>
                  <th scope="col">{t.colDecision}</th>
                  {locked ? null : <th scope="col">{t.colOrder}</th>}
                </tr>
              </thead>
              <tbody>
                {view.agenda.map((item, i) => (
                  <tr key={item.caseId}>
                    <td>{i + 1}</td>
                    <th scope="row">
                      <a class="kern-link" href={`/geschaeftsstelle/faelle/${item.caseId}`}>
                        {item.caseNumber}
                      </a>
                    </th>
                    <td>{item.personNames.join(', ')}</td>
                    <td>
                      {item.active
                        ? decisionLine(item.decision)
                        : fill(t.notOnAgenda, { state: stateLabel(item.caseState) })}
                      {item.active && !locked ? (
                        <>
                          {' '}
                          <a class="kern-link" href={`${base(id)}/tagesordnung/${item.caseId}`}>
                            {item.decision ? t.changeDecision : t.recordDecision}
                            <span class="kern-sr-only"> {item.caseNumber}</span>
                          </a>
                        </>
                      ) : null}
                    </td>
                    {locked ? null : (
                      <td>
                        {i > 0 ? (
                          <PostButton
                            action={`${base(id)}/tagesordnung/${item.caseId}/verschieben`}
                            csrf={csrf}
                            label={t.up}
                            hidden={item.caseNumber}
                            variant="tertiary"
                            fields={{ richtung: 'hoch' }}
                          />
                        ) : null}
                        {i < view.agenda.length - 1 ? (
                          <PostButton
                            action={`${base(id)}/tagesordnung/${item.caseId}/verschieben`}
                            csrf={csrf}
                            label={t.down}
                            hidden={item.caseNumber}
                            variant="tertiary"
                            fields={{ richtung: 'runter' }}
                          />
                        ) : null}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {packSection}
      {locked ? null : (
        <Section id="bereit" title={t.candidates}>
          <p class="kern-body">{t.candidatesLead}</p>
          <p class="kern-body">
            {fill(t.waiting, {
              received: view.waiting.statementReceived,
              overdue: view.waiting.statementOverdue,
            })}{' '}
            <a class="kern-link" href="/geschaeftsstelle?frist=ueberfaellig">
              {t.waitingLink}
            </a>
          </p>
          {view.candidates.length === 0 ? (
            <p class="kern-body">{t.candidatesNone}</p>
          ) : (
            <div class="app-table-wrap">
              <table class="kern-table app-table">
                <caption class="kern-sr-only">{t.candidates}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colCase}</th>
                    <th scope="col">{t.colPersons}</th>
                    <th scope="col">{t.colStatus}</th>
                    <th scope="col">
                      <span class="kern-sr-only">{t.addButton}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.candidates.map((c) => (
                    <tr key={c.caseId}>
                      <th scope="row">
                        <a class="kern-link" href={`/geschaeftsstelle/faelle/${c.caseId}`}>
                          {c.caseNumber}
                        </a>
                      </th>
                      <td>{c.personNames.join(', ')}</td>
                      <td>{stateLabel(c.state)}</td>
                      <td>
                        <PostButton
                          action={`${base(id)}/tagesordnung`}
                          csrf={csrf}
                          label={t.addButton}
                          hidden={c.caseNumber}
                          fields={{ caseId: c.caseId }}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      )}
      <Section id="anwesenheit" title={t.attendance}>
        <h3 class="kern-heading-small">{t.quorumTitle}</h3>
        <QuorumSummary view={view} />
        {view.seats.length === 0 ? (
          <p class="kern-body">{t.noSeats}</p>
        ) : locked ? (
          <ul class="kern-list">
            {people.map((p) => (
              <li key={p.value}>
                {p.label}: {here.has(p.value) ? 'anwesend' : 'abwesend'}
              </li>
            ))}
          </ul>
        ) : (
          <form method="post" action={`${base(id)}/anwesenheit`} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <Checkboxes
              id="present"
              name="present"
              legend={t.attendanceLegend}
              hint={t.attendanceLead}
              options={people}
              values={view.present}
            />
            <Button variant="secondary">{t.attendanceButton}</Button>
          </form>
        )}
      </Section>
      <Section id="protokoll" title={t.minutes}>
        <p class="kern-body">
          <a class="kern-link" href={`${base(id)}/protokoll`}>
            {locked ? t.minutesFinal : t.minutesDraft}
          </a>
        </p>
        {locked ? null : (
          <>
            {view.undecided.length > 0 ? (
              <p class="kern-body">{fill(t.undecided, { cases: view.undecided.join(', ') })}</p>
            ) : null}
            <p class="kern-body">{t.approveHint}</p>
            {view.isChair ? (
              <PostButton
                action={`${base(id)}/protokoll/genehmigen`}
                csrf={csrf}
                label={t.approveButton}
                variant="primary"
              />
            ) : (
              <p class="kern-body">{fill(t.approveOnlyChair, { name: session.chairName })}</p>
            )}
          </>
        )}
      </Section>
    </Layout>
  );
}

/** Three count fields (yes, no, abstain) as one group with one error. */
function CountsFieldset({
  id,
  legend,
  hint,
  error,
  values,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  values: { yes: string; no: string; abstain: string };
}) {
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <fieldset
      class={`kern-fieldset app-fieldset${error ? ' kern-fieldset--error' : ''}`}
      id={id}
      aria-describedby={[hintId, error ? errorId : undefined].filter(Boolean).join(' ') || undefined}
    >
      <legend class="kern-label app-legend">{legend}</legend>
      {hint ? (
        <div class="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <ErrorMessage id={errorId} prefix="Fehler:">
          {error}
        </ErrorMessage>
      ) : null}
      <div class="kern-fieldset__body kern-fieldset__body--horizontal">
        {(['yes', 'no', 'abstain'] as const).map((key) => (
          <div class="kern-form-input" key={key}>
            <label class="kern-label" for={`${id}-${key}`}>
              {t[key]}
            </label>
            <input
              class={`kern-form-input__input kern-form-input__input--width-4${error ? ' kern-form-input__input--error' : ''}`}
              id={`${id}-${key}`}
              name={`${id}.${key}`}
              type="text"
              inputMode="numeric"
              spellcheck={false}
              value={values[key]}
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

type ItemData = NonNullable<Awaited<ReturnType<SessionUseCases['item']>>>;

/** The typed values of the decision form, from a stored decision when there is one. */
export function typedFromDecision(decision: AgendaDecision | null): Record<string, string> {
  if (!decision) return { kind: '' };
  if (decision.outcome === 'adjourned') return { kind: 'adjourn', reasons: decision.reasons ?? '' };
  const r = decision.recommendation;
  return {
    kind: 'vote',
    'votes.yes': String(decision.votes.yes),
    'votes.no': String(decision.votes.no),
    'votes.abstain': String(decision.votes.abstain),
    reasons: decision.reasons ?? '',
    recommendationText: r?.text ?? '',
    'recommendationVotes.yes': r ? String(r.votes.yes) : '',
    'recommendationVotes.no': r ? String(r.votes.no) : '',
    'recommendationVotes.abstain': r ? String(r.votes.abstain) : '',
  };
}

export function AgendaItemPage({
  ctx,
  csrf,
  data,
  errors = [],
  typed,
  notice = null,
}: {
  ctx: PageContext;
  csrf: string;
  data: ItemData;
  errors?: readonly FieldProblem[];
  typed: Record<string, string>;
  notice?: Notice;
}) {
  const { session, item, quorum, profile } = data;
  const when = sessionDateText(session.startsAt);
  const v = (key: string) => typed[key] ?? '';
  const title = fill(t.itemTitle, { caseNumber: item.caseNumber });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kern-body">
        <a class="kern-link" href={`${base(session.id)}#tagesordnung`}>
          {fill(t.sessionTitle, { date: when })}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{title}</h1>
      <Summary errors={errors} />
      <Banner notice={notice} />
      <p class="kern-body">
        {fill(t.itemLead, { n: data.position, date: when })} {item.personNames.join(', ')}.
      </p>
      {quorum.ok ? (
        <p class="kern-body">
          {fill(t.quorumLine, {
            present: quorum.value.present,
            seated: quorum.value.seated,
            required: quorum.value.required,
            rule: quorumText(profile.quorum),
          })}{' '}
          <strong>{quorum.value.quorate ? t.quorate : t.notQuorate}</strong>{' '}
          {fill(t.majority, { rule: majorityText(profile.hardshipRequestMajority) })}
        </p>
      ) : (
        <p class="kern-body">{quorum.errors.join(' ')}</p>
      )}
      {item.decision ? <p class="kern-body">{decisionLine(item.decision)}</p> : null}
      {!data.votingOpen ? (
        <p class="kern-body">{data.locked ? t.approved : t.votingClosed}</p>
      ) : (
        <form method="post" action={`${base(session.id)}/tagesordnung/${item.caseId}`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <Radios
            id="kind"
            name="kind"
            legend={t.kindLegend}
            value={v('kind')}
            error={errorOf(errors, 'kind')}
            options={[
              { value: 'vote', label: t.kindVote },
              { value: 'adjourn', label: t.kindAdjourn },
            ]}
          />
          <CountsFieldset
            id="votes"
            legend={t.votesLegend}
            hint={t.votesHint}
            error={errorOf(errors, 'votes')}
            values={{ yes: v('votes.yes'), no: v('votes.no'), abstain: v('votes.abstain') }}
          />
          <TextArea
            id="reasons"
            name="reasons"
            label={t.reasons}
            hint={t.reasonsHint}
            value={v('reasons')}
            rows={6}
            error={errorOf(errors, 'reasons')}
          />
          {profile.recommendation.allowedWithoutRequest ? (
            <fieldset class="kern-fieldset app-fieldset" aria-describedby="recommendation-hint">
              <legend class="kern-label app-legend">{t.recommendationLegend}</legend>
              <div class="kern-hint" id="recommendation-hint">
                {t.recommendationHint}
              </div>
              <div class="kern-fieldset__body">
                <TextArea
                  id="recommendationText"
                  name="recommendationText"
                  label={t.recommendationText}
                  value={v('recommendationText')}
                  rows={3}
                  error={errorOf(errors, 'recommendationText')}
                />
                <CountsFieldset
                  id="recommendationVotes"
                  legend={t.recommendationVotes}
                  error={errorOf(errors, 'recommendationVotes')}
                  values={{
                    yes: v('recommendationVotes.yes'),
                    no: v('recommendationVotes.no'),
                    abstain: v('recommendationVotes.abstain'),
                  }}
                />
              </div>
            </fieldset>
          ) : null}
          <Button>{t.saveDecision}</Button>
        </form>
      )}
    </Layout>
  );
}
