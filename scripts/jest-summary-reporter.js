/**
 * Jest reporter that ends the run with one plain line, `jest: N passed, N failed, N skipped`, the
 * closing-line format CI log readers recognise for any test runner.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`);
  }
}
module.exports = SummaryReporter;
