import type { ComponentChildren } from 'preact';
import { LANGUAGES, type Lang, type Translate } from '../i18n.ts';

export interface PageContext {
  lang: Lang;
  t: Translate;
  /** The path of this page, without query, for the language links. */
  path: string;
  /** Rendered at the end of the body, e.g. the time-out warning of logged-in pages. */
  tail?: ComponentChildren;
}

/** The page frame: header with language switch, main landmark, footer with the BITV links. */
export function Layout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const { lang, t } = ctx;
  const dir = LANGUAGES[lang].dir;
  return (
    <html lang={lang} dir={dir} class="kern-light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('serviceName')}`}</title>
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css" />
        <link rel="stylesheet" href="/assets/form.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        {dir === 'rtl' ? <link rel="stylesheet" href="/assets/rtl.css" /> : null}
      </head>
      <body>
        <a class="app-skip-link" href="#main">
          {t('skipLink')}
        </a>
        <header class="app-header">
          <div class="kern-container app-header__inner">
            <p class="app-header__official kern-body--small">{t('officialSite')}</p>
            <a class="app-header__service" href="/">
              {t('serviceName')}
            </a>
            <nav class="app-lang" aria-label={t('languageNav')}>
              <ul>
                {(Object.keys(LANGUAGES) as Lang[]).map((code) => (
                  <li key={code}>
                    <a
                      href={`${ctx.path}?lang=${code}`}
                      lang={code}
                      hrefLang={code}
                      aria-current={code === lang ? 'true' : undefined}
                    >
                      {LANGUAGES[code].name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="kern-container app-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="app-footer">
          <div class="kern-container">
            <p class="kern-body">{t('serviceOwner')}</p>
            <nav aria-label={t('footerNav')}>
              <ul class="app-footer__links">
                <li>
                  <a class="kern-link" href="/barrierefreiheit">
                    {t('accessibility')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/barrierefreiheit#feedback">
                    {t('feedback')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/datenschutz">
                    {t('privacy')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/impressum">
                    {t('imprint')}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
        {ctx.tail}
      </body>
    </html>
  );
}
