/** Who handles the case, and the office's internal notes (never shown outside the office). */
import { deskTexts as t } from '../../../content/messages/office/de.ts';
import type { CaseFileData } from '../../application/ports.ts';
import { Button, DateInput, Select, TextArea } from '../views/form.tsx';

const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);

/** What was typed into the change of authority, and the problem with it. */
export interface AuthorityForm {
  authorityId?: string;
  reason?: string;
  field?: 'authorityId' | 'reason';
  error?: string;
}

export function DeskForms({
  file,
  csrf,
  dueDefault,
  authorities = [],
  authorityForm = {},
  open = true,
}: {
  file: CaseFileData;
  csrf: string;
  dueDefault: { day: string; month: string; year: string };
  /** The authorities the case can be given to. */
  authorities?: readonly { id: string; name: string }[];
  authorityForm?: AuthorityForm;
  /** The case is not closed: its authority can still change. */
  open?: boolean;
}) {
  const errorOn = (field: AuthorityForm['field']) =>
    authorityForm.field === field ? authorityForm.error : undefined;
  const dmy = (iso: string) => iso.split('-').reverse().join('.');
  return (
    <>
      <section aria-labelledby="unterlagen" class="app-step">
        <h3 class="kern-heading-small" id="unterlagen">
          {t.requests}
        </h3>
        {file.documentRequests.length === 0 ? (
          <p class="kern-body">{t.noRequests}</p>
        ) : (
          <ul class="app-file-list">
            {file.documentRequests.map((r) => (
              <li key={r.id} class="app-file-list__item">
                <p class="kern-body app-pre-wrap">{r.text}</p>
                <small>
                  {t.dueOn} {dmy(r.dueOn)} ·{' '}
                  {r.answeredAt ? `${t.answered} ${dateTime(r.answeredAt)}` : t.open}
                </small>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`/geschaeftsstelle/faelle/${file.caseId}/unterlagen`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <TextArea id="request-text" name="text" label={t.requestText} hint={t.requestHint} rows={3} />
          <DateInput
            id="request-due"
            name="dueOn"
            legend={t.dueOn}
            value={dueDefault}
            labels={{ day: 'Tag', month: 'Monat', year: 'Jahr' }}
          />
          <Button variant="secondary">{t.request}</Button>
        </form>
      </section>
      <form method="post" action={`/geschaeftsstelle/faelle/${file.caseId}/zuweisung`} class="app-step">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="assignedBefore" value={file.assignee?.id ?? ''} />
        <Select
          id="assignee"
          name="assignee"
          label={t.assignee}
          value={file.assignee?.id ?? ''}
          placeholder={t.nobody}
          options={file.officeStaff.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Button variant="secondary">{t.assign}</Button>
      </form>
      {file.channel !== 'online' && !file.documents.some((d) => d.category === 'receipt') ? (
        <section aria-labelledby="eingangsbestaetigung" class="app-step">
          <h3 class="kern-heading-small" id="eingangsbestaetigung">
            {t.receiptTitle}
          </h3>
          <p class="kern-body">{t.receiptHint}</p>
          <form method="post" action={`/geschaeftsstelle/faelle/${file.caseId}/eingangsbestaetigung`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <Button variant="secondary">{t.receiptButton}</Button>
          </form>
        </section>
      ) : null}
      {open ? (
        <section aria-labelledby="zustaendigkeit" class="app-step">
          <h3 class="kern-heading-small" id="zustaendigkeit">
            {t.authorityTitle}
          </h3>
          <p class="kern-body">
            {file.authorityName ? t.authorityNow.replace('{name}', file.authorityName) : t.authorityNone}
          </p>
          <p class="kern-body">{t.authorityChangeHint}</p>
          <form method="post" action={`/geschaeftsstelle/faelle/${file.caseId}/behoerde`} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <Select
              id="authorityId"
              name="authorityId"
              label={t.authoritySelect}
              value={authorityForm.authorityId ?? ''}
              placeholder={t.authorityChoose}
              options={authorities.map((a) => ({ value: a.id, label: a.name }))}
              error={errorOn('authorityId')}
            />
            <TextArea
              id="authorityReason"
              name="reason"
              label={t.authorityReason}
              hint={t.authorityReasonHint}
              rows={2}
              value={authorityForm.reason}
              error={errorOn('reason')}
            />
            <Button variant="secondary">{t.authorityChange}</Button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="notizen" class="app-step">
        <h3 class="kern-heading-small" id="notizen">
          {t.notes}
        </h3>
        {file.notes.length === 0 ? (
          <p class="kern-body">{t.noNotes}</p>
        ) : (
          <ul class="app-file-list">
            {file.notes.map((n) => (
              <li key={n.id} class="app-file-list__item">
                <p class="kern-body app-pre-wrap">{n.text}</p>
                <small>
                  {n.authorName ?? '–'} · {dateTime(n.createdAt)}
                </small>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`/geschaeftsstelle/faelle/${file.caseId}/notizen`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <TextArea id="note" name="note" label={t.newNote} hint={t.noteHint} rows={3} />
          <Button variant="secondary">{t.addNote}</Button>
        </form>
      </section>
    </>
  );
}
