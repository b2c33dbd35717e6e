import { expect, test } from '@playwright/test';
import { Lifetime } from '../../src/sdk/lifetime';
import { SharedRun } from '../../src/sdk/shared-run';
import { ScdkError } from '../../src/shared/scdk-error';
import { deferred, outcome } from './flow-mocks';

// What an instance owns (src/sdk/lifetime.ts) and how concurrent callers share a run (src/sdk/shared-run.ts).

test('end() runs every disposer once with 5005; what is registered after runs at once; a removal takes one back', () => {
  const lifetime = new Lifetime();
  const seen: number[] = [];
  lifetime.own((error) => seen.push(error.code));
  const remove = lifetime.own(() => seen.push(-1));
  remove();
  lifetime.end();
  lifetime.end();
  expect(seen).toEqual([5005]);
  lifetime.own((error) => seen.push(error.code));
  expect(seen).toEqual([5005, 5005]);
  expect(() => lifetime.check()).toThrow(ScdkError);
});

test('guard(): 5005 the moment the lifetime ends, and the late value is dropped', async () => {
  const lifetime = new Lifetime();
  const slow = deferred<string>();
  const guarded = lifetime.guard(slow.promise);
  lifetime.end();
  slow.resolve('late');
  expect(await outcome(guarded)).toBe(5005);
  const kept = new Lifetime();
  expect(await kept.guard(Promise.resolve('now'))).toBe('now');
});

test("a shared run: one start for concurrent callers; partners share one promise that the SDK's own handlers do not handle", async () => {
  const run = new SharedRun<string>();
  let starts = 0;
  const failing = deferred<string>();
  const start = () => (starts++, failing.promise);
  const partner = run.forPartner(start);
  expect(run.forPartner(start)).toBe(partner);
  const own = run.join(start);
  // The SDK's own callers get another promise than partners: their handlers cannot hide a partner's
  // unhandled rejection (Playwright's runner fails a test on one, so that part is seen in the e2e suite).
  expect(own).not.toBe(partner);
  partner.catch(() => {});
  failing.reject(new ScdkError(5001, 'late'));
  expect(await outcome(own)).toBe(5001);
  expect(starts).toBe(1);
  expect(await outcome(partner)).toBe(5001);
  // The run is over: the next call starts a new one.
  run.join(() => (starts++, Promise.resolve('again')));
  expect(starts).toBe(2);
});
