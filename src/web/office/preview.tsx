/** The office's preview of a document: pictures of its first pages, rendered by the server. */
import { previewTexts as t } from '../../../content/messages/office/preview.ts';
import { Layout, type PageContext } from '../views/layout.tsx';

export function PreviewPage({
  ctx,
  caseId,
  documentId,
  fileName,
  pages,
  shown,
}: {
  ctx: PageContext;
  caseId: string;
  documentId: string;
  fileName: string;
  pages: number;
  shown: number;
}) {
  const base = `/geschaeftsstelle/faelle/${caseId}/dokumente/${documentId}`;
  return (
    <Layout ctx={ctx} title={`${t.title}: ${fileName}`}>
      <p class="kern-body">
        <a class="kern-link" href={`/geschaeftsstelle/faelle/${caseId}`}>
          {t.back}
        </a>
      </p>
      <h1 class="kern-heading-x-large">
        {t.title}: {fileName}
      </h1>
      <p class="kern-body">{t.lead}</p>
      {shown === 0 ? <p class="kern-body">{t.none}</p> : null}
      {shown > 0 && shown < pages ? <p class="kern-body">{t.limited(shown, pages)}</p> : null}
      <p class="kern-body">
        <a class="kern-link" href={base}>
          {t.download}
          <span class="kern-sr-only"> {fileName}</span>
        </a>
      </p>
      <ol class="app-preview-pages">
        {Array.from({ length: shown }, (_, i) => (
          <li key={`${i}`}>
            <img
              class="app-preview-page"
              src={`${base}/vorschau/${i + 1}`}
              alt={t.pageAlt(i + 1, pages)}
              loading={i === 0 ? undefined : 'lazy'}
            />
          </li>
        ))}
      </ol>
    </Layout>
  );
}
