/** The benchmarks of issue 8 whose features are not built yet: listed in the table, never measured. */
import type { PendingBenchmark } from './types.ts';

export const pending: PendingBenchmark[] = [
  {
    name: 'wizard-page',
    target: '≥ 0.25 × hello-world req/s',
    issue: 3,
    what: 'Antragsseite mit Sitzungs-Lookup, DB-Lesezugriff und Rendern (bis dahin misst „page“ die Informationsseite)',
  },
  {
    name: 'upload-ingest',
    target: '≥ 0.6 × roh MB/s; RSS +< 64 MB/1 GB',
    issue: 3,
    what: 'Upload über tus (verschlüsseln, hashen, speichern) vs age-Verschlüsselung + SHA-256 auf denselben Bytes',
  },
  {
    name: 'submit-pglite',
    target: 'p95 < 150 ms, 20 Nutzer',
    issue: 3,
    what: 'Antrag einreichen (prüfen, speichern, Eingangsbestätigung als PDF, Postausgang) auf PGlite',
  },
  {
    name: 'submit-postgres',
    target: 'p95 < 150 ms, 20 Nutzer',
    issue: 3,
    what: 'dasselbe auf PostgreSQL',
  },
  {
    name: 'search',
    target: 'p95 < 50 ms',
    issue: 4,
    what: 'Volltextsuche der Geschäftsstelle über 100.000 synthetische Fälle',
  },
  {
    name: 'session-pack',
    target: '≥ 0.5 × qpdf',
    issue: 5,
    what: 'Sitzungsmappe 30 Fälle × 40 Seiten mit Lesezeichen vs qpdf auf denselben Dateien',
  },
];
