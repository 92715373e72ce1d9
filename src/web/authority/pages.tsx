/** The pages of the immigration authority's portal (German only). */
import type { ComponentChildren } from 'preact';
import {
  DOCUMENT_KIND_FOR_AUTHORITY,
  decisionTexts as dt,
  portalTexts as pt,
  reportLabels as rl,
  STATE_FOR_AUTHORITY,
  statementTexts as st,
} from '../../../content/messages/authority/de.ts';
import { type PortalCaseFile, reportSummary } from '../../application/authority-portal.ts';
import type { AuthorityCaseRow, AuthorityReport, AuthorityStatementRecord } from '../../application/ports.ts';
import { formatPartialDate } from '../../domain/application/index.ts';
import { CATEGORY_TEXTS, isEvidenceCategory } from '../../domain/evidence/index.ts';
import {
  Button,
  Checkboxes,
  DateInput,
  ErrorSummary,
  NotificationBanner,
  Radios,
  SummaryList,
  TextArea,
} from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';

export const PORTAL = '/behoerde';
export const PORTAL_UPLOADS = '/behoerde/hochladen';
export const casePath = (caseId: string) => `${PORTAL}/faelle/${caseId}`;

const day = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium' }).format(d);
const dayOfIso = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};
const kindLabel = (category: string) =>
  isEvidenceCategory(category)
    ? CATEGORY_TEXTS[category].title
    : (DOCUMENT_KIND_FOR_AUTHORITY[category] ?? category);

export type Notice = { kind: 'success' | 'error'; text: string } | null;
export type FieldErrors = readonly { field: string; message: string }[];

/** What the authority has to do in a case, in words; null when nothing is awaited from it. */
export function taskOf(
  row: Pick<AuthorityCaseRow, 'state' | 'statementDueAt' | 'authorityFeedback'>,
  today: string,
): { text: string; urgent: boolean } | null {
  if (row.state === 'statement_requested' && row.statementDueAt) {
    const due = row.statementDueAt.slice(0, 10);
    return due < today
      ? { text: pt.statementOverdue(dayOfIso(due)), urgent: true }
      : { text: pt.statementDue(dayOfIso(due)), urgent: false };
  }
  if (row.state === 'request_sent') return { text: pt.intendedDue, urgent: true };
  if (row.state === 'authority_feedback' && row.authorityFeedback?.stage === 'intended')
    return { text: pt.finalDue, urgent: false };
  return null;
}

function LogoutForm({ csrf }: { csrf: string }) {
  return (
    <form method="post" action="/abmelden" class="app-inline-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <Button variant="tertiary">Abmelden</Button>
    </form>
  );
}

function Banner({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <NotificationBanner
      kind={notice.kind === 'success' ? 'success' : 'warning'}
      title={notice.kind === 'success' ? 'Erledigt' : 'Bitte beachten'}
    >
      <p class="kern-body">{notice.text}</p>
    </NotificationBanner>
  );
}

