import { expect, test } from '@playwright/test';
import {
  UNDECLARED_SESSION_COOKIE,
  declareSessionCookie,
  domainMatches,
  pathMatches,
  probeAttributes,
  reachesCrossSiteFrames,
} from '../../src/platform/session-cookie';

// The platform's declaration of its session cookie (startBridge({ sessionCookie })): what the bridge
// decides from it before any probe, and the mistakes it refuses to start with.

const HOST = 'platform.example';
const apiUrls = (base = `https://${HOST}`) => [new URL(`${base}/scdk/v1/logout`), new URL(`${base}/scdk/v1/session`)];
const declare = (input: unknown, urls = apiUrls()) => declareSessionCookie(input, urls, HOST);

/** The message of the Error `fn` throws, or null. */
function errorOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}

test('only an unpartitioned SameSite=None cookie can reach a cross-site frame', () => {
  expect(reachesCrossSiteFrames(declare({ sameSite: 'None' }))).toBe(true);
  expect(reachesCrossSiteFrames(declare({ sameSite: 'Lax' }))).toBe(false);
  expect(reachesCrossSiteFrames(declare({ sameSite: 'Strict' }))).toBe(false);
  expect(reachesCrossSiteFrames(declare({ sameSite: 'None', partitioned: true }))).toBe(false);
});

test('an undeclared cookie is taken as SameSite=Lax: no frame claims the session', () => {
  expect(declare(undefined)).toEqual(UNDECLARED_SESSION_COOKIE);
  expect(reachesCrossSiteFrames(declare(undefined))).toBe(false);
});

test('defaults: path /, host-only, not partitioned; a leading dot and case are dropped from the domain', () => {
  expect(declare({ sameSite: 'None' })).toEqual({ sameSite: 'None', path: '/', domain: undefined, partitioned: false });
  expect(declare({ sameSite: 'Lax', domain: '.Platform.Example' })).toMatchObject({ domain: 'platform.example' });
});

test('the probe cookie carries the session cookie path and domain', () => {
  expect(probeAttributes(declare({ sameSite: 'None', path: '/scdk' }))).toEqual({ path: '/scdk', sameSite: 'None', secure: true });
  expect(probeAttributes(declare({ sameSite: 'None', domain: 'platform.example' }))).toEqual({
    path: '/',
    domain: 'platform.example',
    sameSite: 'None',
    secure: true,
  });
});

test('path-match and domain-match follow RFC 6265', () => {
  expect(pathMatches('/scdk/v1/logout', '/')).toBe(true);
  expect(pathMatches('/scdk/v1/logout', '/scdk')).toBe(true);
  expect(pathMatches('/scdk/v1/logout', '/scdk/')).toBe(true);
  expect(pathMatches('/scdk', '/scdk')).toBe(true);
  expect(pathMatches('/scdkx/v1/logout', '/scdk')).toBe(false);
  expect(pathMatches('/scdk/v1/logout', '/app')).toBe(false);
  expect(domainMatches('platform.example', 'platform.example')).toBe(true);
  expect(domainMatches('api.platform.example', 'platform.example')).toBe(true);
  expect(domainMatches('evilplatform.example', 'platform.example')).toBe(false);
  expect(domainMatches('platform.example', 'api.platform.example')).toBe(false);
});

test('a path or domain that keeps the cookie from an API call is refused at start, saying what to fix', () => {
  expect(errorOf(() => declare({ sameSite: 'None', path: '/app' }))).toMatch(/sessionCookie\.path is "\/app", so the session cookie is not sent to \/scdk\/v1\/logout/);
  // The API under the cookie's path is fine.
  expect(errorOf(() => declare({ sameSite: 'None', path: '/app' }, apiUrls(`https://${HOST}/app`)))).toBeNull();
  expect(errorOf(() => declare({ sameSite: 'None', domain: 'accounts.platform.example' }))).toMatch(
    /sessionCookie\.domain is "accounts\.platform\.example", so the session cookie is not sent to platform\.example/,
  );
  // A host-only cookie goes to the bridge page's host only.
  expect(errorOf(() => declare({ sameSite: 'None' }, apiUrls('https://api.platform.example')))).toMatch(
    /host-only cookie\), so the session cookie is not sent to api\.platform\.example/,
  );
  expect(errorOf(() => declare({ sameSite: 'None', domain: 'platform.example' }, apiUrls('https://api.platform.example')))).toBeNull();
});

test('malformed declarations are refused with the field and the values it takes', () => {
  const cases: [unknown, RegExp][] = [
    [null, /sessionCookie must be an object/],
    ['None', /sessionCookie must be an object/],
    [{}, /sessionCookie\.sameSite must be 'None', 'Lax' or 'Strict'.*got undefined/],
    [{ sameSite: 'lax' }, /sessionCookie\.sameSite must be .*got "lax"/],
    [{ sameSite: 'None', path: 'scdk' }, /sessionCookie\.path must be the cookie's Path, starting with '\/'/],
    [{ sameSite: 'None', domain: 'https://platform.example' }, /sessionCookie\.domain must be the cookie's Domain attribute/],
    [{ sameSite: 'None', partitioned: 'yes' }, /sessionCookie\.partitioned must be true or false/],
  ];
  for (const [input, message] of cases) expect(errorOf(() => declare(input)), JSON.stringify(input)).toMatch(message);
});
