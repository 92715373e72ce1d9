/** The message thread with the applicant or representative in the case file, and the answer form. */
import { ROLE_LABELS } from '../../../content/messages/office/de.ts';
import { officeThreadTexts as t } from '../../../content/messages/office/thread.ts';
import type { CaseMessage } from '../../application/ports.ts';
import { Button, TextArea } from '../views/form.tsx';

const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);

/** German text of a refusal code of the message form. */
export function officeMessageError(code: 'empty' | 'too_long' | 'broken' | 'closed' | 'too_many'): string {
  return t[`error_${code}`];
}

export function OfficeMessages({
  caseId,
  messages,
  csrf,
  form = {},
}: {
  caseId: string;
  /** Oldest first, with the read marks as they were before this view. */
  messages: readonly CaseMessage[];
  csrf: string;
  form?: { value?: string; error?: string };
}) {
  return (
    <section aria-labelledby="nachrichten" class="app-thread">
      <h2 class="kern-heading-large" id="nachrichten">
        {t.title}
      </h2>
      <p class="kern-body">{t.lead}</p>
      {messages.length === 0 ? (
        <p class="kern-body">{t.empty}</p>
      ) : (
        <ol class="app-thread__list">
          {messages.map((m) => (
            <li key={m.id} class={`app-thread__message app-thread__message--${m.direction}`}>
              <p class="kern-body kern-body--small">
                <strong>
                  {m.direction === 'from_office'
                    ? `${t.office}${m.authorName ? ` (${m.authorName})` : ''}`
                    : (ROLE_LABELS[m.authorRole] ?? m.authorRole)}
                </strong>{' '}
                · {dateTime(m.createdAt)}
                {m.direction === 'from_applicant' && !m.readAt ? (
                  <span class="app-tag"> {t.unreadTag}</span>
                ) : null}
              </p>
              <p class="kern-body app-pre-wrap" dir="auto">
                {m.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={`/geschaeftsstelle/faelle/${caseId}/nachrichten`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextArea
          id="message"
          name="message"
          label={t.label}
          hint={t.hint}
          value={form.value}
          error={form.error}
          errorPrefix="Fehler:"
          rows={4}
        />
        <Button variant="secondary">{t.send}</Button>
      </form>
    </section>
  );
}
