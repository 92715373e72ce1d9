import type { FastifyReply, FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses unsafe requests that a browser marks as cross-site (Sec-Fetch-Site) or that carry a
 * foreign Origin. Browsers send at least one of the two on every form post; non-browser clients
 * (API with tokens, later) send neither and are authenticated otherwise.
 */
export function isCrossSiteRequest(request: FastifyRequest, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    const host = request.headers.host;
    const own = new Set([publicOrigin, host ? `http://${host}` : '', host ? `https://${host}` : '']);
    if (!own.has(origin)) return true;
  }
  return false;
}

/** Pages carry personal data: never store them in a cache. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

/**
 * A preview picture we rendered from a document (never the document's own bytes): not cached, not
 * sniffed, shown inline.
 */
export function sendPreviewImage(reply: FastifyReply, image: { contentType: string; data: Buffer }) {
  return reply
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline; filename="vorschau"')
    .type(image.contentType)
    .send(image.data);
}
