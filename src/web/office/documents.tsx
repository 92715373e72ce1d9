/** The office's form to file a document in a case (resumable with JavaScript, a plain post without). */
import { OFFICE_DOCUMENT_LABELS, documentTexts as t } from '../../../content/messages/office/de.ts';
import { OFFICE_DOCUMENT_KINDS } from '../../application/case-file.ts';
import { CATEGORY_TEXTS, EVIDENCE_CATEGORIES } from '../../domain/evidence/index.ts';
import { Button, Select } from '../views/form.tsx';

export function DocumentUploadForm({
  caseId,
  action,
  maxMb,
  csrf,
}: {
  caseId: string;
  action: string;
  maxMb: number;
  /** The login session's token: the first field, so that it is read before the file. */
  csrf: string;
}) {
  return (
    <section aria-labelledby="upload-title">
      <h3 class="kern-heading-small" id="upload-title">
        {t.title}
      </h3>
      <p class="kern-body">{t.lead}</p>
      <form method="post" action={action} enctype="multipart/form-data" data-upload>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="caseId" value={caseId} />
        <Select
          id="category"
          name="category"
          label={t.category}
          value="application_letter"
          options={[
            ...OFFICE_DOCUMENT_KINDS.map((k) => ({ value: k, label: OFFICE_DOCUMENT_LABELS[k] ?? k })),
            ...EVIDENCE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_TEXTS[c].title })),
          ]}
        />
        <div class="kern-form-input">
          <label class="kern-label" for="datei">
            {t.file}
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
        <Button variant="secondary">{t.submit}</Button>
      </form>
      <script src="/assets/tus.min.js" defer />
      <script src="/assets/upload.js" defer />
    </section>
  );
}
