/** The benchmarks of issue 8 whose features are not built yet: listed in the table, never measured. */
import type { PendingBenchmark } from './types.ts';

export const pending: PendingBenchmark[] = [];
