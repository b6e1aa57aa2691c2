#!/usr/bin/env node
// Electron security scan for CI: runs Electronegativity over the Electron shell (electron/)
// and the kiosk page (renderer/), prints every finding, and exits 1 on any HIGH or MEDIUM
// finding, on any file it could not parse, or when the scan did not run at all.
//
// Why the library's programmatic API and not node_modules/.bin/electronegativity:
// - the CLI always exits 0;
// - with `-o report.csv` the CLI throws away parse errors, so a file that fails to parse
//   is silently not scanned (checked with a broken file holding `sandbox: false`: no
//   finding, no error, exit 0);
// - its CSV writer issues two unsynchronised async writes (header, then rows) to the
//   same file, so the report on disk can lose rows.
// `run()` is the same code the CLI calls; it returns the findings with their severity and
// the parse errors, so nothing has to be recovered from a file.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// `--root <dir>` scans a copy of the project instead, to try the scan on planted faults.
const rootArg = process.argv.indexOf('--root');
const ROOT =
  rootArg > 0 && process.argv[rootArg + 1]
    ? path.resolve(process.argv[rootArg + 1])
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Electron in package.json; the scanned folders hold no package.json to detect it from. */
const ELECTRON_VERSION = '45.5.0';
/** What is scanned, relative to the project root: the shell and the page it loads. */
const SCANNED = ['electron', 'renderer/index.html', 'renderer/src'];
const FAILING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);
/** The library fetches translations and Electron's release list; offline it gives up, but never hang CI. */
const TIMEOUT_MS = 180_000;

/**
 * Findings reviewed and accepted, each by check id and file, never wholesale. Anything not
 * listed here that is HIGH or MEDIUM fails the scan.
 */
const ACCEPTED = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    // A reminder to review preload scripts, raised for every `preload` option. Reviewed:
    // electron/preload/index.ts runs sandboxed and context-isolated and exposes only
    // invoke (contract command names only) and on (contract event names only, IPC event
    // object withheld); main re-checks the sender of every call.
    reason: 'review reminder; the preload is reviewed and minimal',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'electron/main/security.ts',
    // LOW "Failed to parse CSP": the check reads only a string literal written inside the
    // onHeadersReceived callback, and ours is the exported CONTENT_SECURITY_POLICY constant.
    // The same policy, less frame-ancestors, is the meta tag of renderer/index.html (a unit
    // test keeps them equal), which this scan does evaluate.
    reason: 'the header uses a constant the check cannot read; the same policy is evaluated in renderer/index.html',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    // LOW "may be vulnerable": csp-evaluator's generic caution that script-src 'self' is
    // unsafe on a site that hosts JSONP endpoints, AngularJS or user uploads. The kiosk page
    // is a local bundle with none of those. A real weakness ('unsafe-inline', a wildcard,
    // no object-src...) comes with confidence CERTAIN and fails the scan (ESCALATED below).
    reason: "csp-evaluator's generic caution about script-src 'self'",
  },
];

/**
 * LOW findings that still fail, because they mean a real weakness: CSP_GLOBAL_CHECK reports
 * a policy with a HIGH or MEDIUM csp-evaluator finding as LOW with confidence CERTAIN.
 */
const ESCALATED = [{ id: 'CSP_GLOBAL_CHECK', confidence: 'CERTAIN' }];

/**
 * @typedef {{ name: string }} Level
 * @typedef {{
 *   id: string, file: string, description: string, manualReview?: boolean,
 *   severity?: Level, confidence?: Level, location?: { line: number, column: number },
 * }} Finding
 * @typedef {{ file: string, message: string, tolerable: boolean }} ScanError
 * @typedef {{ issues: Finding[], errors: ScanError[], atomicChecks: number, globalChecks: number }} ScanResult
 * @typedef {(options: Record<string, unknown>) => Promise<unknown>} Run
 */

/** @param {string} tmp @returns {string} the folder to scan, holding copies of SCANNED */
function stage(tmp) {
  const target = path.join(tmp, 'scan');
  for (const entry of SCANNED) {
    const from = path.join(ROOT, entry);
    if (!fs.existsSync(from)) {
      if (entry === 'electron') throw new Error(`${entry} does not exist`);
      continue;
    }
    fs.cpSync(from, path.join(target, entry), { recursive: true });
  }
  return target;
}

