/**
 * The office's choice of documents for the session pack, per agenda item
 * (/geschaeftsstelle/sitzungen/:id/tagesordnung/:caseId/mappe), and the section on the session page
 * that links to it. Health and criminal-record documents are offered in their own, marked group: only
 * what is ticked there goes into the pack. Forms carry the CSRF token; others get the normal 404 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { packChoiceTexts as t } from '../../../content/messages/members/de.ts';
import { OFFICE_DOCUMENT_LABELS } from '../../../content/messages/office/de.ts';
import type { MemberViewUseCases } from '../../application/member-view.ts';
import type { PackDocumentRecord } from '../../application/ports.ts';
import type { Actor } from '../../domain/case/index.ts';
import { CATEGORY_TEXTS, isEvidenceCategory } from '../../domain/evidence/index.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { list, unflatten } from '../public/application/form-body.ts';
import { Button, Checkboxes, NotificationBanner } from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.ts';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
const base = (id: string) => `/geschaeftsstelle/sitzungen/${id}`;
const dayText = (day: string) => day.split('-').reverse().join('.');
const dateText = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium' }).format(d);

const categoryLabel = (c: string) =>
  isEvidenceCategory(c)
    ? CATEGORY_TEXTS[c].title
    : c === 'application_copy'
      ? 'Antrag (PDF)'
      : (OFFICE_DOCUMENT_LABELS[c] ?? c);

export type PackSummary = NonNullable<Awaited<ReturnType<MemberViewUseCases['packSummary']>>>;

/** The section of the session page: until when the pack is available, and a link per agenda item. */
export function PackSection({
  sessionId,
  summary,
  agenda,
}: {
  sessionId: string;
  summary: PackSummary;
  agenda: readonly { caseId: string; caseNumber: string; active: boolean }[];
}) {
  const items = agenda.filter((i) => i.active);
  return (
    <section aria-labelledby="mappe">
      <h2 class="kern-heading-large" id="mappe">
        {t.section}
      </h2>
      <p class="kern-body">{fill(t.sectionLead, { date: dayText(summary.through) })}</p>
      {items.length > 0 ? (
        <ul class="kern-list">
          {items.map((i) => (
            <li key={i.caseId}>
              <a class="kern-link" href={`${base(sessionId)}/tagesordnung/${i.caseId}/mappe`}>
                {t.chooseLink}
                <span class="kern-sr-only"> {i.caseNumber}</span>
              </a>{' '}
              {i.caseNumber}: {fill(t.chosenCount, { n: summary.chosen[i.caseId] ?? 0 })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type Choice = NonNullable<Awaited<ReturnType<MemberViewUseCases['packChoice']>>>;

const option = (d: PackDocumentRecord) => ({
  value: d.id,
  label: `${categoryLabel(d.category)}: ${d.fileName}`,
  hint: fill(t.uploaded, { date: dateText(d.createdAt) }),
});

export function PackChoicePage({
  ctx,
  csrf,
  data,
  saved,
}: {
  ctx: PageContext;
  csrf: string;
  data: Choice;
  saved: boolean;
}) {
  const title = fill(t.title, { caseNumber: data.item.caseNumber });
  const chosen = [...data.ordinary, ...data.special].filter((d) => d.choice).map((d) => d.id);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kern-body">
        <a class="kern-link" href={`${base(data.session.id)}#mappe`}>
          {t.back}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{title}</h1>
      {saved ? (
        <NotificationBanner kind="success" title={t.saved}>
          <p class="kern-body">{t.saved}</p>
        </NotificationBanner>
      ) : null}
      <p class="kern-body">{t.lead}</p>
      <h2 class="kern-heading-medium">{t.always}</h2>
      {data.always.length === 0 ? (
        <p class="kern-body">{t.alwaysNone}</p>
      ) : (
        <ul class="kern-list">
          {data.always.map((d) => (
            <li key={d.id}>
              {categoryLabel(d.category)}: {d.fileName}
            </li>
          ))}
        </ul>
      )}
      {data.locked ? (
        <>
          <p class="kern-body">{t.locked}</p>
          <ul class="kern-list">
            {[...data.ordinary, ...data.special]
              .filter((d) => d.choice)
              .map((d) => (
                <li key={d.id}>{option(d).label}</li>
              ))}
          </ul>
        </>
      ) : (
        <form
          method="post"
          action={`${base(data.session.id)}/tagesordnung/${data.item.caseId}/mappe`}
          novalidate
        >
          <input type="hidden" name="_csrf" value={csrf} />
          {data.ordinary.length === 0 ? (
            <>
              <h2 class="kern-heading-medium">{t.ordinary}</h2>
              <p class="kern-body">{t.ordinaryNone}</p>
            </>
          ) : (
            <Checkboxes
              id="documents"
              name="documents"
              legend={t.ordinary}
              hint={t.ordinaryHint}
              options={data.ordinary.map(option)}
              values={chosen}
            />
          )}
          {data.special.length === 0 ? (
            <>
              <h2 class="kern-heading-medium">{t.special}</h2>
              <p class="kern-body">{t.specialNone}</p>
            </>
          ) : (
            <Checkboxes
              id="special"
              name="special"
              legend={t.special}
              hint={t.specialHint}
              options={data.special.map(option)}
              values={chosen}
            />
          )}
          <Button>{t.save}</Button>
        </form>
      )}
    </Layout>
  );
}

export interface PackChoiceDeps {
  packs: MemberViewUseCases;
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
}

export function registerPackChoicePages(app: FastifyInstance, deps: PackChoiceDeps) {
  const path = '/geschaeftsstelle/sitzungen/:id/tagesordnung/:caseId/mappe';
  type P = { Params: { id: string; caseId: string }; Querystring: { ok?: string } };

  async function page(request: FastifyRequest<P>, reply: FastifyReply, saved: boolean) {
    const data = await deps.packs.packChoice(deps.actorOf(request), request.params.id, request.params.caseId);
    if (!data) return reply.callNotFound();
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    return sendPage(
      reply,
      renderPage(
        <PackChoicePage ctx={ctx} csrf={deps.csrfToken(request, reply)} data={data} saved={saved} />,
      ),
    );
  }

  app.get<P>(path, { preHandler: deps.guard }, (request, reply) =>
    page(request, reply, request.query.ok === '1'),
  );

  app.post<P>(path, { preHandler: deps.guard }, async (request, reply) => {
    const form = unflatten(request.body);
    const result = await deps.packs.choosePack(
      deps.actorOf(request),
      request.params.id,
      request.params.caseId,
      {
        ordinary: list(form.documents),
        special: list(form.special),
      },
    );
    if (!result) return reply.callNotFound();
    if (!result.ok) return page(request, reply, false);
    return reply.redirect(`${base(request.params.id)}/tagesordnung/${request.params.caseId}/mappe?ok=1`, 303);
  });
}
