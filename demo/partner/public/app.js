/* Partner demo page logic. Loaded after /demo-config.js (window.DEMO_CONFIG) and /scdk.umd.js (window.scDK). */
(function () {
  'use strict';

  /** The platform origin the SDK uses when config.platformUrl is not given. */
  const DEFAULT_PLATFORM_URL = 'http://127.0.0.1:5174';
  const GATEWAY = 'demo';
  const TOKEN_ENDPOINT = '/api/token';
  const SMALLCASE_AUTH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
  const MAX_LOG_ENTRIES = 50;

  const platformUrl = (window.DEMO_CONFIG && window.DEMO_CONFIG.platformUrl) || DEFAULT_PLATFORM_URL;

  const authIdInput = document.getElementById('auth-id');
  const logList = document.getElementById('log');
  const statusLine = document.getElementById('status');
  const actionButtons = Array.prototype.slice.call(document.querySelectorAll('.actions button'));

  /**
   * The live SDK instances, each with the token key it was made with, replaced when that changes:
   * `connected` is the demo user's and owns the embedded switch button; `probe` runs the guest and
   * expired-token demos, so they never replace (and unmount) the connected one.
   */
  const instances = { connected: null, probe: null }; // slot -> { key: string, scGateway: scDK }
  /** Tokens already fetched, by kind and user, so repeated clicks reuse the same instance. */
  const tokens = new Map();

  function showPlatformLinks() {
    document.getElementById('platform-login').href = platformUrl + '/login?gateway=' + GATEWAY;
    document.getElementById('platform-home').href = platformUrl + '/';
    document.getElementById('platform-origin').textContent = platformUrl;
    showLinkedLogin();
  }

  /** Points the linked login at the user in the field, so that session is theirs (full id, own: true). */
  function showLinkedLogin() {
    const id = authIdInput.value.trim();
    if (!SMALLCASE_AUTH_ID_PATTERN.test(id)) return;
    const query = new URLSearchParams({ gateway: GATEWAY, smallcaseAuthId: id });
    document.getElementById('platform-login-linked').href = platformUrl + '/login?' + query;
    document.getElementById('linked-user').textContent = id;
  }

  // ---- results log ----

  function addLogEntry(title, outcome, isError, lines, summary) {
    const item = document.createElement('li');
    item.className = isError ? 'entry-error' : 'entry-ok';

    const heading = document.createElement('div');
    const name = document.createElement('span');
    name.className = 'entry-title';
    name.textContent = title + ': ';
    const result = document.createElement('span');
    result.className = 'entry-outcome';
    result.textContent = outcome;
    const time = document.createElement('time');
    time.className = 'entry-time';
    time.dateTime = new Date().toISOString();
    time.textContent = new Date().toLocaleTimeString();
    heading.append(name, result, time);
    item.append(heading);

    if (lines.length > 0) {
      const body = document.createElement('p');
      body.className = 'entry-body';
      body.textContent = lines.join('\n');
      item.append(body);
    }
    logList.prepend(item);
    showStatus(title + ': ' + outcome + (summary ? ' ' + summary : ''), isError);
    while (logList.children.length > MAX_LOG_ENTRIES) logList.lastElementChild.remove();
  }

  /** The newest result, beside the buttons where the user is looking; also announced (role=status). */
  function showStatus(text, isError) {
    statusLine.className = 'status ' + (isError ? 'status-error' : 'status-ok');
    statusLine.textContent = text;
  }

  function logSuccess(title, value) {
    addLogEntry(title, 'ok', false, [JSON.stringify(value, null, 2)], JSON.stringify(value));
  }

  function logError(title, error) {
    const code = error && error.code !== undefined ? error.code : '—';
    const message = error && error.message ? error.message : String(error);
    const lines = ['code: ' + code, 'message: ' + message];
    if (error && error.detail) lines.push('detail: ' + error.detail);
    addLogEntry(title, 'error ' + code + ' ' + message, true, lines);
  }

  // ---- tokens and the SDK instance ----

  function readAuthId() {
    const value = authIdInput.value.trim();
    const valid = SMALLCASE_AUTH_ID_PATTERN.test(value);
    authIdInput.setAttribute('aria-invalid', valid ? 'false' : 'true');
    if (!valid) {
      authIdInput.focus();
      throw demoError('smallcaseAuthId must be 1 to 64 letters, digits, "_" or "-".');
    }
    return value;
  }

  /** Errors of the demo page itself (not the SDK), shaped like the SDK's for the log. */
  function demoError(detail) {
    return { message: 'demo_page_error', detail: detail };
  }

  async function fetchToken(query) {
    const response = await fetch(TOKEN_ENDPOINT + '?' + new URLSearchParams(query), { cache: 'no-store' });
    const body = await response.json().catch(function () { return null; });
    if (!response.ok || !body || typeof body.token !== 'string') {
      const detail = body && body.error ? body.error.detail : 'HTTP ' + response.status;
      throw demoError('The demo backend did not sign a token: ' + detail);
    }
    return body.token;
  }

  async function tokenFor(key, query) {
    if (!tokens.has(key)) tokens.set(key, await fetchToken(query));
    return tokens.get(key);
  }

  function sdkConfig() {
    // Only pass platformUrl when this demo runs on other ports than the SDK's default.
    return platformUrl === DEFAULT_PLATFORM_URL ? { amo: true } : { amo: true, platformUrl: platformUrl };
  }

  /** Returns the slot's SDK instance for this token, making it (and destroying the slot's previous one) if needed. */
  async function instanceFor(user) {
    const current = instances[user.slot];
    if (current && current.key === user.key) return current.scGateway;
    const token = await tokenFor(user.key, user.query);
    if (typeof window.scDK !== 'function') {
      throw demoError('window.scDK is missing: /scdk.umd.js did not load. Run npm run build, then reload.');
    }
    if (instances[user.slot]) instances[user.slot].scGateway.destroy();
    instances[user.slot] = null;
    const scGateway = new scDK({ gateway: GATEWAY, smallcaseAuthToken: token, config: sdkConfig() });
    instances[user.slot] = { key: user.key, scGateway: scGateway };
    // The embedded button belongs to the connected user's instance; destroy() removes it with the rest.
    if (user.slot === 'connected') scGateway.mountSwitchButton('#switch-slot');
    return scGateway;
  }

  function connectedUser() {
    const id = readAuthId();
    return { slot: 'connected', key: 'connected:' + id, query: { smallcaseAuthId: id } };
  }

  function expiredUser() {
    const id = readAuthId();
    return { slot: 'probe', key: 'expired:' + id, query: { smallcaseAuthId: id, expired: 'true' } };
  }

  function guestUser() {
    return { slot: 'probe', key: 'guest', query: { guest: 'true' } };
  }

  // ---- actions ----

  /** Runs one button's action with the buttons disabled, logging the outcome. */
  async function run(title, pickUser, call) {
    actionButtons.forEach(function (button) { button.disabled = true; });
    try {
      const scGateway = await instanceFor(pickUser());
      logSuccess(title, await call(scGateway));
    } catch (error) {
      logError(title, error);
    } finally {
      actionButtons.forEach(function (button) { button.disabled = false; });
    }
  }

  function brokerLogout(scGateway) {
    return scGateway.brokerLogout();
  }

  function getSession(scGateway) {
    return scGateway.getSession();
  }

  function openAccountSwitcher(scGateway) {
    return scGateway.openAccountSwitcher();
  }

  function on(id, title, pickUser, call) {
    document.getElementById(id).addEventListener('click', function () {
      run(title, pickUser, call);
    });
  }

  showPlatformLinks();
  on('logout', 'Log out from broker', connectedUser, brokerLogout);
  on('switch-account', 'Account switcher', connectedUser, openAccountSwitcher);
  on('check-session', 'Check session', connectedUser, getSession);
  on('logout-guest', 'Log out as guest', guestUser, brokerLogout);
  on('logout-expired', 'Log out with an expired token', expiredUser, brokerLogout);
  document.getElementById('clear-log').addEventListener('click', function () {
    logList.replaceChildren();
  });
  authIdInput.addEventListener('input', showLinkedLogin);

  if (typeof window.scDK === 'function') {
    // Shows the embedded button at once, as a partner page would.
    instanceFor(connectedUser()).catch(function (error) {
      logError('Page load', error);
    });
  } else {
    logError('Page load', demoError('window.scDK is missing: /scdk.umd.js did not load. Run npm run build, then reload.'));
  }
})();
