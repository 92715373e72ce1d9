/** Composition root of a separate outbox worker process: `npm run worker` (run the server with WORKER=off). */
import closeWithGrace from 'close-with-grace';
import { configOrExit, createLogger, openMigratedDatabase } from './bootstrap.ts';
import { createOutboxWorker, createServices } from './services.ts';

const config = configOrExit();
const log = createLogger(config, 'worker');
const database = await openMigratedDatabase(config, log);
const outbox = createOutboxWorker(config, database, log, await createServices(config, database, log));
outbox.worker.start();
await outbox.scheduleMaintenance();
log.info('Outbox-Worker gestartet');

closeWithGrace({ delay: 10_000 }, async () => {
  await outbox.close();
  await database.close();
});
