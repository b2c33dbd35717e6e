import { badOption } from '../shared/scdk-error';

export type Listener<T> = (payload: T) => void;

/** A tiny typed event emitter. A listener that throws is reported asynchronously and never breaks the SDK. */
export class Emitter<Events extends object> {
  private readonly _listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly _names: readonly (keyof Events)[]) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    if (!this._names.includes(event)) throw badOption('on(event)', this._names.join(', '), event);
    if (typeof listener !== 'function') throw badOption('on(event, listener)', 'a function', listener);
    let set = this._listeners.get(event);
    if (!set) this._listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    this._listeners.get(event)?.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    this._listeners.get(event)?.forEach((listener) => {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    });
  }

  clear(): void {
    this._listeners.clear();
  }
}
