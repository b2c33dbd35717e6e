import { expect, test } from '@playwright/test';
import { CLOCK_LEEWAY_IN_SECONDS } from '../../src/sdk/token';
import { TOKEN_REFRESH_MARGIN_MS, TokenSource, type GetToken } from '../../src/sdk/token-source';
import { ScdkError } from '../../src/shared/scdk-error';
import { startDeadline } from '../../src/sdk/deadline';
import { fakeJwt, nowSeconds } from './jwt-fixtures';

// The instance's token (src/sdk/token-source.ts): when config.getToken is asked, what its answers become.

const connected = (exp: number) => fakeJwt({ smallcaseAuthId: 'user-1', exp });
const fresh = () => connected(nowSeconds() + 3600);
const expired = () => connected(nowSeconds() - CLOCK_LEEWAY_IN_SECONDS - 60);

async function failure(promise: Promise<unknown>): Promise<{ code: number; detail: string }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScdkError);
  return { code: (error as ScdkError).code, detail: (error as ScdkError).detail };
}

/** The detail of the ScdkError `fn` throws. */
function detailOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScdkError);
    return (error as ScdkError).detail;
  }
  throw new Error('no error thrown');
}

function counting(answer: GetToken): GetToken & { calls: number } {
  const getToken = Object.assign(() => {
    getToken.calls++;
    return answer();
  }, { calls: 0 });
  return getToken;
}

test('without getToken: a fresh token is used as it is; an expired one fails check() and fresh() with 4003', async () => {
  const token = fresh();
  expect(await new TokenSource(token, undefined).fresh(startDeadline(1000))).toBe(token);
  const old = new TokenSource(expired(), undefined);
  expect(() => old.check(Date.now())).toThrow(ScdkError);
  expect(old.usable(Date.now())).toBe(false);
  expect((await failure(old.fresh(startDeadline(1000)))).code).toBe(4003);
});

test('a missing token is 4002 unless there is a getToken to fetch one', () => {
  expect(detailOf(() => new TokenSource(undefined, undefined))).toMatch(/^smallcaseAuthToken is missing/);
  expect(new TokenSource(undefined, () => fresh()).usable(Date.now())).toBe(true);
});

test('with getToken: an expired token, or one inside the refresh margin, is replaced once for concurrent calls', async () => {
  const next = fresh();
  const getToken = counting(() => Promise.resolve(next));
  const source = new TokenSource(expired(), getToken);
  expect(source.usable(Date.now())).toBe(true); // check() lets the call start: fresh() will fetch
  expect(await Promise.all([source.fresh(startDeadline(1000)), source.fresh(startDeadline(1000))])).toEqual([next, next]);
  expect(await source.fresh(startDeadline(1000))).toBe(next);
  expect(getToken.calls).toBe(1);

  const nearExpiry = connected(Math.floor((Date.now() + TOKEN_REFRESH_MARGIN_MS / 2) / 1000));
  const soon = counting(() => next);
  expect(await new TokenSource(nearExpiry, soon).fresh(startDeadline(1000))).toBe(next);
  expect(soon.calls).toBe(1);
});

test("getToken's failures: a rejection is 4003 with its reason, no JWT is 4002, a guest's is 4004, an expired one 4003, silence 4003 in time", async () => {
  const make = (getToken: GetToken) => new TokenSource(expired(), getToken);
  expect(await failure(make(() => Promise.reject(new Error('backend down'))).fresh(startDeadline(1000)))).toEqual({
    code: 4003,
    detail: expect.stringContaining('config.getToken() failed (backend down)'),
  });
  expect(await failure(make(() => 'nope').fresh(startDeadline(1000)))).toEqual({ code: 4002, detail: expect.stringContaining('config.getToken()') });
  expect((await failure(make(() => fakeJwt({ guest: true, exp: nowSeconds() + 3600 })).fresh(startDeadline(1000)))).code).toBe(4004);
  expect((await failure(make(() => expired()).fresh(startDeadline(1000)))).code).toBe(4003);
  const started = Date.now();
  const silent = await failure(make(() => new Promise<string>(() => {})).fresh(startDeadline(200)));
  expect(silent).toEqual({ code: 4003, detail: expect.stringMatching(/^config\.getToken\(\) did not answer within \d+ ms/) });
  // The message says what getToken had left of the call's 200 ms: a loaded machine can spend a few before it starts.
  const had = Number(/within (\d+) ms/.exec(silent.detail)![1]);
  expect(had).toBeLessThanOrEqual(200);
  expect(had).toBeGreaterThan(100);
  expect(Date.now() - started).toBeGreaterThanOrEqual(190);
});

test('a guest token is 4004 at check(), getToken or not', () => {
  const guest = fakeJwt({ guest: true, exp: nowSeconds() + 3600 });
  for (const getToken of [undefined, () => fresh()]) {
    const source = new TokenSource(guest, getToken);
    expect(source.usable(Date.now())).toBe(false);
  }
});

test('setToken() during a refresh wins: the late getToken answer does not replace it', async () => {
  let answer: (token: string) => void = () => {};
  const source = new TokenSource(expired(), () => new Promise<string>((resolve) => (answer = resolve)));
  const pending = source.fresh(startDeadline(1000));
  const set = fresh();
  source.set(set);
  answer(fresh());
  expect(await pending).toBe(set);
  expect(await source.fresh(startDeadline(1000))).toBe(set);
  expect(detailOf(() => source.set('not a jwt'))).toMatch(/^setToken\(token\) is not a decodable JWT/);
  expect(await source.fresh(startDeadline(1000))).toBe(set); // the refused one changed nothing
});
