// Prints the closing line CI reads, `N passed, N failed, N skipped`, from vitest's JSON report.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-output/vitest.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`no test report at ${file}: the test run did not complete`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// Suites that fail to load count as failures even though they ran no test.
const failed =
  report.numFailedTests + (report.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(report);
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);

function countSuitesWithFailedTests(r) {
  return (r.testResults ?? []).filter((suite) =>
    (suite.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
}
