/**
 * Starts one of bench/servers/*.ts in its own process; the child listens on a loopback port it
 * picks itself and reports its URL over IPC. The child exits when the IPC channel closes, so it
 * cannot outlive the harness.
 */
import type { ChildProcess } from 'node:child_process';
import { captureOutput, makeTempDir, removeTempDir, spawnTracked, stopChild } from './children.ts';

export interface ServerChild {
  url: string;
  pid: number;
  /** Resident memory of the child in MB, asked over IPC. */
  rssMb(): Promise<number>;
  /** Starts the V8 CPU profiler inside the child. */
  profileStart(): Promise<void>;
  /** Stops it and writes the .cpuprofile to `file`. */
  profileStop(file: string): Promise<void>;
  /** Asks the server one of its own questions (bench/servers/ipc.ts `Questions`). */
  ask<T = unknown>(name: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

type Message =
  | { type: 'listening'; url: string }
  | { type: 'rss'; mb: number }
  | { type: 'profile-started' }
  | { type: 'profile-saved'; file: string }
  | { type: 'answer'; name: string; value?: unknown; error?: string };

function nextMessage<T extends Message['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
  output: () => string,
): Promise<Extract<Message, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`keine Nachricht „${type}“ nach ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: Message) => {
      if (m && m.type === type) done(undefined, m as Extract<Message, { type: T }>);
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(new Error(`Kindprozess beendet (code ${code}, signal ${signal}):\n${output()}`));
    function done(err?: Error, m?: Extract<Message, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m as Extract<Message, { type: T }>);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startServerChild(
  script: string,
  env: Record<string, string> = {},
  options: { startTimeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ServerChild> {
  const dataDir = makeTempDir('hfk-bench-data-');
  const child = spawnTracked(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    env: { ...process.env, ...env, BENCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = captureOutput(child);
  const stop = async () => {
    try {
      if (child.connected) child.disconnect();
      await stopChild(child, 10_000);
    } finally {
      removeTempDir(dataDir);
    }
  };
  try {
    const { url } = await nextMessage(child, 'listening', options.startTimeoutMs ?? 60_000, output);
    return {
      url,
      pid: child.pid ?? 0,
      async rssMb() {
        const reply = nextMessage(child, 'rss', 5_000, output);
        child.send({ type: 'rss?' });
        return (await reply).mb;
      },
      async profileStart() {
        const reply = nextMessage(child, 'profile-started', 5_000, output);
        child.send({ type: 'profile-start' });
        await reply;
      },
      async profileStop(file: string) {
        const reply = nextMessage(child, 'profile-saved', 30_000, output);
        child.send({ type: 'profile-stop', file });
        await reply;
      },
      async ask<T>(name: string, timeoutMs = 10_000): Promise<T> {
        const reply = nextMessage(child, 'answer', timeoutMs, output);
        child.send({ type: 'ask?', name });
        const answer = await reply;
        if (answer.error !== undefined) throw new Error(`${name}: ${answer.error}`);
        return answer.value as T;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
