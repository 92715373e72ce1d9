/** Operator commands: `npm run cli -- <command>`. */
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../adapters/db/audit-log.ts';
import { generateIdentity } from '../adapters/files/age-blob-store.ts';
import { createSecretBox } from '../adapters/identity/secret-box.ts';
import { createStaffAccount } from '../adapters/identity/staff-accounts.ts';
import { configOrExit, createLogger, masterKey, openMigratedDatabase } from './bootstrap.ts';

const USAGE = `Verwendung: npm run cli -- <Befehl>

  migrate                 Datenbankmigrationen anwenden und Referenzdaten laden
  audit verify            Hash-Kette des Prüfprotokolls prüfen; nennt die erste veränderte Zeile
  key generate            Neuen Hauptschlüssel (age) für MASTER_KEY ausgeben
  user create --role <Rolle> --email <Adresse> --name "<Name>" [--organisation <ID>]
                          Konto für Mitarbeitende anlegen (Rollen: admin, office_head, office_clerk,
                          member, authority); gibt das Startpasswort und den TOTP-Schlüssel einmalig aus
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      role: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
    },
  });
  const command = positionals.join(' ');
  if (command === 'key generate') {
    process.stdout.write(`${await generateIdentity()}\n`);
    return 0;
  }
  if (command === 'user create') {
    const config = configOrExit();
    const log = createLogger(config, 'cli');
    const secrets = createSecretBox(await masterKey(config, log));
    const database = await openMigratedDatabase(config, log);
    try {
      const created = await createStaffAccount(
        database.db,
        secrets,
        {
          role: String(values.role ?? '') as never,
          email: String(values.email ?? ''),
          name: String(values.name ?? ''),
          organisationId: typeof values.organisation === 'string' ? values.organisation : null,
        },
        { role: 'system', id: 'cli' },
      );
      if (!created.ok) {
        process.stderr.write(`Konto nicht angelegt:\n${created.errors.map((e) => `  - ${e}`).join('\n')}\n`);
        return 65;
      }
      process.stdout.write(
        [
          'Konto angelegt. Diese Angaben werden nur jetzt angezeigt:',
          `  Startpasswort: ${created.initialPassword}`,
          `  TOTP (in der Authenticator-App als QR-Code oder Link hinzufügen): ${created.totpUri}`,
          '',
        ].join('\n'),
      );
      return 0;
    } finally {
      await database.close();
    }
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
