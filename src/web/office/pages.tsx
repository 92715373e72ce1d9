/** The office's case list and case file (German only). */

import type { ComponentChildren } from 'preact';
import { letterTitle } from '../../../content/letters/de.ts';
import {
  CHANNEL_LABELS,
  deadlineTexts,
  deskTexts,
  EVENT_LABELS,
  exclusionTexts,
  intakeTexts,
  letterTexts,
  OFFICE_DOCUMENT_LABELS,
  ROLE_LABELS,
  STATE_LABELS,
  stepTexts,
  officeDe as t,
} from '../../../content/messages/office/de.ts';
import { previewTexts } from '../../../content/messages/office/preview.ts';
import { officeThreadTexts as threadTexts } from '../../../content/messages/office/thread.ts';
import { sessionTexts } from '../../../content/messages/sessions/de.ts';
import { statisticsTexts } from '../../../content/messages/statistics/de.ts';
import { wizardDe } from '../../../content/messages/wizard/de.ts';
import type { CaseFileData, InboxRow } from '../../application/ports.ts';
import {
  type Application,
  formatPartialDate,
  REASON_TEXT_TITLES,
  REASON_TEXTS,
} from '../../domain/application/index.ts';
import { type CaseEventType, type CaseState, isCaseState } from '../../domain/case/index.ts';
import { CATEGORY_TEXTS, isEvidenceCategory } from '../../domain/evidence/index.ts';
import type { ExclusionGround } from '../../domain/rules/profile.ts';
import { Button, NotificationBanner, Select, SummaryList, TextInput } from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';

const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
const stateLabel = (s: string) => (isCaseState(s) ? STATE_LABELS[s] : s);
const categoryLabel = (c: string) =>
  isEvidenceCategory(c)
    ? CATEGORY_TEXTS[c].title
    : c === 'receipt'
      ? 'Eingangsbestätigung'
      : c === 'application_copy'
        ? 'Antrag (PDF)'
        : (OFFICE_DOCUMENT_LABELS[c] ?? c);

/** Where the shown rows start in the whole list, and the links to the pages before and after. */
export interface InboxPaging {
  first: number;
  previous: string | null;
  next: string | null;
}

