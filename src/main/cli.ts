/** Operator commands: `npm run cli -- <command>`. */
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../adapters/db/audit-log.ts';
import { generateIdentity } from '../adapters/files/age-blob-store.ts';
import { configOrExit, createLogger, openMigratedDatabase } from './bootstrap.ts';

const USAGE = `Verwendung: npm run cli -- <Befehl>

  migrate                 Datenbankmigrationen anwenden und Referenzdaten laden
  audit verify            Hash-Kette des Prüfprotokolls prüfen; nennt die erste veränderte Zeile
  key generate            Neuen Hauptschlüssel (age) für MASTER_KEY ausgeben
`;

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const command = positionals.join(' ');
  if (command === 'key generate') {
    process.stdout.write(`${await generateIdentity()}\n`);
    return 0;
  }
  if (command === 'migrate' || command === 'audit verify') {
    const config = configOrExit();
    const log = createLogger(config, 'cli');
    const database = await openMigratedDatabase(config, log);
    try {
      if (command === 'migrate') {
        process.stdout.write('Datenbank ist auf dem neuesten Stand.\n');
        return 0;
      }
      const verdict = await verifyAuditChain(database.db);
      if (verdict.ok) {
        process.stdout.write(`Prüfprotokoll unverändert: ${verdict.rows} Einträge geprüft.\n`);
        return 0;
      }
      const why =
        verdict.reason === 'content_changed'
          ? 'Inhalt verändert'
          : 'Verkettung unterbrochen (Zeile davor gelöscht oder eingefügt)';
      process.stdout.write(
        `Prüfprotokoll VERÄNDERT: erste betroffene Zeile id=${verdict.firstBadId} (${why}); ${verdict.rows} Einträge davor sind intakt.\n`,
      );
      return 1;
    } finally {
      await database.close();
    }
  }
  process.stderr.write(command ? `Unbekannter Befehl: ${command}\n\n${USAGE}` : USAGE);
  return 64;
}

process.exitCode = await main(process.argv.slice(2));
