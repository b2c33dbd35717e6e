/**
 * One run of a call that concurrent callers share (one request, one window, one modal), and who sees
 * its rejection. A partner's call gets `forPartner()`: the same promise for every caller of the run, which
 * nothing inside the SDK handles, so a rejection no partner handles is reported as unhandled (README:
 * Errors). The SDK's own callers (the switcher, the button, callbacks) use `join()`, whose handlers hide
 * nothing from partners.
 */
export class SharedRun<T> {
  private _run?: Promise<T>;
  private _partners?: Promise<T>;

  /** The run under way, or a new one from `start`: for the SDK's own callers. */
  join(start: () => Promise<T>): Promise<T> {
    if (!this._run) {
      const run = start();
      this._run = run;
      run
        .finally(() => {
          this._run = this._partners = undefined;
        })
        .catch(() => {}); // the run's rejection belongs to its callers, not to this bookkeeping
    }
    return this._run;
  }

  /** What a partner's call returns: the one promise of the run, handled only by those who hold it. */
  forPartner(start: () => Promise<T>): Promise<T> {
    const run = this.join(start);
    return (this._partners ??= run.then((value) => value));
  }
}
