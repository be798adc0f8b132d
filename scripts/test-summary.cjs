// Adds up the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed".
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [dir, failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

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
}

// Playwright: the e2e suite, the console image against the stack, and the console against the lab (tests/lab/run).
for (const name of ['e2e.json', 'image-e2e.json', 'lab-e2e.json']) {
  const report = readReport(name);
  if (!report) continue;
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
}

console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || Number(failedSteps) > 0 || passed === 0 ? 1 : 0);
