// What a partner page holds, as exact counts, for leak checks that compare the page with itself after
// repeated use: DOM nodes, documents and JS event listeners of its renderer (CDP Memory.getDOMCounters,
// after forced garbage collection, so that a node or listener nothing holds any more is not counted), the
// event listeners on window and on document by type (CDP DOMDebugger.getEventListeners, which names what
// leaked), the page's frames and the context's windows. No heap sizes: those wobble (see bench/leaks.mjs).
import type { CDPSession, Page } from '@playwright/test';

export interface PageCounts {
  nodes: number;
  documents: number;
  jsEventListeners: number;
  /** `type` or `type (capture)`, sorted. */
  windowListeners: string[];
  documentListeners: string[];
  frames: number;
  windows: number;
}

/** Collections before counting: a second one frees what the first one's finalizers let go. */
const GC_ROUNDS = 3;
const OBJECT_GROUP = 'scdk-e2e-page-counts';

/** The listeners on the page's `window` or `document` (main world), as `type` or `type (capture)`. */
async function listenersOn(cdp: CDPSession, target: 'window' | 'document'): Promise<string[]> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: target, objectGroup: OBJECT_GROUP });
  try {
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    return listeners.map((l) => (l.useCapture ? `${l.type} (capture)` : l.type)).sort();
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
  }
}

/** Counts what `page` holds now. `cdp` is a CDP session of that page (context.newCDPSession(page)). */
export async function pageCounts(page: Page, cdp: CDPSession): Promise<PageCounts> {
  for (let i = 0; i < GC_ROUNDS; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { nodes, documents, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  return {
    nodes,
    documents,
    jsEventListeners,
    windowListeners: await listenersOn(cdp, 'window'),
    documentListeners: await listenersOn(cdp, 'document'),
    frames: page.frames().length,
    windows: page.context().pages().length,
  };
}
