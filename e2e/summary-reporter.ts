import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** How many of the slowest tests the summary lists, so the suite's time budget stays visible in every log. */
const SLOWEST_SHOWN = 10;

interface Outcome {
  status: TestResult['status'];
  title: string;
  project: string;
  durationMs: number;
}

/**
 * Prints, at the end of a run: the slowest tests, the test time spent per project (cookie world; summed
 * over workers, so it can exceed the wall clock), the wall clock and the worker count, and one plain
 * closing line, "N passed, N failed, N skipped", that any CI log reader understands.
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, Outcome>();
  private workers = 0;
  private pass = '';

  onBegin(config: FullConfig): void {
    this.workers = config.workers;
    this.pass = process.env.SCDK_PASS ? ` (${process.env.SCDK_PASS} pass)` : '';
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const [, project, file] = test.titlePath();
    const location = `${file}:${test.location.line}`;
    // A retried test keeps its last result; durations add up so the per-project time stays true.
    const durationMs = (this.outcomes.get(test.id)?.durationMs ?? 0) + result.duration;
    this.outcomes.set(test.id, { status: result.status, title: `${location} ${test.title}`, project, durationMs });
  }

  onEnd(result: FullResult): void {
    const all = [...this.outcomes.values()];
    const slowest = all
      .filter((outcome) => outcome.status !== 'skipped')
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, SLOWEST_SHOWN);
    if (slowest.length) {
      console.log(`\nSlowest ${slowest.length} tests:`);
      for (const { durationMs, project, title } of slowest) console.log(`  ${seconds(durationMs)}  [${project}] ${title}`);
    }
    const perProject = new Map<string, number>();
    for (const { project, durationMs } of all) perProject.set(project, (perProject.get(project) ?? 0) + durationMs);
    if (perProject.size) {
      console.log('\nTime per project:');
      for (const [project, durationMs] of perProject) console.log(`  ${seconds(durationMs)}  ${project}`);
    }
    console.log(`\nWall clock${this.pass}: ${seconds(result.duration).trim()} on ${this.workers} worker${this.workers === 1 ? '' : 's'}`);
    const count = (test: (status: TestResult['status']) => boolean) => all.filter(({ status }) => test(status)).length;
    const passed = count((status) => status === 'passed');
    const skipped = count((status) => status === 'skipped');
    console.log(`\n${passed} passed, ${all.length - passed - skipped} failed, ${skipped} skipped`);
  }

  printsToStdio(): boolean {
    return true;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).padStart(6)} s`;
}
