/** The members' pages (German only): their sessions, a session's agenda, one case, the pack. */
import { memberTexts as t } from '../../../content/messages/members/de.ts';
import type { MemberCase, MemberSessionView, MemberViewUseCases } from '../../application/member-view.ts';
import { SummaryList } from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

const dayText = (day: string) => day.split('-').reverse().join('.');
export const HOME = '/kommission';
export const sessionPath = (id: string) => `${HOME}/sitzungen/${id}`;

type Overview = NonNullable<Awaited<ReturnType<MemberViewUseCases['overview']>>>;

function SessionTable({ caption, rows }: { caption: string; rows: Overview['upcoming'] }) {
  return (
    <div class="app-table-wrap">
      <table class="kern-table app-table">
        <caption class="kern-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colDate}</th>
            <th scope="col">{t.colPlace}</th>
            <th scope="col">{t.colAgenda}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.session.id}>
              <th scope="row">
                <a class="kern-link" href={sessionPath(r.session.id)}>
                  {r.when}
                </a>
              </th>
              <td>{r.session.place}</td>
              <td>
                {fill(t.agendaCount, { n: r.agendaSize })}
                <br />
                <span class="kern-body--small">{fill(t.packUntil, { date: dayText(r.packThrough) })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MemberHomePage({ ctx, data }: { ctx: PageContext; data: Overview }) {
  return (
    <Layout ctx={ctx} title={t.homeTitle}>
      <h1 class="kern-heading-x-large">{t.homeTitle}</h1>
      <p class="kern-body">{t.homeLead}</p>
      <h2 class="kern-heading-large">{t.upcoming}</h2>
      {data.upcoming.length === 0 ? (
        <p class="kern-body">{t.none}</p>
      ) : (
        <SessionTable caption={t.upcoming} rows={data.upcoming} />
      )}
      <h2 class="kern-heading-large">{t.past}</h2>
      {data.past.length === 0 ? (
        <p class="kern-body">{t.nonePast}</p>
      ) : (
        <SessionTable caption={t.past} rows={data.past} />
      )}
    </Layout>
  );
}

const personLine = (c: MemberCase) =>
  c.persons.map((p) => `${p.name} (${p.nationality}${p.relation ? `, ${p.relation}` : ''})`).join('; ');

export function MemberSessionPage({ ctx, view }: { ctx: PageContext; view: MemberSessionView }) {
  const { session } = view;
  const title = fill(t.sessionTitle, { date: view.when });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kern-body">
        <a class="kern-link" href={HOME}>
          {t.back}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{title}</h1>
      <section aria-labelledby="ueberblick">
        <h2 class="kern-heading-large" id="ueberblick">
          {t.overview}
        </h2>
        <SummaryList
          rows={[
            { key: t.colDate, value: view.when },
            { key: t.place, value: session.place },
            { key: t.chair, value: session.chairName },
          ]}
        />
      </section>
      <section aria-labelledby="mappe">
        <h2 class="kern-heading-large" id="mappe">
          {t.pack}
        </h2>
        {view.packAvailable ? (
          <>
            <p class="kern-body">{t.packLead}</p>
            <p class="kern-body">{fill(t.packAvailableUntil, { date: dayText(view.packThrough) })}</p>
            <p class="kern-body">
              <a class="kern-link" href={`${sessionPath(session.id)}/mappe`} download>
                {t.packDownload}
              </a>
            </p>
          </>
        ) : (
          <p class="kern-body">{fill(t.packExpired, { date: dayText(view.packThrough) })}</p>
        )}
      </section>
      {view.packAvailable ? (
        <section aria-labelledby="tagesordnung">
          <h2 class="kern-heading-large" id="tagesordnung">
            {t.agenda}
          </h2>
          {view.cases.length === 0 ? (
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
                  </tr>
                </thead>
                <tbody>
                  {view.cases.map((c) => (
                    <tr key={c.caseId}>
                      <td>{c.position}</td>
                      <th scope="row">
                        <a class="kern-link" href={`${sessionPath(session.id)}/faelle/${c.caseId}`}>
                          {c.caseNumber}
                        </a>
                      </th>
                      <td>
                        {personLine(c)}
                        {c.summary ? <p class="kern-body--small">{c.summary}</p> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

type CaseData = NonNullable<Awaited<ReturnType<MemberViewUseCases['agendaCase']>>>;

export function MemberCasePage({ ctx, data }: { ctx: PageContext; data: CaseData }) {
  const c = data.case;
  const title = fill(t.caseTitle, { caseNumber: c.caseNumber });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kern-body">
        <a class="kern-link" href={`${sessionPath(data.session.id)}#tagesordnung`}>
          {fill(t.backToSession, { date: data.when })}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{title}</h1>
      <p class="kern-body">{fill(t.caseLead, { n: c.position, date: data.when })}</p>
      <SummaryList
        rows={[
          { key: t.received, value: c.receivedOn },
          { key: t.authority, value: c.authorityName ?? t.unknown },
        ]}
      />
      <h2 class="kern-heading-large">{t.persons}</h2>
      <ul class="kern-list">
        {c.persons.map((p, i) => (
          <li key={i}>
            {[p.name, p.birthDate ? fill(t.bornIn, { date: p.birthDate }) : '', p.nationality, p.relation]
              .filter(Boolean)
              .join(', ')}
          </li>
        ))}
      </ul>
      <h2 class="kern-heading-large">{t.summary}</h2>
      <p class="kern-body">{c.summary ?? t.summaryNone}</p>
    </Layout>
  );
}

/** The explanation when the pack's time has passed (sent with status 404). */
export function PackExpiredPage({
  ctx,
  sessionId,
  through,
}: {
  ctx: PageContext;
  sessionId: string;
  through: string;
}) {
  return (
    <Layout ctx={ctx} title={t.packExpiredTitle}>
      <p class="kern-body">
        <a class="kern-link" href={sessionPath(sessionId)}>
          {t.backToSessionShort}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{t.packExpiredTitle}</h1>
      <p class="kern-body">{fill(t.packExpired, { date: dayText(through) })}</p>
    </Layout>
  );
}
