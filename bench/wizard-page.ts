/**
 * Requests/s of a full applicant wizard page vs a bare node:http hello-world, with autocannon.
 * The app runs as `npm start` runs it (PGlite in DATA_DIR, migrated), with a draft prepared over
 * HTTP (two persons filled in, representative, questions, texts); autocannon sends its cookie.
 * GET /antrag/personen/<id> = cookie → resume-secret hash → draft row + its documents → parse and
 * validate → authority lookup for the address (DB) → render → security headers.
 * Each server runs alone in its own child process (one after the other); autocannon runs here.
 */
import { fileURLToPath } from 'node:url';
import { prepareDraft } from './lib/applicant.ts';
import { getRaw } from './lib/http.ts';
import { type LoadFigures, measure } from './lib/load.ts';
import { type ServerChild, startServerChild } from './lib/server-child.ts';
import type { BenchResult } from './types.ts';

const LOAD = { connections: 10, warmupSeconds: 2, seconds: 10 };
const SIDE_LOAD = { connections: 10, warmupSeconds: 1, seconds: 5 };
const TARGET_RATIO = 0.25;

const script = (name: string) => fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const name = 'wizard-page';
export const target = `≥ ${TARGET_RATIO} × hello-world req/s`;

async function checked(url: string, cookie: string): Promise<{ bytes: number }> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200 || !String(res.headers.get('content-type')).startsWith('text/html'))
    throw new Error(`${url}: unerwartete Antwort ${res.status}: ${body.slice(0, 200)}`);
  return { bytes: Buffer.byteLength(body) };
}

export async function run(): Promise<BenchResult> {
  let app: ServerChild | undefined;
  let person: LoadFigures;
  let overview: LoadFigures;
  let live: LoadFigures;
  let sizes: { person: number; overview: number };
  let rss: { before: number; after: number };
  try {
    app = await startServerChild(script('app'), { BENCH_DB: 'file' }, { startTimeoutMs: 120_000 });
    // Two persons, representative, questions and texts: a draft half-way through, evidence still open.
    const draft = await prepareDraft(app.url, { index: 0, until: 'texts' });
    const personUrl = `${app.url}/antrag/personen/${draft.mainPersonId}`;
    const overviewUrl = `${app.url}/antrag/uebersicht`;
    const headers = { cookie: draft.cookie };
    sizes = {
      person: (await checked(personUrl, draft.cookie)).bytes,
      overview: (await checked(overviewUrl, draft.cookie)).bytes,
    };
    rss = { before: await app.rssMb(), after: 0 };
    person = await measure(personUrl, { ...LOAD, headers });
    overview = await measure(overviewUrl, { ...SIDE_LOAD, headers });
    live = await measure(`${app.url}/health/live`, SIDE_LOAD);
    rss.after = await app.rssMb();
  } finally {
    await app?.stop();
  }

  let hello: LoadFigures;
  let server: ServerChild | undefined;
  try {
    server = await startServerChild(script('hello'));
    const probe = await getRaw(`${server.url}/`);
    if (probe.status !== 200) throw new Error(`hello-world: ${probe.status}`);
    hello = await measure(`${server.url}/`, LOAD);
  } finally {
    await server?.stop();
  }

  const ratio = person.rps / hello.rps;
  const share = (f: LoadFigures) => `${fmt(f.rps)} req/s (${(f.rps / hello.rps).toFixed(2)} × hello-world)`;
  const notes = [
    `GET /antrag/personen/<id> (Hauptperson, ${(sizes.person / 1024).toFixed(1)} KB HTML) mit Entwurfs-Cookie vs node:http hello-world; ` +
      `${LOAD.connections} Verbindungen, ${LOAD.warmupSeconds} s Aufwärmen + ${LOAD.seconds} s Messung, nur 2xx gezählt; ` +
      'App wie npm start (PGlite-Datei in DATA_DIR); Entwurf über HTTP: zwei Personen, Vertretung, Fragen, Texte.',
    `Zum Vergleich (${SIDE_LOAD.seconds} s je): GET /antrag/uebersicht (Aufgabenliste, ${(sizes.overview / 1024).toFixed(1)} KB) ${share(overview)}; ` +
      `GET /health/live derselben App (alle Plugins, kein DB-Zugriff, kein Rendern) ${share(live)}.`,
    `Latenz p50/p99: Personenseite ${person.latencyP50}/${person.latencyP99} ms, hello-world ${hello.latencyP50}/${hello.latencyP99} ms; ` +
      `RSS App ${fmt(rss.before)} → ${fmt(rss.after)} MB.`,
    'Ohne Accept-Encoding (wie page): @fastify/compress prüft nur und komprimiert nicht; Rate-Limit angehoben, das Plugin läuft mit.',
  ];
  const all = [person, overview, live, hello];
  const bad = all.reduce((n, f) => n + f.non2xx + f.errors + f.timeouts, 0);
  if (bad > 0) {
    notes.push(
      `Achtung: Nicht-2xx/Fehler/Timeouts – Personenseite ${person.non2xx}/${person.errors}/${person.timeouts}, ` +
        `hello-world ${hello.non2xx}/${hello.errors}/${hello.timeouts} (alle Läufe zusammen: ${bad}).`,
    );
  }
  return {
    ours: person.rps,
    baseline: hello.rps,
    unit: 'req/s',
    ratio,
    pass: ratio >= TARGET_RATIO && person.non2xx === 0 && person.errors === 0,
    notes,
  };
}
