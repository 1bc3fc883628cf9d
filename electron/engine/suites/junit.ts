// JUnit XML for CI systems (Jenkins, GitLab, GitHub's test reporters): one <testsuite>, one
// <testcase> per case, a <failure> with every failed expectation.
import type { SuiteReport } from '../../contract/suites';

// XML 1.0 cannot carry most control characters, even escaped: they are replaced.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(suiteName: string, report: SuiteReport): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hookscope" tests="${report.cases.length}" failures="${report.failed}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${xmlEscape(suiteName)}" tests="${report.cases.length}" failures="${report.failed}" errors="0" time="${seconds(report.durationMs)}">`,
  ];
  for (const result of report.cases) {
    const open = `    <testcase classname="${xmlEscape(suiteName)}" name="${xmlEscape(result.name)}" time="${seconds(result.ms)}"`;
    if (result.ok) {
      lines.push(`${open}/>`);
      continue;
    }
    const message = result.failures[0] ?? 'failed';
    lines.push(`${open}>`);
    lines.push(
      `      <failure message="${xmlEscape(message)}" type="expectation">${xmlEscape(
        [
          ...result.failures,
          '',
          `answer status: ${result.status ?? 'none'}`,
          result.answer.bodyPreview,
        ].join('\n'),
      )}</failure>`,
    );
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
