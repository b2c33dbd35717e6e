import type { UiLoadOptions, UiModule } from '../../shared/ui-module';

/**
 * The UI half for bundler users (ESM and CJS builds): a dynamic import(), so bundlers put Preact and the
 * switcher in a chunk of their own that loads on first use. The script-tag build swaps this module for
 * ./load-ui-script.ts (rollup.config.mjs).
 */
export function loadUi(_options: UiLoadOptions): Promise<UiModule> {
  return import('../../ui/index');
}
