/** The evidence checklist (one status per item) and one upload page per item. */
import type { DraftDocument } from '../../../../application/ports.ts';
import { TEXT_LIMITS } from '../../../../domain/application/index.ts';
import type { EvidenceItem, EvidenceStatusesDraft } from '../../../../domain/evidence/index.ts';
import {
  Button,
  type FieldError,
  fieldId,
  InsetText,
  NotificationBanner,
  Radios,
  TextArea,
} from '../../../views/form.tsx';
import { clientTexts, uploadsText } from '../../upload/texts.ts';
import { type FormObject, group, single } from '../form-body.ts';
import { messageFor, SaveButtons, type WizardContext, WizardPage } from '../frame.tsx';

export function itemHref(item: { id: string }): string {
  return `/antrag/nachweise/${encodeURIComponent(item.id)}`;
}

/** The posted statuses, for the items of the current checklist only. */
export function statusesFromForm(
  form: FormObject,
  items: readonly EvidenceItem[],
  current: EvidenceStatusesDraft,
) {
  const posted = group(form.evidence);
  const next: EvidenceStatusesDraft = { ...current };
  for (const item of items) {
    const v = group(posted[item.id]);
    const status = single(v.status) ?? '';
    next[item.id] = { status, reason: status === 'not_available' ? (single(v.reason) ?? '') : '' };
  }
  return next;
}

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

export function EvidencePage({
  ctx,
  items,
  statuses,
  documents,
  errors,
}: {
  ctx: WizardContext;
  items: readonly EvidenceItem[];
  statuses: EvidenceStatusesDraft;
  documents: readonly DraftDocument[];
  errors: FieldError[];
}) {
  const { w } = ctx;
  const prefix = w('errorPrefix');
  return (
    <WizardPage ctx={ctx} title={w('evidenceTitle')} errors={errors} back="/antrag/uebersicht">
      <h1 class="kern-heading-x-large">{w('evidenceTitle')}</h1>
      <p class="kern-body">{w('evidenceLead')}</p>
      <form method="post" action="/antrag/nachweise" novalidate>
        {items.map((item) => {
          const base = `evidence.${item.id}`;
          const files = documents.filter((d) => d.evidenceItem === item.id);
          const status = statuses[item.id];
          return (
            <section class="app-evidence-item" key={item.id} aria-labelledby={fieldId(`${item.id}-title`)}>
              <h2 class="kern-heading-small" id={fieldId(`${item.id}-title`)}>
                {item.title}{' '}
                <span class="app-tag">
                  {item.requirement === 'optional' ? w('evOptional') : w('evRequired')}
                </span>
              </h2>
              <p class="kern-body">{item.hint}</p>
              {item.specialCategory ? <InsetText>{w('evSpecial')}</InsetText> : null}
              <Radios
                id={fieldId(`${base}.status`)}
                name={`${base}.status`}
                legend={item.title}
                value={status?.status}
                error={messageFor(errors, `${base}.status`)}
                errorPrefix={prefix}
                options={[
                  { value: 'provided', label: w('ev_provided') },
                  { value: 'to_follow', label: w('ev_to_follow') },
                  {
                    value: 'not_available',
                    label: w('ev_not_available'),
                    conditional: (
                      <TextArea
                        id={fieldId(`${base}.reason`)}
                        name={`${base}.reason`}
                        label={w('evNotAvailableReason')}
                        value={status?.reason}
                        rows={3}
                        maxLength={TEXT_LIMITS.shortText}
                        error={messageFor(errors, `${base}.reason`)}
                        errorPrefix={prefix}
                      />
                    ),
                  },
                ]}
              />
              <p class="kern-body">
                {files.length === 0 ? w('evNoFiles') : `${w('evFiles')}: ${files.length}`} ·{' '}
                <a class="kern-link" href={itemHref(item)}>
                  {w('evUploadButton')}
                  <span class="kern-sr-only"> – {item.title}</span>
                </a>
              </p>
            </section>
          );
        })}
        <SaveButtons ctx={ctx} />
      </form>
    </WizardPage>
  );
}

