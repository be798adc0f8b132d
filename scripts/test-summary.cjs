// Adds up the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed".
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [dir, failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
// The failed tests by name, so a log that keeps only its tail still says what to look at.
const failures = [];
// Playwright's messages carry terminal colours.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim() !== '') ?? '';

function readReport(name) {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

for (const name of ['unit.json', 'integration.json', 'lab.json', 'lab-stack.json', 'lab-teardown.json']) {
  const report = readReport(name);
  if (!report) continue;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      failures.push(`${path.relative(process.cwd(), file.name)} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')) {
      failures.push(`${path.relative(process.cwd(), file.name)}: ${firstLine(file.message)}`);
    }
  }
}

// Playwright: the e2e suite, the console image against the stack, and the console against the lab (tests/lab/run).
for (const name of ['e2e.json', 'image-e2e.json', 'lab-e2e.json']) {
  const report = readReport(name);
  if (!report) continue;
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  collectPlaywrightFailures(report.suites ?? [], []);
}

function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const lastResult = test.results?.[test.results.length - 1];
        failures.push(`${[...here, spec.title].join(' › ')}: ${firstLine(lastResult?.error?.message).replace(ANSI_COLOUR, '')}`);
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], here);
  }
}

if (failures.length) console.log(`\nfailed tests:\n${failures.map((line) => `  ✗ ${line.slice(0, 300)}`).join('\n')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || Number(failedSteps) > 0 || passed === 0 ? 1 : 0);
