/**
 * One flight of a call that concurrent callers share (one request, one window, one modal). Partners'
 * calls get `outer()`, the same promise for every caller of a flight, which nothing inside the SDK
 * handles: a rejection no partner handles is reported as unhandled (README: Errors). The SDK's own users
 * (the switcher, the button, callbacks) take `inner()`, so their handlers hide nothing from partners.
 */
export class SharedCall<T> {
  private _inner?: Promise<T>;
  private _outer?: Promise<T>;

  /** The flight under way, or a new one from `start`. */
  inner(start: () => Promise<T>): Promise<T> {
    if (!this._inner) {
      const inner = start();
      this._inner = inner;
      inner
        .finally(() => {
          this._inner = this._outer = undefined;
        })
        .catch(() => {}); // the flight's rejection belongs to its callers, not to this bookkeeping
    }
    return this._inner;
  }

  /** What a partner's call returns: the one promise of the flight, handled only by those who hold it. */
  outer(start: () => Promise<T>): Promise<T> {
    const inner = this.inner(start);
    return (this._outer ??= inner.then((value) => value));
  }
}
