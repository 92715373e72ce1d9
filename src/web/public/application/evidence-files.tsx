/**
 * The applicant's evidence files beyond uploading: a thumbnail of each file (a picture we render, never
 * the file itself), and several photos of one document combined into one PDF.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenDraft } from '../../../application/drafts.ts';
import type { EvidenceFileUseCases } from '../../../application/evidence-files.ts';
import { type Draft, draftChecklist } from '../../../domain/application/index.ts';
import type { EvidenceItem } from '../../../domain/evidence/index.ts';
import { sendPage } from '../../pages.tsx';
import { sendPreviewImage } from '../../security.ts';
import { Button, Checkboxes, type FieldError, fieldId, TextInput } from '../../views/form.tsx';
import { renderPage } from '../../views/render.ts';
import { uploadsText } from '../upload/texts.ts';
import { group, list, single, unflatten } from './form-body.ts';
import { messageFor, type WizardContext, WizardPage } from './frame.tsx';
import { combinableImages, itemHref } from './pages/evidence.tsx';

export interface EvidenceFileRouteDeps {
  evidenceFiles: EvidenceFileUseCases;
  today: () => string;
  withDraft(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ token: string; current: OpenDraft; ctx: WizardContext } | null>;
}

function itemOf(draft: Draft, itemId: string, today: string): EvidenceItem | undefined {
  return draftChecklist(draft, today).find((i) => i.id === itemId);
}

export function registerEvidenceFileRoutes(app: FastifyInstance, deps: EvidenceFileRouteDeps) {
  app.get<{ Params: { documentId: string } }>(
    '/antrag/nachweise/dateien/:documentId/vorschau',
    async (request, reply) => {
      const open = await deps.withDraft(request, reply);
      if (!open) return reply;
      const image = await deps.evidenceFiles.draftThumbnail(open.current, request.params.documentId);
      if (!image) return reply.callNotFound();
      return sendPreviewImage(reply, image);
    },
  );

  app.get<{ Params: { item: string } }>('/antrag/nachweise/:item/zusammenfassen', async (request, reply) => {
    const open = await deps.withDraft(request, reply);
    if (!open) return reply;
    const item = itemOf(open.current.draft, request.params.item, deps.today());
    if (!item) return reply.callNotFound();
    const images = combinableImages(open.current.documents.filter((d) => d.evidenceItem === item.id));
    return sendPage(
      reply,
      renderPage(
        <CombinePage
          ctx={open.ctx}
          item={item}
          images={images}
          chosen={images.map((d) => d.id)}
          pages={Object.fromEntries(images.map((d, i) => [d.id, String(i + 1)]))}
          errors={[]}
        />,
      ),
    );
  });

  app.post<{ Params: { item: string } }>('/antrag/nachweise/:item/zusammenfassen', async (request, reply) => {
    const open = await deps.withDraft(request, reply);
    if (!open) return reply;
    const item = itemOf(open.current.draft, request.params.item, deps.today());
    if (!item) return reply.callNotFound();
    const u = uploadsText(open.ctx.lang);
    const images = combinableImages(open.current.documents.filter((d) => d.evidenceItem === item.id));
    const form = unflatten(request.body);
    const chosen = list(form.bild).filter((id) => images.some((d) => d.id === id));
    const posted = group(form.seite);
    const pages: Record<string, string> = {};
    for (const d of images) pages[d.id] = (single(posted[d.id]) ?? '').trim().slice(0, 4);
    const errors: FieldError[] = [];
    if (chosen.length < 2) errors.push({ path: 'bild', message: u('combineTooFew') });
    for (const id of chosen) {
      const n = Number(pages[id]);
      if (!/^\d+$/.test(pages[id] ?? '') || n < 1 || n > chosen.length)
        errors.push({ path: `seite.${id}`, message: u('combinePageInvalid', { n: chosen.length }) });
    }
    const again = (status: number) =>
      sendPage(
        reply,
        renderPage(
          <CombinePage
            ctx={open.ctx}
            item={item}
            images={images}
            chosen={chosen}
            pages={pages}
            errors={errors}
          />,
        ),
        status,
      );
    if (errors.length > 0) return again(400);
    // By the page number given; equal numbers keep the order of the list.
    const order = chosen
      .map((id) => ({ id, page: Number(pages[id]), index: images.findIndex((d) => d.id === id) }))
      .sort((a, b) => a.page - b.page || a.index - b.index)
      .map((entry) => entry.id);
    const result = await deps.evidenceFiles.combineImages(open.current, item.id, order);
    if (result.ok) return reply.redirect(`${itemHref(item)}?zusammengefasst=1`, 303);
    if (result.code === 'submitted') return reply.redirect('/antrag/bestaetigung', 303);
    if (result.code === 'too_large') {
      errors.push({ path: 'bild', message: u('combineTooLarge') });
      return again(400);
    }
    // Changed meanwhile (a photo removed in another tab): show the current state.
    return reply.redirect(`${itemHref(item)}/zusammenfassen`, 303);
  });
}

export function CombinePage({
  ctx,
  item,
  images,
  chosen,
  pages,
  errors,
}: {
  ctx: WizardContext;
  item: EvidenceItem;
  images: readonly { id: string; fileName: string }[];
  chosen: readonly string[];
  pages: Record<string, string>;
  errors: FieldError[];
}) {
  const { w } = ctx;
  const u = uploadsText(ctx.lang);
  const prefix = w('errorPrefix');
  const title = u('combineTitle');
  return (
    <WizardPage ctx={ctx} title={title} errors={errors} back={itemHref(item)}>
      <h1 class="kern-heading-x-large">{title}</h1>
      <p class="kern-body">{item.title}</p>
      <p class="kern-body">{u('combineLead')}</p>
      {images.length < 2 ? (
        <p class="kern-body">{u('combineNone')}</p>
      ) : (
        <form method="post" action={`${itemHref(item)}/zusammenfassen`} novalidate>
          <Checkboxes
            id="bild"
            name="bild"
            legend={u('combineLegend')}
            hint={u('combinePageHint')}
            values={chosen}
            error={messageFor(errors, 'bild')}
            errorPrefix={prefix}
            options={images.map((d) => ({
              value: d.id,
              label: (
                <>
                  <img
                    class="app-thumbnail"
                    src={`/antrag/nachweise/dateien/${d.id}/vorschau`}
                    alt=""
                    width={80}
                    height={80}
                  />{' '}
                  {d.fileName}
                </>
              ),
              conditional: (
                <TextInput
                  id={fieldId(`seite.${d.id}`)}
                  name={`seite.${d.id}`}
                  label={u('combinePageOf', { name: d.fileName })}
                  value={pages[d.id] ?? ''}
                  inputMode="numeric"
                  width="4"
                  spellcheck={false}
                  error={messageFor(errors, `seite.${d.id}`)}
                  errorPrefix={prefix}
                />
              ),
            }))}
          />
          <Button>{u('combineButton')}</Button>
        </form>
      )}
      <p class="kern-body">
        <a class="kern-link" href={itemHref(item)}>
          {w('back')}
        </a>
      </p>
    </WizardPage>
  );
}
