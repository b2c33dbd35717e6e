/* The penpal baseline's platform side: the same two platform API calls the scdk bridge makes, and
 * nothing else (no storage probe, no cookie clean-up), so it stands for the floor of a round trip. */
(function () {
  'use strict';

  var GATEWAY = 'demo';
  var LOGOUT_API_PATH = '/scdk/v1/logout';
  var SESSION_API_PATH = '/scdk/v1/session';
  // The bench passes the partner origin in the URL; a real platform would render its allowlist into the page.
  var parentOrigin = new URLSearchParams(location.search).get('parentOrigin');

  function post(path, token) {
    return fetch(path, {
      method: 'POST',
      credentials: 'include',
      cache: 'no-store',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ gateway: GATEWAY, token: token }),
    }).then(function (response) {
      return response.json();
    });
  }

  window.Penpal.connect({
    messenger: new window.Penpal.WindowMessenger({ remoteWindow: window.parent, allowedOrigins: [parentOrigin] }),
    methods: {
      logout: function (token) {
        return post(LOGOUT_API_PATH, token);
      },
      session: function (token) {
        return post(SESSION_API_PATH, token);
      },
    },
  });
})();
