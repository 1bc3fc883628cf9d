// Replay suites (issue 16): captured deliveries as tests a CI job runs against a receiver.
export { createSuite, DEFAULT_MAX_MS, type CreateSuiteOptions } from './create-suite';
export { junitXml } from './junit';
export { parseSuite, serializeSuite, SuiteFileError } from './suite-file';
export { openSuiteBook, type SuiteBook } from './suite-book';
export { retryPolicyOf, MAX_SUITE_RETRIES } from './provider-retries';
export { prepareCases, runSuite, SuiteRunError, type RunSuiteOptions } from './run-suite';
