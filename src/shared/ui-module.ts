import type * as Ui from '../ui/index';

/** What the UI half exports: what the loader hands to the SDK. */
export type UiModule = typeof Ui;

/**
 * The property the script-tag UI chunk sets on its own `<script>` element (`document.currentScript`) when
 * that element carries its build id: only the loader that created the element reads it, so two copies or
 * two versions of scdk on one page never hand each other a UI.
 */
export const UI_EXPANDO = 'scdkUi';

/** The data attribute (dataset key) holding the loader's build id on the chunk's `<script>` element. */
export const UI_BUILD_ATTRIBUTE = 'scdkBuild';

/** How the SDK asks for the UI: where the chunk is (script tag only), its nonce, and the call's time left. */
export interface UiLoadOptions {
  uiUrl: string | undefined;
  nonce: string | undefined;
  timeoutMs: number;
}
