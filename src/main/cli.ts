/** Operator commands: `npm run cli -- <command>`. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackupError,
  createBackup,
  type RestoreTarget,
  restoreBackup,
  verifyDocuments,
} from '../adapters/backup/backup.ts';
import { verifyAuditChain } from '../adapters/db/audit-log.ts';
import { openDatabase } from '../adapters/db/connect.ts';
import { DataDirLockedError } from '../adapters/db/lock.ts';
import { createAgeBlobStore, generateIdentity } from '../adapters/files/age-blob-store.ts';
import { createSecretBox } from '../adapters/identity/secret-box.ts';
import { createStaffAccount } from '../adapters/identity/staff-accounts.ts';
import type { Config } from '../config/config.ts';
import { configOrExit, createLogger, masterKey, openMigratedDatabase } from './bootstrap.ts';

const USAGE = `Verwendung: npm run cli -- <Befehl>

  migrate                 Datenbankmigrationen anwenden und Referenzdaten laden
  audit verify            Hash-Kette des Prüfprotokolls prüfen; nennt die erste veränderte Zeile
  key generate            Neuen Hauptschlüssel (age) für MASTER_KEY ausgeben
  backup <Verzeichnis>    Datenbank und verschlüsselte Dateien mit Prüfsummen sichern (PostgreSQL im
                          laufenden Betrieb; die eingebettete Datenbank nur bei beendetem Server)
  restore <Verzeichnis>   Eine Sicherung auf eine frische Installation zurückspielen und prüfen
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
  if ((positionals[0] === 'backup' || positionals[0] === 'restore') && positionals.length === 2) {
    const config = configOrExit();
    const dir = resolve(positionals[1] ?? '');
    try {
      return positionals[0] === 'backup' ? await backup(config, dir) : await restore(config, dir);
    } catch (error) {
      if (error instanceof BackupError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      if (error instanceof DataDirLockedError) {
        process.stderr.write(
          `${error.message}\nDie eingebettete Datenbank lässt nur einen Prozess zu: beenden Sie den Server für Sicherung und Rücksicherung.\n`,
        );
        return 75;
      }
      throw error;
    }
  }
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

/** The master key if the installation has one; never generates one (a restore must use the old key). */
function existingMasterKey(config: Config): string | undefined {
  if (config.masterKey) return config.masterKey;
  const file = config.paths.masterKeyFile;
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

async function backup(config: Config, dir: string): Promise<number> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.paths.pglite,
    poolSize: 2,
  });
  try {
    const { manifest, attempts } = await createBackup({
      database,
      databaseUrl: config.databaseUrl,
      filesDir: config.paths.files,
      target: dir,
    });
    process.stdout.write(
      [
        `Sicherung geschrieben: ${dir}`,
        `  Datenbank (${manifest.database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}): ${manifest.database.file.path}, ${manifest.counts.cases} Verfahren, ${manifest.counts.documents} Dokumente, ${manifest.counts.drafts} Entwürfe`,
        `  Dateien: ${manifest.files.length} (davon ${manifest.referenced} von der Datenbank genutzt), Prüfsummen in manifest.json und SHA256SUMS`,
        ...(attempts > 1 ? [`  (${attempts} Anläufe: während der Sicherung wurden Dateien gelöscht)`] : []),
        '  Der Hauptschlüssel ist NICHT enthalten: sichern Sie ihn getrennt (MASTER_KEY bzw. master.key).',
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function restore(config: Config, dir: string): Promise<number> {
  const target: RestoreTarget = {
    kind: config.databaseUrl ? 'postgres' : 'pglite',
    pgliteDir: config.paths.pglite,
    databaseUrl: config.databaseUrl,
    filesDir: config.paths.files,
    open: (loadDataDir) =>
      openDatabase({
        databaseUrl: config.databaseUrl,
        pgliteDir: config.paths.pglite,
        poolSize: 2,
        ...(loadDataDir ? { loadDataDir } : {}),
      }),
  };
  const report = await restoreBackup(dir, target);
  const lines = [
    `Sicherung vom ${report.manifest.createdAt} zurückgespielt: ${report.manifest.counts.cases} Verfahren, ${report.files} Dateien (Prüfsummen stimmen).`,
  ];
  const identity = existingMasterKey(config);
  let code = 0;
  if (!identity) {
    lines.push(
      'Kein Hauptschlüssel (MASTER_KEY oder master.key): die Dateien sind nur verschlüsselt geprüft. Legen Sie den gesicherten Schlüssel an, bevor Sie starten.',
    );
  } else {
    const database = await target.open();
    try {
      const blobs = createAgeBlobStore({ dir: config.paths.files, identity });
      const { checked, bad } = await verifyDocuments(database.db, blobs);
      if (bad.length > 0) {
        lines.push(
          `${bad.length} von ${checked} Dokumenten lassen sich nicht mit ihrer Prüfsumme lesen (falscher Schlüssel?).`,
        );
        code = 1;
      } else lines.push(`${checked} Dokumente entschlüsselt: alle SHA-256 stimmen.`);
    } finally {
      await database.close();
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
