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
  function createScdk(setup, preload) {
    return new window.scDK({
      gateway: 'demo',
      smallcaseAuthToken: setup.token,
      config: { platformUrl: setup.platformOrigin, preload: preload === true },
    });
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

  /** The first element added anywhere in the document that is not the bridge iframe: the modal's host. */
  function nextUiNode() {
    return new Promise(function (resolve) {
      var timer = setTimeout(function () {
        observer.disconnect();
        resolve(null);
      }, PAINT_TIMEOUT_MS);
      var observer = new MutationObserver(function (records) {
        for (var i = 0; i < records.length; i++) {
          var nodes = records[i].addedNodes;
          for (var j = 0; j < nodes.length; j++) {
            if (nodes[j].nodeType === Node.ELEMENT_NODE && nodes[j].nodeName !== 'IFRAME') {
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
    /** openAccountSwitcher() to the modal's first paint; `warm` opens it on an instance whose bridge is ready. */
    async switcherPaint(setup, mode) {
      var instance = createScdk(setup, mode === 'warm');
      if (mode === 'warm') await instance.getSession();
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
