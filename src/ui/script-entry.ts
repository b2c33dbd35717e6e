// Entry of dist/scdk-ui.js, the UI chunk the script-tag build loads on first use. It defines no global:
// it hands its exports to the <script> element that loaded it, and only if that element carries this
// build's id, so a chunk never runs for a loader of another build.
import * as ui from './index';
import { UI_BUILD_ATTRIBUTE, UI_EXPANDO } from '../shared/ui-module';

declare const __SCDK_BUILD__: string;

const script = document.currentScript as (HTMLScriptElement & Record<string, unknown>) | null;
if (script && script.dataset[UI_BUILD_ATTRIBUTE] === __SCDK_BUILD__) script[UI_EXPANDO] = ui;
