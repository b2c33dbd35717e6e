import { destroyedError, type ScdkError } from '../shared/scdk-error';

/** Ends something the instance made (a frame, a window, a wait, a listener), rejecting what waits on it with `error`. */
export type Disposer = (error: ScdkError) => void;

/**
 * What one instance owns until destroy(): a single list of disposers. Everything that adds a frame,
 * window, listener, timer or wait registers its removal here (and takes it back when it ends on its own);
 * end() runs them all with one 5005. Ending is final: what is registered afterwards is disposed at once.
 */
export class Lifetime {
  private readonly _disposers = new Set<Disposer>();
  private _ended = false;

  get ended(): boolean {
    return this._ended;
  }

  /** Registers `dispose` for end(); returns its removal, for a thing that ended on its own. */
  own(dispose: Disposer): () => void {
    if (this._ended) {
      dispose(destroyedError());
      return () => {};
    }
    this._disposers.add(dispose);
    return () => this._disposers.delete(dispose);
  }

  /** destroy(): disposes everything with 5005. Idempotent. */
  end(): void {
    if (this._ended) return;
    this._ended = true;
    const error = destroyedError();
    this._disposers.forEach((dispose) => dispose(error));
    this._disposers.clear();
  }

  /** Throws 5005 once ended: a flow calls it where it resumes after a wait nothing else cancels. */
  check(): void {
    if (this._ended) throw destroyedError();
  }

  /**
   * `promise`, unless the instance ends first: then 5005 at once, and its late value is dropped. For waits
   * that cannot be cancelled themselves (the partner's getToken, the UI chunk's load).
   */
  guard<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const release = this.own(reject);
      promise.then(resolve, reject).finally(release);
    });
  }
}
