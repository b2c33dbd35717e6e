import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

// What the accessibility and layout checks share: the axe rule set, the two screen sizes every page is
// checked at, and a readable account of what axe found.

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
export const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

export type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];

/** axe on the whole page with AXE_TAGS. */
export function auditPage(page: Page): ReturnType<AxeBuilder['analyze']> {
  return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
}

/** One line per rule, then every node with its (shadow-piercing) target, HTML and what to fix. */
export function describeViolations(violations: Violations): string {
  return violations
    .map((v) =>
      [
        `${v.id} [${v.impact}] ${v.help} (${v.helpUrl})`,
        ...v.nodes.map(
          (n) => `  - ${JSON.stringify(n.target)}\n    ${n.html}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
}