function Pagination({ paging, shown }: { paging: InboxPaging; shown: number }) {
  if (!paging.previous && !paging.next) return null;
  const range = t.pageRange
    .replace('{from}', String(paging.first))
    .replace('{to}', String(paging.first + shown - 1));
  return (
    <nav class="app-pagination" aria-label={t.pagesLabel}>
      <p class="kern-body">{range}</p>
      <ul class="app-pagination__links">
        {paging.previous ? (
          <li>
            <a class="kern-link" href={paging.previous} rel="prev">
              {t.pagePrevious}
            </a>
          </li>
        ) : null}
        {paging.next ? (
          <li>
            <a class="kern-link" href={paging.next} rel="next">
              {t.pageNext}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function InboxPage({
  ctx,
  rows,
  paging = { first: 1, previous: null, next: null },
  state,
  search,
  mine = false,
  today,
  overdue = false,
  authorities = [],
  authorityId = '',
  unread = false,
  links = null,
}: {
  ctx: PageContext;
  rows: readonly InboxRow[];
  paging?: InboxPaging;
  /** Further links after the list's own (the office head's retention pages). */
  links?: ComponentChildren;
  state: string;
  search: string;
  mine?: boolean;
  /** Today in Germany (YYYY-MM-DD), to mark overdue deadlines. */
  today: string;
  overdue?: boolean;
  authorities?: readonly { id: string; name: string }[];
  authorityId?: string;
  /** Only cases with unread messages of applicants. */
  unread?: boolean;
}) {
  return (
    <Layout ctx={ctx} title={t.inboxTitle}>
      <h1 class="kern-heading-x-large">{t.inboxTitle}</h1>
      <p class="kern-body">{overdue ? deadlineTexts.overdueLead : t.inboxLead}</p>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle/eingang">
          {intakeTexts.link}
        </a>{' '}
        ·{' '}
        <a
          class="kern-link"
          href={mine ? '/geschaeftsstelle' : '/geschaeftsstelle?meine=1'}
          aria-current={mine ? 'page' : undefined}
        >
          {mine ? deskTexts.all : deskTexts.mine}
        </a>{' '}
        ·{' '}
        <a
          class="kern-link"
          href="/geschaeftsstelle?frist=ueberfaellig"
          aria-current={overdue && !mine && !authorityId ? 'page' : undefined}
        >
          {deadlineTexts.overdueLink}
        </a>{' '}
        ·{' '}
        <a
          class="kern-link"
          href={unread ? '/geschaeftsstelle' : '/geschaeftsstelle?nachrichten=ungelesen'}
          aria-current={unread ? 'page' : undefined}
        >
          {unread ? threadTexts.filterAll : threadTexts.filterUnread}
        </a>{' '}
        ·{' '}
        <a class="kern-link" href="/geschaeftsstelle/sitzungen">
          {sessionTexts.navLink}
        </a>{' '}
        ·{' '}
        <a class="kern-link" href="/geschaeftsstelle/statistik">
          {statisticsTexts.navLink}
        </a>
        {links}
      </p>
      <form method="get" action="/geschaeftsstelle" class="app-filter" aria-label={t.searchLabel}>
        <TextInput
          id="suche"
          name="suche"
          label={t.searchLabel}
          hint={t.searchHint}
          value={search}
          spellcheck={false}
        />
        <Select
          id="stand"
          name="stand"
          label={t.filterState}
          value={state}
          options={[
            { value: 'offen', label: t.filterOpen },
            { value: 'alle', label: t.filterAll },
            ...(Object.keys(STATE_LABELS) as CaseState[]).map((s) => ({ value: s, label: STATE_LABELS[s] })),
          ]}
        />
        <Select
          id="behoerde"
          name="behoerde"
          label={deadlineTexts.filterAuthority}
          value={authorityId}
          options={[
            { value: '', label: deadlineTexts.filterAuthorityAny },
            ...authorities.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <Select
          id="frist"
          name="frist"
          label={deadlineTexts.filterDeadline}
          value={overdue ? 'ueberfaellig' : ''}
          options={[
            { value: '', label: deadlineTexts.filterDeadlineAny },
            { value: 'ueberfaellig', label: deadlineTexts.filterDeadlineOverdue },
          ]}
        />
        {mine ? <input type="hidden" name="meine" value="1" /> : null}
        <Button variant="secondary">{t.filterButton}</Button>
      </form>
      {rows.length === 0 ? (
        <p class="kern-body">{t.noCases}</p>
      ) : (
        <div class="app-table-wrap">
          <table class="kern-table app-table">
            <caption class="kern-sr-only">{t.inboxTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colCaseNumber}</th>
                <th scope="col">{t.colReceived}</th>
                <th scope="col">{t.colPersons}</th>
                <th scope="col">{t.colState}</th>
                <th scope="col">{t.colAuthority}</th>
                <th scope="col">{deskTexts.colAssignee}</th>
                <th scope="col">{deadlineTexts.colDeadline}</th>
                <th scope="col">{threadTexts.colMessages}</th>
                <th scope="col">{t.colUrgent}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseId}>
                  <th scope="row">
                    <a class="kern-link" href={`/geschaeftsstelle/faelle/${r.caseId}`}>
                      {r.caseNumber}
                    </a>
                  </th>
                  <td>
                    {dateTime(r.receivedAt)} · {CHANNEL_LABELS[r.channel] ?? r.channel}
                  </td>
                  <td>{r.personNames.join(', ')}</td>
                  <td>{stateLabel(r.state)}</td>
                  <td>{r.authorityName ?? t.authorityNone}</td>
                  <td>{r.assigneeName ?? '–'}</td>
                  <td>
                    <Deadline deadline={r.deadline} today={today} />
                  </td>
                  <td>
                    {r.unreadMessages > 0 ? (
                      <span class="app-tag">
                        {threadTexts.unreadCount.replace('{count}', String(r.unreadMessages))}
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                  <td>{r.deportationDate ? `${t.urgent}: ${formatPartialDate(r.deportationDate)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination paging={paging} shown={rows.length} />
    </Layout>
  );
}

/** What the pre-check found on each ground of the catalogue, with the office's notes. */
function ExclusionReviewSection({
  review,
  grounds,
}: {
  review: CaseFileData['exclusionReview'];
  grounds: readonly ExclusionGround[];
}) {
  return (
    <>
      <h2 class="kern-heading-large">{exclusionTexts.sectionTitle}</h2>
      {review === null ? (
        <p class="kern-body">{exclusionTexts.notReviewed}</p>
      ) : (
        <>
          <p class="kern-body">{exclusionTexts.catalogue.replace('{version}', review.catalogueVersion)}</p>
          <SummaryList
            rows={grounds.map((g) => {
              const found = review.mandatoryGrounds.includes(g.id) || review.asARuleGrounds.includes(g.id);
              const note = review.notes?.find((n) => n.groundId === g.id)?.note;
              return {
                key: `${g.severity === 'mandatory' ? exclusionTexts.mandatory : exclusionTexts.asARule}: ${g.title}`,
                value: (
                  <>
                    <strong>{found ? exclusionTexts.found : exclusionTexts.notFound}</strong>
                    {note ? <p class="kern-body app-pre-wrap">{note}</p> : null}
                  </>
                ),
              };
            })}
          />
        </>
      )}
    </>
  );
}

function Deadline({ deadline, today }: { deadline: InboxRow['deadline']; today: string }) {
  if (!deadline) return <>–</>;
  const what = deadline.kind === 'statement' ? deadlineTexts.statement : deadlineTexts.documents;
  return (
    <>
      {what}: {formatPartialDate(deadline.dueOn)}
      {deadline.dueOn < today ? <strong class="app-overdue"> ({deadlineTexts.overdue})</strong> : null}
    </>
  );
}

function label(key: string): string {
  return (wizardDe as Record<string, string>)[key] ?? key;
}

export function CaseFilePage({
  ctx,
  file,
  nationalityName,
  notice,
  repeats = [],
  grounds = [],
  messages,
  retention = null,
  authority = null,
  children,
}: {
  ctx: PageContext;
  file: CaseFileData;
  /** How long the case is kept and whether a legal hold stops its deletion (office head only). */
  retention?: ComponentChildren;
  /** The immigration authority's statements and reports from its portal. */
  authority?: ComponentChildren;
  /** The profile's catalogue of exclusion grounds, to show the pre-check. */
  grounds?: readonly ExclusionGround[];
  nationalityName: (code: string) => string;
  notice: { kind: 'success' | 'error'; text: string } | null;
  /** Other cases that may concern the same person. */
  repeats?: readonly { caseId: string; caseNumber: string; state: string; receivedAt: Date }[];
  /** The message thread with the applicant or representative. */
  messages?: ComponentChildren;
  /** The forms of the steps the office can take now. */
  children?: ComponentChildren;
}) {
  const app = file.application as Application | null;
  const title = t.caseTitle.replace('{caseNumber}', file.caseNumber);
  const rep = app?.representative;
  // Letters are listed under "Briefe" with their template and channel, not again among the documents.
  const documents = file.documents.filter((d) => d.category !== 'letter');
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle">
          {t.backToInbox}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{title}</h1>
      {repeats.length > 0 ? (
        <NotificationBanner kind="warning" title={t.repeatsTitle} id="repeats">
          <p class="kern-body">{t.repeatsText}</p>
          <ul class="kern-list">
            {repeats.map((r) => (
              <li key={r.caseId}>
                <a class="kern-link" href={`/geschaeftsstelle/faelle/${r.caseId}`}>
                  {r.caseNumber}
                </a>{' '}
                ({stateLabel(r.state)}, {dateTime(r.receivedAt)})
              </li>
            ))}
          </ul>
        </NotificationBanner>
      ) : null}
      {notice ? (
        <NotificationBanner kind={notice.kind === 'success' ? 'success' : 'warning'} title={notice.text}>
          <p class="kern-body">{notice.text}</p>
        </NotificationBanner>
      ) : null}
      <SummaryList
        rows={[
          { key: t.colState, value: stateLabel(file.state) },
          {
            key: t.colReceived,
            value: `${dateTime(file.receivedAt)} · ${CHANNEL_LABELS[file.channel] ?? file.channel}`,
          },
          { key: t.colAuthority, value: file.authorityName ?? t.authorityNone },
          ...(app?.reasons.deportationDate
            ? [{ key: t.deportationDate, value: formatPartialDate(app.reasons.deportationDate) }]
            : []),
        ]}
      />
      {app ? (
        <>
          <h2 class="kern-heading-large">{t.sectionPersons}</h2>
          {app.persons.map((p) => (
            <section key={p.id} aria-label={`${p.givenNames} ${p.familyName}`}>
              <h3 class="kern-heading-medium">
                {p.givenNames} {p.familyName}
              </h3>
              <SummaryList
                rows={[
                  { key: 'Beziehung', value: label(`relation_${p.relation}`) },
                  { key: wizardDe.birthDate, value: formatPartialDate(p.birthDate) },
                  { key: wizardDe.birthPlace, value: p.birthPlace },
                  { key: wizardDe.nationality, value: nationalityName(p.nationality) },
                  {
                    key: wizardDe.residenceStatus,
                    value:
                      p.residenceStatus.kind === 'other'
                        ? (p.residenceStatus.other ?? '')
                        : label(`residence_${p.residenceStatus.kind}`),
                  },
                  {
                    key: wizardDe.address,
                    value: `${[p.address.street, p.address.houseNumber].filter(Boolean).join(' ')}, ${p.address.postalCode} ${p.address.place}`,
                  },
                ]}
              />
            </section>
          ))}
          <h2 class="kern-heading-large">{t.sectionRepresentative}</h2>
          <p class="kern-body">
            {!rep || rep.kind === 'none'
              ? t.noRepresentative
              : rep.kind === 'person'
                ? `${rep.givenNames} ${rep.familyName}${rep.email ? ` · ${rep.email}` : ''}`
                : `${rep.organisationName} (${rep.contactPerson})${rep.email ? ` · ${rep.email}` : ''}`}
          </p>
          <h2 class="kern-heading-large">{t.sectionReasons}</h2>
          {REASON_TEXTS.map((key) => (
            <section key={key} aria-labelledby={`reason-${key}`}>
              <h3 class="kern-heading-small" id={`reason-${key}`}>
                {REASON_TEXT_TITLES[key]}
              </h3>
              <p class="kern-body app-pre-wrap">{app.reasons[key]}</p>
            </section>
          ))}
        </>
      ) : (
        <>
          <h2 class="kern-heading-large">{t.sectionPersons}</h2>
          <SummaryList
            rows={file.persons.map((p) => ({
              key: `${p.givenNames} ${p.familyName}`,
              value: `${formatPartialDate(p.birthDate)} · ${nationalityName(p.nationalityCode)}`,
            }))}
          />
        </>
      )}
      <h2 class="kern-heading-large">{t.sectionDocuments}</h2>
      {documents.length === 0 ? (
        <p class="kern-body">{t.noDocuments}</p>
      ) : (
        <ul class="app-file-list">
          {documents.map((d) => (
            <li key={d.id} class="app-file-list__item">
              <strong>{categoryLabel(d.category)}</strong>: {d.fileName} (
              {Math.max(1, Math.round(d.size / 1024))} KB)
              {d.specialCategory ? <span class="app-tag"> {t.documentSpecial}</span> : null}
              {d.flags.includes('pdf_active_content') ? (
                <span class="app-tag"> {t.documentFlagged}</span>
              ) : null}{' '}
              <a class="kern-link" href={`/geschaeftsstelle/faelle/${file.caseId}/dokumente/${d.id}`}>
                {t.documentDownload}
                <span class="kern-sr-only"> {d.fileName}</span>
              </a>
              {' · '}
              <a
                class="kern-link"
                href={`/geschaeftsstelle/faelle/${file.caseId}/dokumente/${d.id}/vorschau`}
              >
                {previewTexts.link}
                <span class="kern-sr-only"> {d.fileName}</span>
              </a>
              <br />
              <small>
                {ROLE_LABELS[d.uploadedByRole] ?? d.uploadedByRole} · {dateTime(d.createdAt)} · SHA-256{' '}
                <code>{d.sha256.slice(0, 16)}…</code>
              </small>
            </li>
          ))}
        </ul>
      )}
      <LetterList caseId={file.caseId} letters={file.letters} />
      {authority}
      {retention}
      {messages}
      <ExclusionReviewSection review={file.exclusionReview} grounds={grounds} />
      <h2 class="kern-heading-large">{stepTexts.sectionSteps}</h2>
      {children}
      <h2 class="kern-heading-large">{t.sectionHistory}</h2>
      <ol class="kern-list">
        {file.history.map((h) => (
          <li key={h.version}>
            {dateTime(h.at)}: {EVENT_LABELS[h.eventType as CaseEventType] ?? h.eventType}
            {h.byCommittee ? ` – ${exclusionTexts.byCommitteeHistory}` : ''} (
            {ROLE_LABELS[h.actorRole] ?? h.actorRole})
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** The letters sent in the case; those to be printed and posted are marked. */
function LetterList({ caseId, letters }: { caseId: string; letters: CaseFileData['letters'] }) {
  const l = letterTexts;
  return (
    <section aria-labelledby="briefe">
      <h2 class="kern-heading-large" id="briefe">
        {l.section}
      </h2>
      {letters.length === 0 ? (
        <p class="kern-body">{l.none}</p>
      ) : (
        <div class="app-table-wrap">
          <table class="kern-table app-table">
            <caption class="kern-sr-only">{l.section}</caption>
            <thead>
              <tr>
                <th scope="col">{l.colDate}</th>
                <th scope="col">{l.colTemplate}</th>
                <th scope="col">{l.colAddressee}</th>
                <th scope="col">{l.colChannel}</th>
                <th scope="col">{l.colFile}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <tr key={letter.id} data-channel={letter.channel}>
                  <td>{dateTime(letter.createdAt)}</td>
                  <th scope="row">
                    {letterTitle(letter.templateId)}
                    <br />
                    <small>
                      {l.version} {letter.templateVersion}
                    </small>
                  </th>
                  <td>{l.addressees[letter.addressee] ?? letter.addressee}</td>
                  <td>
                    {l.channels[letter.channel] ?? letter.channel}
                    {letter.channel === 'print' ? (
                      <>
                        <br />
                        <strong class="app-tag">{l.forPrint}</strong>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <a
                      class="kern-link"
                      href={`/geschaeftsstelle/faelle/${caseId}/dokumente/${letter.documentId}`}
                    >
                      {l.download}
                      <span class="kern-sr-only"> {letter.fileName}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
