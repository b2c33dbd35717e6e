/* Bench runners on the partner page, driven by bench/run.mjs through page.evaluate. Each run is timed
 * with performance.now() from the first line of partner code (new scDK / new iframe) to the settled
 * result, so cold runs include the iframe, the platform page load and the handshake. */
(function () {
  'use strict';

  var SCDK_METHODS = { logout: 'brokerLogout', session: 'getSession' };
  var PENPAL_CHILD_PATH = '/bench/penpal-child.html';
  /** penpal waits forever by default; give its handshake the same limit as scdk's default timeoutMs. */
  var PENPAL_CONNECT_TIMEOUT_MS = 5000;
  /** A modal that has not painted after this long counts as a failed run. */
  var PAINT_TIMEOUT_MS = 5000;
  /** The UI chunk of the script-tag build, whatever URL it is loaded from. */
  var UI_CHUNK_PATTERN = /\/scdk-ui\.js(\?|$)/;

  function describeError(error) {
    return { code: error && error.code, message: String(error && error.message) };
  }

  /** Runs `call` and returns { ms, value } or { ms, error }: the bench reports failures instead of stopping. */
  async function timed(start, call) {
    try {
      var value = await call();
      return { ms: performance.now() - start, value: value };
    } catch (error) {
      return { ms: performance.now() - start, error: describeError(error) };
    }
  }

  // scdk: what a partner writes.
  function createScdk(setup, preload, uiUrl) {
    var config = { platformUrl: setup.platformOrigin, preload: preload === true };
    if (uiUrl) config.uiUrl = uiUrl;
    return new window.scDK({ gateway: 'demo', smallcaseAuthToken: setup.token, config: config });
  }
  var warmScdk = null;

  var scdk = {
    async cold(op, setup) {
      var start = performance.now();
      var instance = createScdk(setup);
      var result = await timed(start, function () { return instance[SCDK_METHODS[op]](); });
      instance.destroy();
      return result;
    },
    async warmUp(setup) {
      warmScdk = createScdk(setup);
      await warmScdk.getSession();
    },
    warm(op) {
      return timed(performance.now(), function () { return warmScdk[SCDK_METHODS[op]](); });
    },
    tearDown() {
      if (warmScdk) warmScdk.destroy();
      warmScdk = null;
    },
  };

  // penpal: the usual way to reach a cross-origin child with it (README "Usage with an Iframe").
  function connectPenpal(setup) {
    var iframe = document.createElement('iframe');
    iframe.hidden = true;
    iframe.src = setup.platformOrigin + PENPAL_CHILD_PATH + '?parentOrigin=' + encodeURIComponent(location.origin);
    document.body.appendChild(iframe);
    var connection = window.Penpal.connect({
      messenger: new window.Penpal.WindowMessenger({ remoteWindow: iframe.contentWindow, allowedOrigins: [setup.platformOrigin] }),
      timeout: PENPAL_CONNECT_TIMEOUT_MS,
    });
    var close = function () {
      connection.destroy();
      iframe.remove();
    };
    return connection.promise.then(
      function (remote) { return { remote: remote, close: close }; },
      function (error) { close(); throw error; },
    );
  }
  var warmPenpal = null;

  var penpal = {
    async cold(op, setup) {
      var start = performance.now();
      var link = null;
      var result = await timed(start, async function () {
        link = await connectPenpal(setup);
        return link.remote[op](setup.token);
      });
      if (link) link.close();
      return result;
    },
    async warmUp(setup) {
      warmPenpal = await connectPenpal(setup);
      await warmPenpal.remote.session(setup.token);
    },
    warm(op, setup) {
      return timed(performance.now(), function () { return warmPenpal.remote[op](setup.token); });
    },
    tearDown() {
      if (warmPenpal) warmPenpal.close();
      warmPenpal = null;
    },
  };

  var libraries = { scdk: scdk, penpal: penpal };
  /** The instance prepareSwitcher readied for the next switcherPaint. */
  var switcherInstance = null;

  /** Resolves after the frame that shows `node` has been produced: rAF runs before paint, a task queued from it after. */
  function afterNextPaint() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(null);
      });
    });
  }

  /**
   * The first node added (`list` 'addedNodes') or removed ('removedNodes') anywhere in the document that
   * `matches`; null after PAINT_TIMEOUT_MS.
   */
  function nextMutatedNode(list, matches) {
    return new Promise(function (resolve) {
      var timer = setTimeout(function () {
        observer.disconnect();
        resolve(null);
      }, PAINT_TIMEOUT_MS);
      var observer = new MutationObserver(function (records) {
        for (var i = 0; i < records.length; i++) {
          var nodes = records[i][list];
          for (var j = 0; j < nodes.length; j++) {
            if (matches(nodes[j])) {
              observer.disconnect();
              clearTimeout(timer);
              resolve(nodes[j]);
              return;
            }
          }
        }
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
    });
  }

  /** The first element added that is not the bridge iframe or the <script> that loads the UI chunk: the modal's host. */
  function nextUiNode() {
    return nextMutatedNode('addedNodes', function (node) {
      return node.nodeType === Node.ELEMENT_NODE && node.nodeName !== 'IFRAME' && node.nodeName !== 'SCRIPT';
    });
  }

  /**
   * Resolves true once the UI chunk's loader is done: it removes its <script> when the chunk has run (or
   * failed, which the open then reports); false after PAINT_TIMEOUT_MS. Call before the instance exists.
   */
  function uiChunkLoaded() {
    return nextMutatedNode('removedNodes', function (node) {
      return node.nodeName === 'SCRIPT' && UI_CHUNK_PATTERN.test(node.src);
    }).then(Boolean);
  }

  /** Opens the switcher, waits for its first paint, closes it with Escape and waits for the 1010 rejection. */
  async function openAndClose(instance) {
    var appeared = nextUiNode();
    var closed = instance.openAccountSwitcher().then(
      function () { throw new Error('the switcher resolved instead of rejecting 1010 on Escape'); },
      function (error) { if (error.code !== 1010) throw error; },
    );
    closed.catch(function () {}); // awaited below; a failure before then is reported by the throw that skips it
    var host = await appeared;
    var dialog = host && host.shadowRoot && host.shadowRoot.querySelector('[role=dialog]');
    if (!dialog) throw new Error('the first open showed no dialog within ' + PAINT_TIMEOUT_MS + ' ms');
    await afterNextPaint();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await closed;
  }

  window.bench = {
    run: function (library, op, mode, setup) {
      return libraries[library][mode](op, setup);
    },
    warmUp: function (library, setup) {
      return libraries[library].warmUp(setup);
    },
    tearDown: function (library) {
      libraries[library].tearDown();
    },
    hasAccountSwitcher: function (setup) {
      var instance = createScdk(setup);
      var present = typeof instance.openAccountSwitcher === 'function';
      instance.destroy();
      return present;
    },
    /**
     * Readies an instance for switcherPaint, untimed. `cold`: a new instance on a new page (bench/calls.mjs),
     * so the UI chunk is fetched (from `uiUrl`, a URL no cache holds) and run inside the timing.
     * `prefetched`: a `preload` instance whose idle prefetch has finished and whose bridge is ready. `warm`:
     * the same after one open closed with Escape, so the timed open is the instance's second.
     * Resolves null, or the failure as { ms, error }.
     */
    async prepareSwitcher(setup, mode, uiUrl) {
      var prefetchDone = mode === 'prefetched' ? uiChunkLoaded() : null;
      switcherInstance = createScdk(setup, mode !== 'cold', uiUrl);
      try {
        if (prefetchDone && !(await prefetchDone)) throw new Error('the idle prefetch of the UI did not finish within ' + PAINT_TIMEOUT_MS + ' ms');
        if (mode !== 'cold') await switcherInstance.getSession();
        if (mode === 'warm') await openAndClose(switcherInstance);
        return null;
      } catch (error) {
        switcherInstance.destroy();
        switcherInstance = null;
        return { ms: 0, error: describeError(error) };
      }
    },
    /**
     * openAccountSwitcher() on the prepared instance to the modal's first paint, then destroys it. Its own
     * call from the driver, as a user's click would be: not lined up with the frame the preparation ended on.
     */
    async switcherPaint() {
      var instance = switcherInstance;
      switcherInstance = null;
      var appeared = nextUiNode();
      var start = performance.now();
      var result = await timed(start, async function () {
        instance.openAccountSwitcher().catch(function () {}); // settles when the user closes it; destroy() ends it here
        if (!(await appeared)) throw new Error('no modal node appeared within ' + PAINT_TIMEOUT_MS + ' ms');
        await afterNextPaint();
      });
      instance.destroy();
      return result;
    },
  };
})();
