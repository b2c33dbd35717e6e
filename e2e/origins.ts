// The two sites of the e2e world: the partner demo on localhost and the mock platform on 127.0.0.1 (two
// sites, since the hosts differ). Each Playwright worker starts its own pair on free ports (the `demo`
// worker fixture in e2e/fixtures.ts) and sets these bindings before its first test, so no worker sees
// another's sessions or faults. Read them inside tests and helpers, never at a module's top level.
export let PARTNER_PORT = 0;
export let PLATFORM_PORT = 0;
export let PARTNER = '';
export let PLATFORM = '';

/** Points the suite at a demo on these ports (the worker's own, or the default ports for the verbatim snippet). */
export function useDemoPorts(partnerPort: number, platformPort: number): void {
  PARTNER_PORT = partnerPort;
  PLATFORM_PORT = platformPort;
  PARTNER = `http://localhost:${partnerPort}`;
  PLATFORM = `http://127.0.0.1:${platformPort}`;
}
