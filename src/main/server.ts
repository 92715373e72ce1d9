/** Composition root of the web server: `npm start`. */
import closeWithGrace from 'close-with-grace';
import { describeClamd } from '../adapters/scan/clamd.ts';
import { configOrExit, createLogger, masterKey, openMigratedDatabase, profileOrExit } from './bootstrap.ts';
import { composeApp } from './compose.ts';

const started = Date.now();
const config = configOrExit();
const log = createLogger(config, 'server');
const profile = await profileOrExit(config);
await masterKey(config, log);
const database = await openMigratedDatabase(config, log);
const running = await composeApp(config, database, log);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) log.error({ err: { type: err.name } }, 'Beenden nach Fehler');
  else log.info({ signal }, 'Server wird beendet');
  await running.close();
  await database.close();
});

await running.app.listen({ port: config.port, host: config.host });
const admins = await database.db
  .selectFrom('users')
  .select((e) => e.fn.countAll<string>().as('n'))
  .where('role', '=', 'admin')
  .executeTakeFirstOrThrow();
async function virusScanLine(): Promise<string> {
  const scan = config.virusScan;
  if (!scan || !running.services.virusScanner) return 'aus (CLAMD_SOCKET oder CLAMD_HOST setzen)';
  const where = describeClamd(scan.address);
  return (await running.services.virusScanner.ping())
    ? where
    : `${where} – NICHT ERREICHBAR: Uploads werden zurückgehalten, bis clamd antwortet`;
}
const lines = [
  `Härtefallverfahren NRW läuft: ${config.publicUrl}  (bereit nach ${Date.now() - started} ms)`,
  `Datenbank: ${database.kind === 'pglite' ? `eingebettet (PGlite) in ${config.paths.pglite}` : 'PostgreSQL'}`,
  `Postausgang: ${config.smtpUrl ? 'SMTP' : `Ordner ${config.paths.mail}`}`,
  `Verfahrensprofil: ${profile.land.name} (${profile.id}, Version ${profile.version})`,
  `Virenprüfung: ${await virusScanLine()}`,
];
if (Number(admins.n) === 0) {
  lines.push(
    'Noch kein Administrator: npm run cli -- user create --role admin --email <Adresse> --name "<Name>"',
  );
}
process.stdout.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
