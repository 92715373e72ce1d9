/** The shape every benchmark module in bench/ exports. */

export interface BenchResult {
  /** Our figure, in `unit`. */
  ours: number;
  /** The same-run baseline's figure, in `baselineUnit` if given, else in `unit`. */
  baseline: number;
  unit: string;
  baselineUnit?: string;
  /** ours / baseline (direction depends on the benchmark; the target says which). */
  ratio: number;
  pass: boolean;
  notes?: string[];
}

export interface Benchmark {
  name: string;
  /** The target as printed in the table, e.g. "≥ 0.25 × hello-world". */
  target: string;
  run(): Promise<BenchResult>;
}

/** A benchmark of issue 8 whose feature does not exist yet: listed, never measured. */
export interface PendingBenchmark {
  name: string;
  target: string;
  /** The issue that brings the feature. */
  issue: number;
  what: string;
}

/** Thrown by run() when the benchmark cannot run here (e.g. no PostgreSQL): a row with the reason, not an error. */
export class Unavailable extends Error {
  override name = 'Unavailable';
}