/** @param {string} dir @returns {number} files of the kinds Electronegativity parses */
function countSources(dir) {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(?:[cm]?[jt]sx?|html?)$/i.test(entry.name)) count += 1;
  }
  return count;
}

/** @param {unknown} value @returns {value is ScanResult} */
function isScanResult(value) {
  if (typeof value !== 'object' || value === null) return false;
  const r = /** @type {Record<string, unknown>} */ (value);
  return Array.isArray(r.issues) && Array.isArray(r.errors) && typeof r.atomicChecks === 'number' && typeof r.globalChecks === 'number';
}

/** @param {Finding} issue */
function acceptance(issue) {
  return ACCEPTED.find((a) => a.id === issue.id && a.file === issue.file);
}

/** @returns {Promise<{ result: unknown, sources: number, input: string }>} */
async function scan() {
  const exported = /** @type {unknown} */ (require('@doyensec/electronegativity'));
  if (typeof exported !== 'function') throw new Error('@doyensec/electronegativity does not export run()');
  const run = /** @type {Run} */ (exported);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  try {
    const input = stage(tmp);
    const sources = countSources(input);
    if (sources === 0) throw new Error('nothing to scan');
    // The library picks its description language from LANG; keep the report in English.
    process.env.LANG = 'en-US';
    const result = await run({
      input,
      // Not `electronVersion` as its README says: run() reads electronVersionOverride.
      electronVersionOverride: ELECTRON_VERSION,
      isRelative: true,
      customScan: [],
      excludeFromScan: [],
      parserPlugins: [],
    });
    return { result, sources, input };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the scan did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  const { result, sources, input } = await Promise.race([scan(), timeout]).finally(() => clearTimeout(timer));

  if (!isScanResult(result)) throw new Error('the scan returned no report');
  if (result.atomicChecks === 0 || result.globalChecks === 0) {
    throw new Error(`the scan loaded no checks (atomic ${result.atomicChecks}, global ${result.globalChecks})`);
  }

  console.log(
    `\nElectronegativity (Electron ${ELECTRON_VERSION}): ${sources} files, ` +
      `${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${result.issues.length} findings\n`,
  );

  let failed = false;
  for (const issue of result.issues) {
    const severity = issue.severity?.name;
    const confidence = issue.confidence?.name;
    if (typeof severity !== 'string' || typeof confidence !== 'string' || typeof issue.id !== 'string') {
      throw new Error(`unreadable finding: ${JSON.stringify(issue)}`);
    }
    const escalated = ESCALATED.some((e) => e.id === issue.id && e.confidence === confidence);
    const accepted = escalated ? undefined : acceptance(issue);
    const serious = escalated || FAILING_SEVERITIES.has(severity);
    const verdict = serious && !accepted ? 'FAIL' : accepted ? 'accepted' : 'info';
    if (verdict === 'FAIL') failed = true;

    const where = `${issue.file}:${issue.location?.line ?? 0}`;
    const review = issue.manualReview ? ' (review)' : '';
    console.log(`${verdict.padEnd(8)}  ${`${severity}/${confidence}`.padEnd(20)}  ${issue.id.padEnd(40)}  ${where}`);
    console.log(`          ${issue.description}${review}`);
    if (accepted) console.log(`          accepted: ${accepted.reason}`);
  }

  for (const error of result.errors) {
    const file = path.relative(input, String(error.file));
    // Tolerable errors are parser warnings on a file that was still scanned.
    if (error.tolerable) {
      console.log(`warning: ${file}: ${error.message}`);
    } else {
      console.error(`NOT SCANNED: ${file}: ${error.message}`);
      failed = true;
    }
  }

  if (failed) {
    console.error('\nElectronegativity: FAILED (findings marked FAIL or files NOT SCANNED above)');
    process.exitCode = 1;
  } else {
    console.log('\nElectronegativity: passed (no HIGH/MEDIUM findings beyond the accepted ones)');
  }
}

main().catch((error) => {
  console.error(`Electronegativity: the scan did not run: ${error instanceof Error ? error.message : String(error)}`);
  // Exit now: a timed-out scan may still hold open network requests.
  process.exit(1);
});
