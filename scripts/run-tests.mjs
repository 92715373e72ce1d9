#!/usr/bin/env node
// Finds the test files and runs them with node's test runner (TypeScript through tsx).
//   node scripts/run-tests.mjs            all tests (unit, integration, browser)
//   node scripts/run-tests.mjs --only-db  only the suites that touch the database (for the PostgreSQL pass)
//   node scripts/run-tests.mjs path ...   only the given files or folders
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const onlyDb = args.includes('--only-db');
const roots = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const isDbSuite = (file) => /\.db\.test\.tsx?$/.test(file) || file.startsWith(join('test', 'integration'));
let files = [];
for (const root of roots.length > 0 ? roots : ['src', 'test']) {
  if (statSync(root).isDirectory()) walk(root, files);
  else files.push(root);
}
if (onlyDb) files = files.filter(isDbSuite);
files.sort();
if (files.length === 0) {
  console.error('Keine Testdateien gefunden.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
