// The conformance check as a function, for `scdk/server` (the bin is cli.ts).
export { runConformance, CONFORMANCE_CHECKS } from './run-conformance';
export { formatReport } from './format-report';
export type { CheckResult, CheckStatus, ConformanceOptions, ConformanceReport } from './types';
