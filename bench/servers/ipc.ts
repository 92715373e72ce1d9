/**
 * The child side of lib/server-child.ts: report the URL, answer memory questions, record a CPU
 * profile on request (bench/profile.ts), answer the server's own questions (`ask`), exit with the parent.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

let session: Session | undefined;

async function profile(m: { type?: string; file?: string }): Promise<void> {
  if (m.type === 'profile-start') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    process.send?.({ type: 'profile-started' });
  } else if (m.type === 'profile-stop' && session && m.file) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(m.file, JSON.stringify(profile));
    session.disconnect();
    session = undefined;
    process.send?.({ type: 'profile-saved', file: m.file });
  }
}
/** Questions a server answers besides the common ones: `ask(name)` in lib/server-child.ts. */
export type Questions = Record<string, () => Promise<unknown>>;

export function reportListening(url: string, close: () => Promise<void>, questions: Questions = {}): void {
  if (!process.send) throw new Error('ohne IPC-Kanal gestartet (nur über bench/run.ts)');
  process.send({ type: 'listening', url });
  process.on('message', (m: { type?: string; file?: string; name?: string }) => {
    if (m?.type === 'rss?') process.send?.({ type: 'rss', mb: process.memoryUsage().rss / 1024 / 1024 });
    else if (m?.type?.startsWith('profile-')) void profile(m);
    else if (m?.type === 'ask?' && typeof m.name === 'string') {
      const question = Object.hasOwn(questions, m.name) ? questions[m.name] : undefined;
      const answer = question
        ? question().then(
            (value) => ({ type: 'answer', name: m.name, value }),
            (error: unknown) => ({ type: 'answer', name: m.name, error: String(error) }),
          )
        : Promise.resolve({ type: 'answer', name: m.name, error: `unbekannte Frage: ${m.name}` });
      void answer.then((reply) => process.send?.(reply));
    }
  });
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    const hard = setTimeout(() => process.exit(1), 5_000);
    hard.unref();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('disconnect', shutdown);
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
