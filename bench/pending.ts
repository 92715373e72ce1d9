/** The benchmarks of issue 8 whose features are not built yet: listed in the table, never measured. */
import type { PendingBenchmark } from './types.ts';

export const pending: PendingBenchmark[] = [
  {
    name: 'search',
    target: 'p95 < 50 ms',
    issue: 4,
    what: 'Volltextsuche der Geschäftsstelle über 100.000 synthetische Fälle',
  },
];
