import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../content/messages/de.ts';
import { type Lang, pickLang, translator } from './i18n.ts';
import { ServiceInfo } from './public/service-info/page.tsx';
import type { ServiceDescription } from './public/service-info/schema.ts';
import { noStore } from './security.ts';
import { Layout, type PageContext } from './views/layout.tsx';
import { renderPage } from './views/render.ts';

/** The language of this request; an explicit ?lang= is remembered in a cookie. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const lang = pickLang(query.lang, request.cookies?.lang);
  if (query.lang === lang && request.cookies?.lang !== lang) {
    reply.setCookie('lang', lang, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 31536000 });
  }
  return { lang, t: translator(lang), path: pagePath(request) };
}

/** The path of the request without its query, reduced to safe characters (for the language links). */
export function pagePath(request: FastifyRequest): string {
  return (request.url.split('?')[0] ?? '/').replace(/[^A-Za-z0-9/_-]/g, '') || '/';
}

export function sendPage(reply: FastifyReply, html: string, status = 200) {
  noStore(reply);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

function TextPage({
  ctx,
  title,
  paragraphs,
}: {
  ctx: PageContext;
  title: MessageKey;
  paragraphs: MessageKey[];
}) {
  return (
    <Layout ctx={ctx} title={ctx.t(title)}>
      <h1 class="kern-heading-x-large">{ctx.t(title)}</h1>
      {paragraphs.map((p) => (
        <p class="kern-body" key={p}>
          {ctx.t(p)}
        </p>
      ))}
      <p class="kern-body">
        <a class="kern-link" href="/">
          {ctx.t('backToStart')}
        </a>
      </p>
    </Layout>
  );
}

/** The public information pages: service description, accessibility statement, privacy, imprint. */
export function registerPublicPages(app: FastifyInstance, descriptions: Record<Lang, ServiceDescription>) {
  app.get('/', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const description = descriptions[ctx.lang];
    return sendPage(
      reply,
      renderPage(
        <Layout ctx={ctx} title={description.title.leistungsbezeichnung2}>
          <ServiceInfo description={description} />
        </Layout>,
      ),
    );
  });

  app.get('/barrierefreiheit', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      renderPage(
        <Layout ctx={ctx} title={t('accessibilityTitle')}>
          <h1 class="kern-heading-x-large">{t('accessibilityTitle')}</h1>
          <p class="kern-body">{t('accessibilityIntro')}</p>
          <h2 class="kern-heading-large">{t('accessibilityStatusTitle')}</h2>
          <p class="kern-body">{t('accessibilityStatus')}</p>
          <h2 class="kern-heading-large" id="feedback">
            {t('accessibilityFeedbackTitle')}
          </h2>
          <p class="kern-body">{t('accessibilityFeedback')}</p>
          <p class="kern-body">{t('contactPending')}</p>
          <h2 class="kern-heading-large">{t('accessibilityEnforcementTitle')}</h2>
          <p class="kern-body">{t('accessibilityEnforcement')}</p>
        </Layout>,
      ),
    );
  });

  app.get('/datenschutz', async (request, reply) =>
    sendPage(
      reply,
      renderPage(
        <TextPage ctx={pageContext(request, reply)} title="privacyTitle" paragraphs={['privacyText']} />,
      ),
    ),
  );
  app.get('/impressum', async (request, reply) =>
    sendPage(
      reply,
      renderPage(
        <TextPage ctx={pageContext(request, reply)} title="imprintTitle" paragraphs={['imprintText']} />,
      ),
    ),
  );
}

/** The German (or chosen-language) error page; never a stack trace. */
export function ErrorPage({
  ctx,
  title,
  text,
  reference,
}: {
  ctx: PageContext;
  title: MessageKey;
  text: MessageKey;
  reference?: string;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t(title)}>
      <h1 class="kern-heading-x-large">{ctx.t(title)}</h1>
      <p class="kern-body">{ctx.t(text)}</p>
      {reference ? (
        <p class="kern-body">
          {ctx.t('errorReference')}: <code>{reference}</code>
        </p>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href="/">
          {ctx.t('backToStart')}
        </a>
      </p>
    </Layout>
  );
}
