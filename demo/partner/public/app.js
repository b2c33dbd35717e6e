/* Partner demo page logic. Loaded after /demo-config.js (window.DEMO_CONFIG) and /scdk.umd.js (window.scDK). */
(function () {
  'use strict';

  /** The platform origin the SDK uses when config.platformUrl is not given. */
  const DEFAULT_PLATFORM_URL = 'http://127.0.0.1:5174';
  const GATEWAY = 'demo';
  const TOKEN_ENDPOINT = '/api/token';
  const SMALLCASE_AUTH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
  const MAX_LOG_ENTRIES = 50;
  /** The mock platform's fault switch (demo/platform/fault-routes.mjs); it trusts this page's origin. */
  const FAULTS_PATH = '/__test/faults';
  /** Gateways for the "mistake" settings: one the platform does not know, one registered for another partner. */
  const UNKNOWN_GATEWAY = 'no-such-gateway';
  const OTHER_PARTNER_GATEWAY = 'partner-b';

  /** The settings panel's SDK settings, kept in the address bar so they survive a redirect logout and a reload. */
  const DEFAULT_SETTINGS = Object.freeze({ fallback: 'popup', embedded: 'detect', locale: 'en', timeoutMs: 5000, mistake: 'none', formAction: 'any' });
  const SETTING_VALUES = Object.freeze({
    fallback: ['popup', 'redirect', 'none', 'auto'],
    embedded: ['detect', 'yes'],
    formAction: ['any', 'self'],
    locale: ['en', 'hi'],
    mistake: ['none', 'unknown-gateway', 'other-partner', 'bad-signature', 'not-a-jwt', 'config-typo', 'bad-ui-url'],
  });
  const MIN_TIMEOUT_MS = 100;
  const MAX_TIMEOUT_MS = 120000;
  const DEFAULT_FAULTS = Object.freeze({ bridge: 'ok', api: 'ok', frameAncestors: 'on' });
  const UI_UNAVAILABLE = 5007;
  /** How the embedded switch button's results are titled in "3. Results". */
  const SWITCH_BUTTON_TITLE = 'Switch button';

  const platformUrl = (window.DEMO_CONFIG && window.DEMO_CONFIG.platformUrl) || DEFAULT_PLATFORM_URL;

  const authIdInput = document.getElementById('auth-id');
  const logList = document.getElementById('log');
  const statusLine = document.getElementById('status');
  const actionButtons = Array.prototype.slice.call(document.querySelectorAll('#step-sdk ~ .actions button'));
  const settingsForm = document.getElementById('settings-form');

  /**
   * The live SDK instances, each with the token key it was made with, replaced when that changes:
   * `connected` is the demo user's and owns the embedded switch button; `probe` runs the guest and
   * expired-token demos, so they never replace (and unmount) the connected one.
   */
  const instances = { connected: null, probe: null }; // slot -> { key: string, scGateway: scDK }
  /** Tokens already fetched, by kind and user, so repeated clicks reuse the same instance. */
  const tokens = new Map();
  /** The SDK settings in force; each "Apply settings" bumps `generation`, so every instance is made anew. */
  let settings = readSettingsFromUrl();
  let generation = 0;
  /** How many button calls are running (their errors are theirs to report). */
  let runs = 0;

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

  // ---- settings ----

  /** The settings in the address bar (?fallback=…&locale=…&timeoutMs=…&mistake=…); anything unknown is the default. */
  function readSettingsFromUrl() {
    const query = new URLSearchParams(location.search);
    const read = {};
    Object.keys(SETTING_VALUES).forEach(function (name) {
      const value = query.get(name);
      read[name] = SETTING_VALUES[name].indexOf(value) >= 0 ? value : DEFAULT_SETTINGS[name];
    });
    const timeoutMs = Number(query.get('timeoutMs'));
    read.timeoutMs = Number.isInteger(timeoutMs) && timeoutMs >= MIN_TIMEOUT_MS && timeoutMs <= MAX_TIMEOUT_MS
      ? timeoutMs
      : DEFAULT_SETTINGS.timeoutMs;
    return read;
  }

  /** Puts the settings that differ from the defaults into the address bar (no reload). */
  function writeSettingsToUrl(next) {
    const query = new URLSearchParams();
    Object.keys(DEFAULT_SETTINGS).forEach(function (name) {
      if (next[name] !== DEFAULT_SETTINGS[name]) query.set(name, String(next[name]));
    });
    const search = query.toString();
    history.replaceState(history.state, '', location.pathname + (search ? '?' + search : ''));
  }

  function fillSettingsForm(values, faults) {
    settingsForm.elements.fallback.value = values.fallback;
    settingsForm.elements.embedded.value = values.embedded;
    settingsForm.elements.locale.value = values.locale;
    settingsForm.elements.timeoutMs.value = String(values.timeoutMs);
    settingsForm.elements.mistake.value = values.mistake;
    settingsForm.elements.formAction.value = values.formAction;
    if (faults) fillFaultsForm(faults);
  }

  function fillFaultsForm(faults) {
    Object.keys(DEFAULT_FAULTS).forEach(function (name) {
      const select = settingsForm.elements[name];
      // A fault the panel does not offer (a test sets api: 'hold', say) shows as the default.
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === faults[name]; })
        ? faults[name]
        : DEFAULT_FAULTS[name];
    });
  }

  function readSettingsForm() {
    return {
      fallback: settingsForm.elements.fallback.value,
      embedded: settingsForm.elements.embedded.value,
      locale: settingsForm.elements.locale.value,
      timeoutMs: Number(settingsForm.elements.timeoutMs.value),
      mistake: settingsForm.elements.mistake.value,
      formAction: settingsForm.elements.formAction.value,
    };
  }

  function readFaultsForm() {
    const faults = {};
    Object.keys(DEFAULT_FAULTS).forEach(function (name) { faults[name] = settingsForm.elements[name].value; });
    return faults;
  }

  /** Talks to the mock platform's fault switch: GET reads it, POST changes it, DELETE resets it. */
  async function platformFaults(method, patch) {
    let response;
    try {
      response = await fetch(platformUrl + FAULTS_PATH, {
        method: method,
        cache: 'no-store',
        headers: patch ? { 'content-type': 'application/json' } : undefined,
        body: patch ? JSON.stringify(patch) : undefined,
      });
    } catch (error) {
      throw demoError('The mock platform\'s fault switch could not be reached: ' + error.message);
    }
    const body = await response.json().catch(function () { return null; });
    if (!response.ok || !body) {
      throw demoError('The mock platform\'s fault switch answered HTTP ' + response.status +
        (body && body.error ? ': ' + body.error.detail : '.'));
    }
    return body;
  }

  function describeSettings(values, faults) {
    return 'fallback ' + values.fallback + ', embedded ' + values.embedded + ', locale ' + values.locale + ', timeoutMs ' + values.timeoutMs +
      ', mistake ' + values.mistake + ', form-action ' + values.formAction + '; platform: bridge ' + faults.bridge + ', API ' + faults.api +
      ', frame-ancestors ' + faults.frameAncestors;
  }

  /** Applies new settings: the platform's faults first, then new SDK instances (the switch button is mounted again). */
  async function applySettings(next, faults) {
    // A CSP comes with the page, and a page loads its UI file once: those changes need a fresh page load.
    const reload = next.formAction !== settings.formAction ||
      (isPageWideMistake(next.mistake) && !isPageWideMistake(settings.mistake));
    settings = next;
    generation += 1;
    writeSettingsToUrl(next);
    const applied = await platformFaults('POST', faults);
    fillFaultsForm(applied);
    if (reload) return location.reload();
    if (instances.probe) instances.probe.scGateway.destroy();
    instances.probe = null;
    await instanceFor(connectedUser());
    addLogEntry('Settings', 'applied', false, [describeSettings(next, applied)], describeSettings(next, applied));
  }

  function onSettingsSubmit(event) {
    event.preventDefault();
    applySettings(readSettingsForm(), readFaultsForm()).catch(function (error) { logError('Settings', error); });
  }

  function onSettingsReset() {
    fillSettingsForm(DEFAULT_SETTINGS, DEFAULT_FAULTS);
    applySettings(Object.assign({}, DEFAULT_SETTINGS), Object.assign({}, DEFAULT_FAULTS))
      .catch(function (error) { logError('Settings', error); });
  }

  /** Shows the platform's faults as they are now (a test or another tab may have changed them). */
  function showPlatformFaults() {
    platformFaults('GET').then(fillFaultsForm, function (error) { logError('Platform faults', error); });
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

  /** The SDK options for these settings, with `mistake` (a partner's mistake, or 'none') built in. */
  function sdkOptions(token, values, mistake) {
    const config = { amo: true, fallback: values.fallback, locale: values.locale, timeoutMs: values.timeoutMs };
    if (values.embedded === 'yes') config.embedded = true;
    // Only pass platformUrl when this demo runs on other ports than the SDK's default.
    if (platformUrl !== DEFAULT_PLATFORM_URL) config.platformUrl = platformUrl;
    const options = { gateway: GATEWAY, smallcaseAuthToken: token, config: config };
    if (mistake === 'unknown-gateway' || mistake === 'other-partner') {
      // A gateway the SDK build does not know needs platformUrl; the platform then decides.
      options.gateway = mistake === 'unknown-gateway' ? UNKNOWN_GATEWAY : OTHER_PARTNER_GATEWAY;
      config.platformUrl = platformUrl;
    } else if (mistake === 'bad-signature') {
      options.smallcaseAuthToken = token.split('.').slice(0, 2).concat('bm90LXRoZS1zaWduYXR1cmU').join('.');
    } else if (mistake === 'not-a-jwt') {
      options.smallcaseAuthToken = 'not-a-jwt';
    } else if (mistake === 'config-typo') {
      config.timeout = config.timeoutMs;
      delete config.timeoutMs;
    } else if (mistake === 'bad-ui-url') {
      config.uiUrl = location.origin + '/no-such-folder/scdk-ui.js';
    }
    return options;
  }

  /** Returns the slot's SDK instance for this user, making it (and destroying the slot's previous one) if needed. */
  async function instanceFor(user) {
    const key = user.key + '|' + generation + '|' + user.mistake;
    const current = instances[user.slot];
    if (current && current.key === key) return current.scGateway;
    const token = await tokenFor(user.key, user.query);
    if (typeof window.scDK !== 'function') {
      throw demoError('window.scDK is missing: /scdk.umd.js did not load. Run npm run build, then reload.');
    }
    if (instances[user.slot]) instances[user.slot].scGateway.destroy();
    instances[user.slot] = null;
    const options = sdkOptions(token, settings, user.mistake);
    // The demo user's own instance keeps going past its token's expiry: the SDK asks the demo backend for a
    // fresh one when a call needs it (config.getToken), and never before a platform window has opened.
    if (user.slot === 'connected' && user.mistake === 'none') {
      options.config.getToken = function () {
        return fetchToken(user.query);
      };
    }
    const scGateway = new scDK(options);
    instances[user.slot] = { key: key, scGateway: scGateway };
    // The embedded button belongs to the connected user's instance; destroy() removes it with the rest.
    if (user.slot === 'connected') mountSwitchButton(scGateway);
    return scGateway;
  }

  /**
   * The hint under the switch button: what it shows now, and why, from the connected instance's `session`
   * events (the button's own checks, "Check session", a return to this tab). Each hint alternates plain
   * text and code. `own` is in getSession()'s answer, so the hint names "Check session" for it.
   */
  const SESSION_HINTS = {
    connected: function (session) {
      return session.own
        ? ['The switch button shows ', session.accountId, ' in full: this platform session is linked to the user in the field above ("Check session" reports ', 'own: true', ').']
        : [
            'Why does the switch button show ', session.accountId, '? The platform shows an account id in full only to the partner user the session ' +
              'belongs to, and a plain platform login belongs to none ("Check session" reports ', 'own: false',
            '). Log in with "Log in as …\'s session" in step 1 instead: it links the session to the user in the field above, ' +
              'and the button shows the full id when you come back to this tab.',
          ];
    },
    disconnected: function () {
      return ['No account is logged in on the platform, so the switch button shows none. Log in in step 1: the button updates when you come back to this tab.'];
    },
    unknown: function () {
      return [
        'This browser keeps the platform\'s cookies from the hidden iframe (third-party cookies blocked), so the switch button shows ' +
          'no account and "Check session" reports ', "state: 'unknown'",
        '. "Log out from broker" and the switcher still work: they open a platform window.',
      ];
    },
  };

  function showSessionHint(session) {
    const hint = SESSION_HINTS[session.state];
    if (!hint) return;
    const parts = hint(session).map(function (part, index) {
      if (index % 2 === 0) return document.createTextNode(part);
      const code = document.createElement('code');
      code.textContent = part;
      return code;
    });
    document.getElementById('session-hint').replaceChildren(...parts);
  }

  /**
   * Mounts the embedded switch button. What the switcher it opened ended with goes to onResult / onError,
   * like any call's result. The button cannot show that its UI file failed to load (5007), so the page
   * reports that `error` event; a call's own errors are reported by the call (run()).
   */
  function mountSwitchButton(scGateway) {
    scGateway.on('error', function (error) {
      if (error.code === UI_UNAVAILABLE && runs === 0) logError(SWITCH_BUTTON_TITLE, error);
    });
    scGateway.on('session', showSessionHint);
    scGateway.mountSwitchButton('#switch-slot', {
      onResult: function (result) {
        logSuccess(SWITCH_BUTTON_TITLE, result);
      },
      onError: function (error) {
        logError(SWITCH_BUTTON_TITLE, error);
      },
    });
  }

  /** Forgets the slot's instance (after destroy()), so the next call makes a new one. */
  function forget(slot) {
    instances[slot] = null;
  }

  /**
   * A wrong uiUrl is the page's mistake, not one instance's: the UI file loads once per page, shared by
   * every instance, so the switch button's instance gets it too (and cannot show its button).
   */
  function isPageWideMistake(mistake) {
    return mistake === 'bad-ui-url';
  }

  /** The demo user's own instance, which owns the switch button: the settings, without a mistake that only calls make. */
  function connectedUser() {
    const id = readAuthId();
    const mistake = isPageWideMistake(settings.mistake) ? settings.mistake : 'none';
    return { slot: 'connected', key: 'connected:' + id, query: { smallcaseAuthId: id }, mistake: mistake };
  }

  /** Who the main buttons act as: the demo user, on a second instance when a mistake is chosen. */
  function actingUser() {
    const user = connectedUser();
    return user.mistake === settings.mistake ? user : Object.assign(user, { slot: 'probe', mistake: settings.mistake });
  }

  function expiredUser() {
    const id = readAuthId();
    return { slot: 'probe', key: 'expired:' + id, query: { smallcaseAuthId: id, expired: 'true' }, mistake: 'none' };
  }

  function guestUser() {
    return { slot: 'probe', key: 'guest', query: { guest: 'true' }, mistake: 'none' };
  }

  /** A second instance of the demo user, destroyed by the call it runs. */
  function doomedUser() {
    return Object.assign(connectedUser(), { slot: 'probe', key: 'doomed:' + readAuthId() });
  }

  // ---- actions ----

  /** Runs one button's action with the buttons disabled, logging the outcome. */
  async function run(title, pickUser, call) {
    actionButtons.forEach(function (button) { button.disabled = true; });
    runs += 1;
    try {
      const scGateway = await instanceFor(pickUser());
      logSuccess(title, await call(scGateway));
    } catch (error) {
      logError(title, error);
    } finally {
      runs -= 1;
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

  function switchAccount(scGateway) {
    return scGateway.switchAccount();
  }

  /** A page that tears the SDK down while a call is in flight (a single-page app leaving the view): 5005. */
  function logoutThenDestroy(scGateway) {
    const pending = scGateway.brokerLogout();
    scGateway.destroy();
    forget('probe');
    return pending;
  }

  /** The result a redirect logout brought back to this page (returnTo), if this load is one. */
  function showRedirectResult() {
    const result = scDK.takeRedirectResult();
    if (result === null) return;
    if (result instanceof scDK.ScdkError) logError('Log out from broker (back from the platform)', result);
    else logSuccess('Log out from broker (back from the platform)', result);
  }

  function on(id, title, pickUser, call) {
    document.getElementById(id).addEventListener('click', function () {
      run(title, pickUser, call);
    });
  }

  showPlatformLinks();
  fillSettingsForm(settings, DEFAULT_FAULTS);
  showPlatformFaults();
  on('logout', 'Log out from broker', actingUser, brokerLogout);
  on('switch-account', 'Account switcher', actingUser, openAccountSwitcher);
  on('check-session', 'Check session', actingUser, getSession);
  on('logout-guest', 'Log out as guest', guestUser, brokerLogout);
  on('logout-expired', 'Log out with an expired token', expiredUser, brokerLogout);
  on('switch-direct', 'Switch account without the modal', actingUser, switchAccount);
  on('logout-destroy', 'Log out, then destroy()', doomedUser, logoutThenDestroy);
  settingsForm.addEventListener('submit', onSettingsSubmit);
  document.getElementById('reset-settings').addEventListener('click', onSettingsReset);
  document.getElementById('clear-log').addEventListener('click', function () {
    logList.replaceChildren();
  });
  authIdInput.addEventListener('input', showLinkedLogin);

  if (typeof window.scDK === 'function') {
    showRedirectResult();
    // Shows the embedded button at once, as a partner page would.
    instanceFor(connectedUser()).catch(function (error) {
      logError('Page load', error);
    });
  } else {
    logError('Page load', demoError('window.scDK is missing: /scdk.umd.js did not load. Run npm run build, then reload.'));
  }
})();
