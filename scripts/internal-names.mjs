/**
 * Property names of the SDK's internal interfaces (the flow context, the transport's options, Lifetime,
 * SessionState, TokenSource, SharedRun, the UI controllers' hosts) that terser shortens in the SDK bundles
 * (rollup.config.mjs), as it does the `_x` private members: no minifier may rename a property on its own.
 * Only names whose every use the SDK declares itself: never a public API name, a wire protocol field, a
 * field of the UI chunk hand-over (a separate bundle, minified on its own) or a DOM/built-in name.
 * test/unit/internal-names.spec.ts checks each name on this list against all of those.
 */
export const INTERNAL_NAMES = [
  // FlowContext (src/sdk/flows/context.ts) and what create-flow-context.ts gives the transport
  'lifetime', 'platformOrigin', 'loginUrl', 'openWindow', 'inClick', 'rememberedStorage',
  'bridgeUrl', 'statusUrl', 'onStorage', 'onGone', 'stopClosing',
  // the logout path choice (flows/logout.ts) and the windows' flow (flows/window-logout.ts)
  'remembered', 'windowRefused', 'thenSession', 'departure', 'keepsActivation',
  // Lifetime, SessionState, TokenSource, SharedRun
  'guard', 'bestGuess', 'fresh', 'forPartner',
  // the UI controllers and their hosts (src/sdk/ui-host/), the argument checks (src/sdk/arguments.ts)
  'loader', 'settings', 'tokenChanged', 'prefetch', 'callbacks',
];

/** For terser's `mangle.properties.regex`: the private `_x` members, and the names above. */
export const MANGLED_PROPERTIES = new RegExp(`^(_[a-z]|(${INTERNAL_NAMES.join('|')})$)`);
