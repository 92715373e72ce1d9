/**
 * Decomposition of the page benchmark: the page's own HTML bytes (BENCH_BODY_FILE) served as a
 * constant, by bare node:http (BENCH_SERVER=node) or by Fastify without any plugin (=fastify).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { reportListening } from './ipc.ts';

const file = process.env.BENCH_BODY_FILE;
if (!file) throw new Error('BENCH_BODY_FILE fehlt');
const body = readFileSync(file);
const type = 'text/html; charset=utf-8';

if (process.env.BENCH_SERVER === 'fastify') {
  const app = Fastify({ logger: false });
  app.get('/', async (_request, reply) => reply.type(type).send(body));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  reportListening(url, () => app.close());
} else {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    reportListening(
      `http://127.0.0.1:${port}`,
      () => new Promise((resolve) => server.close(() => resolve())),
    );
  });
}
