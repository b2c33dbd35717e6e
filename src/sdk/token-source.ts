import { ScdkError } from '../shared/scdk-error';
import { within, type Deadline } from './deadline';
import { assertConnected, decodeToken, type TokenClaims, type TokenOrigin } from './token';

/** `config.getToken`: the partner's way to hand the SDK a fresh token (from its backend) when it needs one. */
export type GetToken = () => string | Promise<string>;

/**
 * How long before its `exp` a token is replaced through `config.getToken`, so a request never leaves
 * with a token that expires on its way. Without `getToken` a token is used until it expires.
 */
export const TOKEN_REFRESH_MARGIN_MS = 30_000;

/**
 * The instance's token: the one it was given, then those of `setToken()` and `config.getToken()`.
 * `getToken` is called only from `fresh()`, which every call awaits after anything that must happen
 * synchronously in the user's click (window.open): a slow token never costs the click.
 */
export class TokenSource {
  private _token?: string;
  private _claims?: TokenClaims;
  private _refresh?: Promise<string>;
  /** Bumped by every set(): a refresh that started before a set() does not overwrite the newer token. */
  private _generation = 0;

  constructor(
    token: unknown,
    private readonly _getToken: GetToken | undefined,
  ) {
    // With getToken, a token may be left out: the first call fetches one.
    if (token !== undefined || !_getToken) this._set(token, 'smallcaseAuthToken');
  }

  /** Replaces the token (`setToken()`); throws 4002 for one that is not a JWT, before changing anything. */
  set(token: unknown): void {
    this._set(token, 'setToken(token)');
  }

  /**
   * Throws what a call would fail with now: 4004 for a guest token, 4003 for an expired one when there
   * is no `getToken` to replace it. Synchronous, so a call fails before any network or window work.
   */
  check(nowMs: number): void {
    const claims = this._claims;
    if (claims && (!this._getToken || claims.guest)) assertConnected(claims, nowMs);
  }

  /** Whether calls can run: what check() accepts. */
  usable(nowMs: number): boolean {
    try {
      this.check(nowMs);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The token for a request: the current one, or, where it is missing or near its expiry and there is a
   * `getToken`, a new one within what `left` leaves (4003 when getToken fails or does not answer in time, 4002
   * when it hands back no JWT, 4004 for a guest's). Concurrent calls share one getToken call.
   */
  fresh(left: Deadline): Promise<string> {
    const now = Date.now();
    const claims = this._claims;
    if (!this._getToken || (claims && claims.exp * 1000 - TOKEN_REFRESH_MARGIN_MS > now)) {
      // A promise either way: a caller past window.open must not get a synchronous throw.
      return new Promise((resolve) => {
        this.check(now);
        resolve(this._token as string);
      });
    }
    const refresh = (this._refresh ??= this._fetch().finally(() => (this._refresh = undefined)));
    const timeoutMs = left();
    return within(refresh, left, () => new ScdkError(4003, `config.getToken() did not answer within ${timeoutMs} ms: answer faster, or raise config.timeoutMs.`));
  }

  private async _fetch(): Promise<string> {
    const generation = this._generation;
    let token: unknown;
    try {
      token = await (this._getToken as GetToken)();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new ScdkError(4003, `The token is expired and config.getToken() failed (${why}): call setToken() with a fresh one, or retry.`);
    }
    // setToken() ran meanwhile: its token is the newer one, and the one used.
    if (generation === this._generation) this._set(token, 'config.getToken()');
    // A guest's or an already expired token is refused as the platform would refuse it (4004, 4003). One
    // inside the margin is used, and the next call asks again.
    assertConnected(this._claims as TokenClaims, Date.now());
    return this._token as string;
  }

  private _set(token: unknown, origin: TokenOrigin): void {
    this._claims = decodeToken(token, origin);
    this._token = token as string;
    this._generation++;
  }
}
