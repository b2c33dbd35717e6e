// A partner's CommonJS module, compiled against the installed package under node16 and nodenext resolution,
// and under bundler resolution with `module: preserve` (test/unit/consumer-types.spec.ts), then run with
// Node. Each `NotAny` and `@ts-expect-error` fails the compile if an import is `any`. It has no ES `export`:
// `module: preserve` would keep one as it is in the .cjs it writes.
import scDK = require('scdk');
import umd = require('scdk/umd');
// scdk/platform's types for CommonJS (dist/types/platform.d.cts): no resolution-mode needed.
import type { BridgeConfig } from 'scdk/platform';
import type {} from 'scdk/global';

/** `never` for `any`: assigning anything to it fails, so a value typed with it proves its type resolved. */
type NotAny<T> = 0 extends 1 & T ? never : T;
declare const process: { argv: string[]; stdout: { write(text: string): void } };

const { ERROR_CODES, ERROR_NAMES, ScdkError } = scDK;
const options: NotAny<scDK.ScdkOptions> = { gateway: 'demo', smallcaseAuthToken: process.argv[2] ?? '' };
const sdk: NotAny<scDK> = new scDK(options);
const sameClass: NotAny<typeof scDK> = scDK.scDK;
const asDefault: NotAny<typeof scDK> = scDK.default;
const gatewayCode: NotAny<4001> = ERROR_CODES.INVALID_GATEWAY;
const errorName: NotAny<string> = ERROR_NAMES[gatewayCode];
const umdOptions: NotAny<umd.ScdkOptions> = options;
const fromUmd: NotAny<umd> = new umd(umdOptions);
const bridge: NotAny<BridgeConfig> = { gateway: 'demo', allowedOrigins: ['https://partner.example'] };
/** Typed only: a page with the script tag has the global; Node has no window. */
const fromWindow = (): typeof scDK => window.scDK;

/** Misuses the compiler must refuse; never called (each would throw or do nothing useful). */
function misuses(): unknown {
  // @ts-expect-error the options are typed: `gateway` is required
  new scDK({ smallcaseAuthToken: 'token' });
  // @ts-expect-error ERROR_CODES is the literal table
  void ERROR_CODES.NO_SUCH_CODE;
  // @ts-expect-error scdk/umd's module.exports is the constructor alone, without the named values
  void umd.ERROR_CODES;
  // @ts-expect-error the bridge config needs its allowed origins
  const badBridge: BridgeConfig = { gateway: 'demo' };
  return badBridge;
}

function thrownBy(make: () => unknown): unknown {
  try {
    make();
    return 'no error';
  } catch (error) {
    const typed: scDK.ScdkError | undefined = error instanceof ScdkError ? error : undefined;
    return typed ? { code: typed.code, name: typed.message, typed: true } : String(error);
  }
}

process.stdout.write(
  JSON.stringify({
    constructs: sdk instanceof scDK && typeof sdk.brokerLogout === 'function',
    sameClass: sameClass === scDK && asDefault === scDK,
    umdConstructs: fromUmd instanceof umd,
    umdScdkError: typeof umd.ScdkError,
    invalid: thrownBy(() => new scDK({ smallcaseAuthToken: options.smallcaseAuthToken } as scDK.ScdkOptions)),
    gatewayCode,
    errorName,
    bridgeGateway: bridge.gateway,
  }),
);
sdk.destroy();
fromUmd.destroy();
void [fromWindow, misuses];
