import { open } from 'node:fs/promises';

/** Makes a rename in `dir` durable: without syncing the directory a crash can forget the new name. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