/** What became of one file of a form post with several files (names shown on this page only, never in a URL). */
export interface UploadResultLine {
  fileName: string;
  ok: boolean;
  /** Why it was refused, in the page language. */
  reason?: string;
}

/** Images of this item that can be combined into one PDF. */
export const combinableImages = (documents: readonly DraftDocument[]) =>
  documents.filter((d) => d.contentType === 'image/jpeg' || d.contentType === 'image/png');

export function EvidenceItemPage({
  ctx,
  item,
  documents,
  uploadAction,
  maxMb,
  maxApplicationMb,
  error,
  uploaded,
  uploadedCount,
  results = [],
  combined = false,
  later = false,
}: {
  ctx: WizardContext;
  item: EvidenceItem;
  documents: readonly DraftDocument[];
  uploadAction: string;
  maxMb: number;
  maxApplicationMb?: number;
  error?: string;
  uploaded?: boolean;
  uploadedCount?: number;
  /** The outcome per file of a form post with several files. */
  results?: readonly UploadResultLine[];
  /** The photos were just combined into a PDF. */
  combined?: boolean;
  /** After submitting: files go into the case file and can no longer be removed here. */
  later?: boolean;
}) {
  const { w } = ctx;
  const u = uploadsText(ctx.lang);
  const refused = results.filter((r) => !r.ok);
  const fieldErrors = [
    ...(error ? [error] : []),
    ...refused.map((r) => u('resultRefused', { name: r.fileName, reason: r.reason ?? '' })),
  ];
  const errors = fieldErrors.map((message) => ({ path: 'datei', message }));
  const back = later ? '/antrag/nachreichen' : '/antrag/nachweise';
  const limits = { perFile: `${maxMb} MB`, perApplication: `${maxApplicationMb ?? maxMb} MB` };
  const images = later ? [] : combinableImages(documents);
  return (
    <WizardPage
      ctx={ctx}
      title={item.title}
      errors={errors}
      back={back}
      notice={
        uploaded || combined ? (
          <NotificationBanner kind="success" title={w('savedNotice')}>
            <p class="kern-body">
              {combined
                ? u('combineDone')
                : uploadedCount
                  ? u('uploadedCount', { n: uploadedCount })
                  : w('savedNotice')}
            </p>
          </NotificationBanner>
        ) : null
      }
    >
      <h1 class="kern-heading-x-large">{item.title}</h1>
      <p class="kern-body">{item.hint}</p>
      {item.specialCategory ? <InsetText>{w('evSpecial')}</InsetText> : null}
      {item.signedForm ? (
        <p class="kern-body">
          <a class="kern-link" href={`/antrag/vordrucke/${encodeURIComponent(item.id)}.pdf`} download>
            {w('evForm')}
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-small">{w('evFiles')}</h2>
      {documents.length === 0 ? (
        <p class="kern-body">{w('evNoFiles')}</p>
      ) : (
        <ul class="app-file-list">
          {documents.map((d) => (
            <li key={d.id} class="app-file-list__item">
              <img
                class="app-thumbnail"
                src={`/antrag/${later ? 'nachreichen' : 'nachweise'}/dateien/${d.id}/vorschau`}
                alt=""
                loading="lazy"
                width={80}
                height={80}
              />
              <span>
                {d.fileName} ({formatSize(d.size)})
              </span>
              {d.flags.includes('pdf_active_content') ? <p class="kern-body">{w('evFlagged')}</p> : null}
              {later ? null : (
                <form
                  method="post"
                  action={`/antrag/nachweise/dateien/${d.id}/entfernen`}
                  class="app-inline-form"
                >
                  <input type="hidden" name="item" value={item.id} />
                  <Button variant="tertiary">
                    {w('evRemoveFile')}
                    <span class="kern-sr-only"> {d.fileName}</span>
                  </Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {images.length >= 2 ? (
        <p class="kern-body">
          <a class="kern-link" href={`${itemHref(item)}/zusammenfassen`}>
            {u('combineLink')}
          </a>
        </p>
      ) : null}
      {results.length > 0 ? (
        <section aria-labelledby="upload-results-title">
          <h2 class="kern-heading-small" id="upload-results-title">
            {u('resultsTitle')}
          </h2>
          <ul class="app-file-list" data-upload-results>
            {results.map((r, i) => (
              <li key={`${i}`} class="app-file-list__item" data-upload-result={r.ok ? 'ok' : 'refused'}>
                {r.ok
                  ? u('resultOk', { name: r.fileName })
                  : u('resultRefused', { name: r.fileName, reason: r.reason ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form
        method="post"
        action={uploadAction}
        enctype="multipart/form-data"
        data-upload
        data-max-bytes={String(maxMb * 1024 * 1024)}
        data-upload-texts={clientTexts(u, limits)}
      >
        <input type="hidden" name="evidenceItem" value={item.id} />
        {later ? <input type="hidden" name="later" value="1" /> : null}
        <div class={`kern-form-input${fieldErrors.length > 0 ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="datei">
            {u('label')}
          </label>
          <div class="kern-hint" id="datei-hint">
            {u('hint', { mb: maxMb })}
          </div>
          {fieldErrors.length > 0 ? (
            <div id="datei-error">
              {fieldErrors.map((message, i) => (
                <p class="kern-error" key={`${i}`}>
                  <span class="kern-sr-only">{w('errorPrefix')} </span>
                  {message}
                </p>
              ))}
            </div>
          ) : null}
          <input
            class="kern-form-input__input"
            type="file"
            id="datei"
            name="datei"
            multiple
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={fieldErrors.length > 0 ? 'datei-hint datei-error' : 'datei-hint'}
            aria-invalid={fieldErrors.length > 0 ? 'true' : undefined}
          />
        </div>
        <div data-upload-progress hidden />
        <Button>{w('evUploadButton')}</Button>
      </form>
      <script src="/assets/tus.min.js" defer />
      <script src="/assets/upload.js" defer />
      <p class="kern-body">
        <a class="kern-link" href={back}>
          {w('back')}
        </a>
      </p>
    </WizardPage>
  );
}

/** After submitting: the checklist with what was handed in, each item open for more files. */
export function LaterEvidencePage({
  ctx,
  items,
  statuses,
  counts,
}: {
  ctx: WizardContext;
  items: readonly EvidenceItem[];
  statuses: EvidenceStatusesDraft;
  counts: (itemId: string) => number;
}) {
  const { w } = ctx;
  return (
    <WizardPage ctx={ctx} title={w('laterTitle')} back="/antrag/bestaetigung">
      <h1 class="kern-heading-x-large">{w('laterTitle')}</h1>
      <p class="kern-body">{w('laterLead')}</p>
      <ul class="app-file-list">
        {items.map((item) => (
          <li class="app-file-list__item" key={item.id}>
            <a class="kern-link" href={`/antrag/nachreichen/${encodeURIComponent(item.id)}`}>
              {item.title}
            </a>
            <p class="kern-body">
              {statuses[item.id]?.status === 'to_follow' ? `${w('ev_to_follow')} · ` : ''}
              {counts(item.id) === 0 ? w('evNoFiles') : `${w('evFiles')}: ${counts(item.id)}`}
            </p>
          </li>
        ))}
      </ul>
    </WizardPage>
  );
}

/** The checklist follows from the other answers; until they are complete there is none to show. */
export function EvidenceNotReadyPage({ ctx }: { ctx: WizardContext }) {
  const { w } = ctx;
  return (
    <WizardPage ctx={ctx} title={w('evidenceTitle')} back="/antrag/uebersicht">
      <h1 class="kern-heading-x-large">{w('evidenceTitle')}</h1>
      <p class="kern-body">{w('evidenceCannotStart')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/antrag/uebersicht">
          {w('toTaskList')}
        </a>
      </p>
    </WizardPage>
  );
}
