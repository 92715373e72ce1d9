/** The embedded mailbox (`DATA_DIR/mail/*.eml`) as tests read it: waits for a mail, soft line breaks undone. */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The first mail (raw text, quoted-printable soft breaks joined) for which `wanted` is true. */
export async function waitForMail(dataDir: string, wanted: (text: string) => boolean): Promise<string> {
  const dir = join(dataDir, 'mail');
  for (let i = 0; i < 100; i++) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      // `.tmp-…` files are mails still being written.
      if (name.startsWith('.')) continue;
      const text = (await readFile(join(dir, name), 'utf8').catch(() => '')).replace(/=\r?\n/g, '');
      if (wanted(text)) return text;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail('mail not found');
}