export function PortalListPage({
  ctx,
  rows,
  authorityName,
  today,
  csrf,
}: {
  ctx: PageContext;
  rows: readonly AuthorityCaseRow[];
  authorityName: string;
  today: string;
  csrf: string;
}) {
  const open = rows.filter((r) => taskOf(r, today) !== null);
  const others = rows.filter((r) => taskOf(r, today) === null);
  const table = (list: readonly AuthorityCaseRow[], caption: string) => (
    <div class="app-table-wrap">
      <table class="kern-table app-table">
        <caption class="kern-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{pt.caseNumber}</th>
            <th scope="col">{pt.persons}</th>
            <th scope="col">{pt.received}</th>
            <th scope="col">{pt.state}</th>
            <th scope="col">{pt.todo}</th>
            <th scope="col">{pt.latestLetter}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => {
            const task = taskOf(r, today);
            return (
              <tr key={r.caseId}>
                <th scope="row">
                  <a class="kern-link" href={casePath(r.caseId)}>
                    {r.caseNumber}
                  </a>
                </th>
                <td>{r.personNames.join(', ')}</td>
                <td>{day(r.receivedAt)}</td>
                <td>{STATE_FOR_AUTHORITY[r.state] ?? r.state}</td>
                <td>
                  {task ? (
                    task.urgent ? (
                      <strong class="app-tag">{task.text}</strong>
                    ) : (
                      task.text
                    )
                  ) : (
                    pt.nothingToDo
                  )}
                </td>
                <td>{r.latestLetterAt ? day(r.latestLetterAt) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
  return (
    <Layout ctx={ctx} title={pt.title}>
      <h1 class="kern-heading-x-large">{pt.title}</h1>
      <p class="kern-body">
        <strong>{authorityName}</strong>
      </p>
      <p class="kern-body">{pt.lead}</p>
      <LogoutForm csrf={csrf} />
      <h2 class="kern-heading-large" id="offen">
        {pt.todo}
      </h2>
      {open.length === 0 ? <p class="kern-body">{pt.nothingToDo}.</p> : table(open, pt.todo)}
      <h2 class="kern-heading-large" id="alle">
        {pt.listTitle}
      </h2>
      {rows.length === 0 ? (
        <p class="kern-body">{pt.empty}</p>
      ) : others.length === 0 ? (
        <p class="kern-body">–</p>
      ) : (
        table(others, pt.listTitle)
      )}
    </Layout>
  );
}

function DocumentTable({
  caseId,
  documents,
  caption,
}: {
  caseId: string;
  documents: PortalCaseFile['documents'];
  caption: string;
}) {
  return (
    <div class="app-table-wrap">
      <table class="kern-table app-table">
        <caption class="kern-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{pt.kind}</th>
            <th scope="col">{pt.fileName}</th>
            <th scope="col">{pt.date}</th>
            <th scope="col">{pt.download}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td>{kindLabel(d.category)}</td>
              <th scope="row">{d.fileName}</th>
              <td>{day(d.createdAt)}</td>
              <td>
                <a class="kern-link" href={`${casePath(caseId)}/dokumente/${d.id}`}>
                  {pt.download}
                  <span class="kern-sr-only"> {d.fileName}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A statement's fields as a summary list. */
export function StatementSummary({ statement }: { statement: AuthorityStatementRecord }) {
  return (
    <SummaryList
      rows={[
        { key: st.statusSummary, value: <span class="app-pre-wrap">{statement.statusSummary}</span> },
        { key: st.statement, value: <span class="app-pre-wrap">{statement.statement}</span> },
        {
          key: st.residenceSituation,
          value: <span class="app-pre-wrap">{statement.residenceSituation}</span>,
        },
        {
          key: st.deportationDate.replace(' (freiwillig)', ''),
          value: statement.deportationDate ? dayOfIso(statement.deportationDate) : st.pdfNoDate,
        },
        { key: st.pdfAt, value: day(statement.createdAt) },
      ]}
    />
  );
}

/** The authority's reports on the hardship request, oldest first. */
export function ReportList({ reports }: { reports: readonly AuthorityReport[] }) {
  return (
    <ol class="kern-list">
      {reports.map((r) => (
        <li key={r.version}>
          <strong>{reportSummary(r)}</strong> ({rl.reportedAt} {day(r.at)}
          {r.decidedOn ? `; ${rl.decidedOn} ${dayOfIso(r.decidedOn)}` : ''})
          {r.conditions.length > 0 ? (
            <>
              <br />
              {rl.conditions}: {r.conditions.map((c) => rl[c as 'livelihood_secured'] ?? c).join(', ')}
            </>
          ) : null}
          {r.reasons ? (
            <>
              <br />
              {rl.reasons}: <span class="app-pre-wrap">{r.reasons}</span>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function PortalCasePage({
  ctx,
  file,
  nationalityName,
  notice,
}: {
  ctx: PageContext;
  file: PortalCaseFile;
  nationalityName: (code: string) => string;
  notice: Notice;
}) {
  const title = `${pt.caseNumber} ${file.caseNumber}`;
  const intendedOpen = file.state === 'request_sent';
  const finalOpen = file.state === 'authority_feedback' && file.authorityFeedback?.stage === 'intended';
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kern-body">
        <a class="kern-link" href={PORTAL}>
          {pt.backToList}
        </a>
      </p>
      <Banner notice={notice} />
      <h1 class="kern-heading-x-large">{title}</h1>
      <SummaryList
        rows={[
          { key: pt.state, value: STATE_FOR_AUTHORITY[file.state] ?? file.state },
          { key: pt.received, value: day(file.receivedAt) },
          ...(file.statementDueAt
            ? [{ key: pt.todo, value: pt.statementDue(dayOfIso(file.statementDueAt)) }]
            : []),
        ]}
      />
      {file.state === 'statement_requested' ? (
        <p class="kern-body">
          <a class="kern-button kern-button--primary" href={`${casePath(file.caseId)}/stellungnahme`}>
            <span class="kern-label">{pt.answerStatement}</span>
          </a>
        </p>
      ) : null}
      {intendedOpen || finalOpen ? (
        <p class="kern-body">
          <a class="kern-button kern-button--primary" href={`${casePath(file.caseId)}/entscheidung`}>
            <span class="kern-label">{intendedOpen ? pt.reportIntended : pt.reportFinal}</span>
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-large">{pt.personsTitle}</h2>
      <div class="app-table-wrap">
        <table class="kern-table app-table">
          <caption class="kern-sr-only">{pt.personsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{pt.name}</th>
              <th scope="col">{pt.birthDate}</th>
              <th scope="col">{pt.nationality}</th>
            </tr>
          </thead>
          <tbody>
            {file.persons.map((p, i) => (
              <tr key={i}>
                <th scope="row">
                  {p.givenNames} {p.familyName}
                </th>
                <td>{formatPartialDate(p.birthDate)}</td>
                <td>{nationalityName(p.nationalityCode)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="kern-heading-large">{pt.lettersTitle}</h2>
      {file.letters.length === 0 ? (
        <p class="kern-body">{pt.noLetters}</p>
      ) : (
        <DocumentTable caseId={file.caseId} documents={file.letters} caption={pt.lettersTitle} />
      )}
      <h2 class="kern-heading-large">{pt.documentsTitle}</h2>
      <p class="kern-body">{pt.documentsLead}</p>
      {file.documents.length === 0 ? (
        <p class="kern-body">{pt.noDocuments}</p>
      ) : (
        <DocumentTable caseId={file.caseId} documents={file.documents} caption={pt.documentsTitle} />
      )}
      {file.statements.length > 0 ? (
        <>
          <h2 class="kern-heading-large">{pt.statementsTitle}</h2>
          {file.statements.map((s) => (
            <StatementSummary key={s.id} statement={s} />
          ))}
        </>
      ) : null}
      {file.reports.length > 0 ? (
        <>
          <h2 class="kern-heading-large">{pt.reportsTitle}</h2>
          <ReportList reports={file.reports} />
        </>
      ) : null}
    </Layout>
  );
}

const errorOf = (errors: FieldErrors, field: string) => errors.find((e) => e.field === field)?.message;

export function StatementPage({
  ctx,
  file,
  csrf,
  errors,
  typed,
  notice,
  maxMb,
}: {
  ctx: PageContext;
  file: PortalCaseFile;
  csrf: string;
  errors: FieldErrors;
  typed: Record<string, string>;
  notice: Notice;
  maxMb: number;
}) {
  const summaryTarget = (field: string) => (field === 'deportationDate' ? 'deportationDate-day' : field);
  return (
    <Layout ctx={ctx} title={`${st.title} – ${file.caseNumber}`}>
      <p class="kern-body">
        <a class="kern-link" href={casePath(file.caseId)}>
          {pt.caseNumber} {file.caseNumber}
        </a>
      </p>
      <ErrorSummary
        title={pt.errorSummary}
        errors={errors.map((e) => ({ field: summaryTarget(e.field), message: e.message }))}
      />
      <Banner notice={notice} />
      <h1 class="kern-heading-x-large">{st.title}</h1>
      <p class="kern-body">{st.lead}</p>
      {file.statementDueAt ? <p class="kern-body">{pt.statementDue(dayOfIso(file.statementDueAt))}</p> : null}
      <section aria-labelledby="anlagen">
        <h2 class="kern-heading-large" id="anlagen">
          {st.attachmentsTitle}
        </h2>
        <p class="kern-body">{st.attachmentsLead}</p>
        {file.pendingAttachments.length === 0 ? (
          <p class="kern-body">{st.attachmentsNone}</p>
        ) : (
          <ul class="kern-list">
            {file.pendingAttachments.map((a) => (
              <li key={a.id}>{a.fileName}</li>
            ))}
          </ul>
        )}
        <form method="post" action={PORTAL_UPLOADS} enctype="multipart/form-data" data-upload>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="caseId" value={file.caseId} />
          <div class="kern-form-input">
            <label class="kern-label" for="datei">
              {st.attachmentFile}
            </label>
            <div class="kern-hint" id="datei-hint">
              PDF, JPEG, PNG · {maxMb} MB
            </div>
            <input
              class="kern-form-input__input"
              type="file"
              id="datei"
              name="datei"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby="datei-hint"
            />
          </div>
          <div data-upload-progress hidden />
          <Button variant="secondary">{st.attachmentSubmit}</Button>
        </form>
        <script src="/assets/tus.min.js" defer />
        <script src="/assets/upload.js" defer />
      </section>
      <section aria-labelledby="text">
        <h2 class="kern-heading-large" id="text">
          {st.textTitle}
        </h2>
        <form method="post" action={`${casePath(file.caseId)}/stellungnahme`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="version" value={String(file.version)} />
          <TextArea
            id="statusSummary"
            name="statusSummary"
            label={st.statusSummary}
            hint={st.statusSummaryHint}
            value={typed.statusSummary ?? ''}
            error={errorOf(errors, 'statusSummary')}
            rows={5}
          />
          <TextArea
            id="statement"
            name="statement"
            label={st.statement}
            hint={st.statementHint}
            value={typed.statement ?? ''}
            error={errorOf(errors, 'statement')}
            rows={10}
          />
          <TextArea
            id="residenceSituation"
            name="residenceSituation"
            label={st.residenceSituation}
            hint={st.residenceSituationHint}
            value={typed.residenceSituation ?? ''}
            error={errorOf(errors, 'residenceSituation')}
            rows={5}
          />
          <DateInput
            id="deportationDate"
            name="deportationDate"
            legend={st.deportationDate}
            hint={st.deportationDateHint}
            value={{
              day: typed['deportationDate.day'] ?? '',
              month: typed['deportationDate.month'] ?? '',
              year: typed['deportationDate.year'] ?? '',
            }}
            error={errorOf(errors, 'deportationDate')}
            labels={{ day: st.day, month: st.month, year: st.year }}
          />
          <Button>{st.submit}</Button>
        </form>
      </section>
    </Layout>
  );
}

export function DecisionPage({
  ctx,
  file,
  csrf,
  errors,
  typed,
  notice,
}: {
  ctx: PageContext;
  file: PortalCaseFile;
  csrf: string;
  errors: FieldErrors;
  typed: Record<string, string | string[]>;
  notice: Notice;
}): ComponentChildren {
  const final = file.state === 'authority_feedback';
  const one = (name: string) => {
    const v = typed[name];
    return typeof v === 'string' ? v : '';
  };
  const conditions = Array.isArray(typed.conditions)
    ? typed.conditions
    : typeof typed.conditions === 'string'
      ? [typed.conditions]
      : [];
  const summaryTarget = (field: string) => (field === 'decidedOn' ? 'decidedOn-day' : field);
  return (
    <Layout ctx={ctx} title={`${final ? dt.finalTitle : dt.intendedTitle} – ${file.caseNumber}`}>
      <p class="kern-body">
        <a class="kern-link" href={casePath(file.caseId)}>
          {pt.caseNumber} {file.caseNumber}
        </a>
      </p>
      <ErrorSummary
        title={pt.errorSummary}
        errors={errors.map((e) => ({ field: summaryTarget(e.field), message: e.message }))}
      />
      <Banner notice={notice} />
      <h1 class="kern-heading-x-large">{final ? dt.finalTitle : dt.intendedTitle}</h1>
      <p class="kern-body">{final ? dt.finalLead : dt.intendedLead}</p>
      {file.reports.length > 0 ? <ReportList reports={file.reports} /> : null}
      <form method="post" action={`${casePath(file.caseId)}/entscheidung`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="version" value={String(file.version)} />
        <input type="hidden" name="stage" value={final ? 'final' : 'intended'} />
        <Radios
          id="decision"
          name="decision"
          legend={final ? dt.decision : dt.intention}
          {...(final ? { hint: dt.refusedHint } : {})}
          value={one('decision')}
          error={errorOf(errors, 'decision')}
          options={[
            { value: 'grant', label: final ? dt.granted : dt.follow },
            { value: 'refuse', label: final ? dt.refused : dt.notFollow },
          ]}
        />
        <Checkboxes
          id="conditions"
          name="conditions"
          legend={dt.conditions}
          values={conditions}
          options={[
            { value: 'livelihood_secured', label: dt.livelihood },
            { value: 'sponsor_declaration', label: dt.sponsor },
          ]}
        />
        <TextArea
          id="reasons"
          name="reasons"
          label={dt.reasons}
          hint={final ? dt.reasonsHintFinal : dt.reasonsHintIntended}
          value={one('reasons')}
          error={errorOf(errors, 'reasons')}
          rows={6}
        />
        {final ? (
          <DateInput
            id="decidedOn"
            name="decidedOn"
            legend={dt.decidedOn}
            value={{
              day: one('decidedOn.day'),
              month: one('decidedOn.month'),
              year: one('decidedOn.year'),
            }}
            error={errorOf(errors, 'decidedOn')}
            labels={{ day: st.day, month: st.month, year: st.year }}
          />
        ) : null}
        <Button>{final ? dt.submitFinal : dt.submitIntended}</Button>
      </form>
    </Layout>
  );
}
