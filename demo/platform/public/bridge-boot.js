/* Starts the scdk platform runtime on the bridge page. A classic script, served at
 * /scdk/v1/bridge-boot.js after /scdk/v1/scdk-platform.js (which defines window.scdkPlatform). */
(function () {
  'use strict';

  var CONFIG_ELEMENT_ID = 'scdk-bridge-config';
  var LOG_PREFIX = '[scdk bridge] ';

  var runtime = window.scdkPlatform;
  if (!runtime || typeof runtime.startBridge !== 'function') {
    console.error(LOG_PREFIX + 'window.scdkPlatform.startBridge is missing: /scdk/v1/scdk-platform.js did not load ' +
      'or is not built. Run npm run build and reload.');
    return;
  }

  var element = document.getElementById(CONFIG_ELEMENT_ID);
  var config;
  try {
    config = JSON.parse(element ? element.textContent || '' : '');
  } catch (error) {
    console.error(LOG_PREFIX + 'the <script id="' + CONFIG_ELEMENT_ID + '" type="application/json"> config is ' +
      'missing or not valid JSON; the platform must render it into the bridge page.', error);
    return;
  }

  runtime.startBridge(config);
})();
