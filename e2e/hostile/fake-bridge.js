/* A look-alike bridge on an origin the SDK was (mis)configured to trust through config.platformUrl.
 * It keeps the first connect's port and records what arrives on it. By default the test decides every
 * answer (frame.evaluate), so it can feed the SDK fuzzed handshake replies and responses. When the page
 * carries window.fakeBridgeAnswer, it says ready as soon as it is connected and answers each request with it. */
(function () {
  'use strict';
  var state = { windowMessages: 0, connect: null, port: null, received: [] };
  window.fakeBridge = state;
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent) return;
    state.windowMessages++;
    var data = event.data;
    if (state.port || !event.ports[0] || !data || data.type !== 'connect') return;
    state.connect = { data: data, origin: event.origin };
    state.port = event.ports[0];
    var answer = window.fakeBridgeAnswer;
    state.port.onmessage = function (message) {
      state.received.push(message.data);
      var request = message.data;
      if (answer && request && request.type === 'request') {
        state.port.postMessage({ ns: 'scdk', v: 1, type: 'response', id: request.id, ok: true, result: answer });
      }
    };
    if (answer) state.port.postMessage({ ns: 'scdk', v: 1, type: 'ready', storage: 'available' });
  });
})();
