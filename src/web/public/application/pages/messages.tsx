/** The message thread on the applicant's status page: what was written, newest last, and a form. */
import { threadAr } from '../../../../../content/messages/thread/ar.ts';
import { type ThreadCatalog, type ThreadKey, threadDe } from '../../../../../content/messages/thread/de.ts';
import { threadEn } from '../../../../../content/messages/thread/en.ts';
import type { CaseMessage } from '../../../../application/ports.ts';
import type { Lang } from '../../../i18n.ts';
import { Button, NotificationBanner, TextArea } from '../../../views/form.tsx';
import type { WizardContext } from '../frame.tsx';

const CATALOGS: Record<Lang, ThreadCatalog> = { de: threadDe, en: threadEn, ar: threadAr };
const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar-u-nu-latn' };

/** A text of the thread in the page language, with `{name}` placeholders filled. */
export function threadText(lang: Lang) {
  const catalog = CATALOGS[lang];
  return (key: ThreadKey, vars: Record<string, string> = {}) =>
    (catalog[key] ?? threadDe[key]).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}

/** The field of the form, for the error summary and the label. */
export const MESSAGE_FIELD = 'message';

/** What was typed and why it was refused, when the form comes back. */
export interface ThreadForm {
  value?: string;
  error?: string;
}

/** A banner at the top of the page while a message of the office is new to the reader. */
export function UnreadBanner({ ctx, messages }: { ctx: WizardContext; messages: readonly CaseMessage[] }) {
  const t = threadText(ctx.lang);
  if (!messages.some((m) => m.direction === 'from_office' && !m.readAt)) return null;
  return (
    <NotificationBanner kind="info" id="new-message" title={t('unreadBannerTitle')}>
      <p class="kern-body">
        <a class="kern-link" href="#nachrichten">
          {t('unreadBannerLink')}
        </a>
      </p>
    </NotificationBanner>
  );
}

export function MessagesSection({
  ctx,
  messages,
  open,
  form = {},
  sent = false,
}: {
  ctx: WizardContext;
  messages: readonly CaseMessage[];
  /** false once the procedure has ended: the thread stays readable, the form goes. */
  open: boolean;
  form?: ThreadForm;
  sent?: boolean;
}) {
  const t = threadText(ctx.lang);
  const when = new Intl.DateTimeFormat(LOCALES[ctx.lang], {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <section aria-labelledby="nachrichten" class="app-thread">
      <h2 class="kern-heading-medium" id="nachrichten">
        {t('title')}
      </h2>
      <p class="kern-body">{t('lead')}</p>
      {sent ? (
        <NotificationBanner kind="success" id="message-sent" title={t('sent')}>
          <p class="kern-body">{t('sent')}</p>
        </NotificationBanner>
      ) : null}
      {messages.length === 0 ? (
        <p class="kern-body">{t('empty')}</p>
      ) : (
        <ol class="app-thread__list">
          {messages.map((m) => (
            <li key={m.id} class={`app-thread__message app-thread__message--${m.direction}`}>
              <p class="kern-body kern-body--small">
                <strong>{m.direction === 'from_office' ? t('fromOffice') : t('fromYou')}</strong>{' '}
                {t('wroteOn', { date: when.format(m.createdAt) })}
                {m.direction === 'from_office' && !m.readAt ? (
                  <span class="app-tag"> {t('unreadTag')}</span>
                ) : null}
              </p>
              {/* The office writes German; the applicant's text may be in any language. */}
              <p
                class="kern-body app-pre-wrap"
                {...(m.direction === 'from_office' ? { lang: 'de' } : {})}
                dir="auto"
              >
                {m.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      {open ? (
        // The language of a filed draft is not stored again, so the page's language travels with the form.
        <form method="post" action={`/antrag/nachrichten?lang=${ctx.lang}`} novalidate>
          <TextArea
            id={MESSAGE_FIELD}
            name={MESSAGE_FIELD}
            label={t('label')}
            hint={t('hint')}
            value={form.value}
            error={form.error}
            errorPrefix={ctx.w('errorPrefix')}
            rows={5}
            dir="auto"
          />
          <Button>{t('send')}</Button>
        </form>
      ) : (
        <p class="kern-body">{t('closedNote')}</p>
      )}
    </section>
  );
}
