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

export function DeskForms({
  file,
  csrf,
  dueDefault,
}: {
  file: CaseFileData;
  csrf: string;
  dueDefault: { day: string; month: string; year: string };
}) {
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
