// The conformance report as text for a terminal or a CI log: one line per check, its detail and citation below.
import type { ConformanceReport } from './types';

const LABEL = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

export function formatReport(report: ConformanceReport): string {
  const lines = [`scdk conformance: ${report.platform}, gateway "${report.gateway}"`, ''];
  for (const check of report.checks) {
    lines.push(`${LABEL[check.status]}  ${check.id}  ${check.title}`);
    if (check.status !== 'pass' || check.detail) lines.push(`      ${check.detail}`);
    lines.push(`      verifies: ${check.cites}`);
  }
  const { pass, warn, fail } = report.counts;
  lines.push('', `${pass} passed, ${warn} warned, ${fail} failed: ${report.ok ? 'conforms' : 'does NOT conform'}`);
  return `${lines.join('\n')}\n`;
}
