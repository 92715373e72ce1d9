/** Baseline: a bare node:http hello-world on a loopback port. */
import { createServer } from 'node:http';
import { reportListening } from './ipc.ts';

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Hello World');
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  reportListening(`http://127.0.0.1:${port}`, () => new Promise((resolve) => server.close(() => resolve())));
});
