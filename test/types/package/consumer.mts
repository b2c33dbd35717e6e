// A partner's ES module, compiled against the installed package under bundler, node16 and nodenext
// resolution (test/unit/consumer-types.spec.ts), then run with Node. Each `NotAny` and `@ts-expect-error`
// fails the compile if an import is `any`, as every export was when the types did not resolve.
import scDK, { ERROR_CODES, ERROR_NAMES, ScdkError, scDK as named, type ScdkOptions } from 'scdk';
import umd, { type ScdkOptions as UmdOptions } from 'scdk/umd';
import type { BridgeConfig } from 'scdk/platform';
import type {} from 'scdk/global';

/** `never` for `any`: assigning anything to it fails, so a value typed with it proves its type resolved. */
type NotAny<T> = 0 extends 1 & T ? never : T;
declare const process: { argv: string[]; stdout: { write(text: string): void } };

const options: NotAny<ScdkOptions> = { gateway: 'demo', smallcaseAuthToken: process.argv[2] ?? '' };
const sdk: NotAny<scDK> = new scDK(options);
const sameClass: NotAny<typeof scDK> = named;
const gatewayCode: NotAny<4001> = ERROR_CODES.INVALID_GATEWAY;
const errorName: NotAny<string> = ERROR_NAMES[gatewayCode];
const umdOptions: NotAny<UmdOptions> = options;
const fromUmd: NotAny<InstanceType<typeof umd>> = new umd(umdOptions);
const bridge: NotAny<BridgeConfig> = { gateway: 'demo', allowedOrigins: ['https://partner.example'] };
/** Typed only: a page with the script tag has the global; Node has no window. */
export const fromWindow = (): typeof scDK => window.scDK;

/** Misuses the compiler must refuse; never called (each would throw or do nothing useful). */
export function misuses(): unknown {
  // @ts-expect-error the options are typed: `gateway` is required
  new scDK({ smallcaseAuthToken: 'token' });
  // @ts-expect-error ERROR_CODES is the literal table
  void ERROR_CODES.NO_SUCH_CODE;
  // @ts-expect-error scdk/umd's module.exports is the constructor alone, without the named values
  void umd.ERROR_CODES;
  // @ts-expect-error scdk/platform exports types only: the file is a script that exports nothing
  import('scdk/platform').then((platform) => platform.startBridge);
  // @ts-expect-error the bridge config needs its allowed origins
  const badBridge: BridgeConfig = { gateway: 'demo' };
  return badBridge;
}

function thrownBy(make: () => unknown): unknown {
  try {
    make();
    return 'no error';
  } catch (error) {
    return error instanceof ScdkError ? { code: error.code, name: error.message, typed: true } : String(error);
  }
}

process.stdout.write(
  JSON.stringify({
    constructs: sdk instanceof scDK && typeof sdk.brokerLogout === 'function',
    sameClass: sameClass === scDK,
    umdConstructs: fromUmd instanceof umd,
    umdScdkError: typeof umd.ScdkError,
    invalid: thrownBy(() => new scDK({ smallcaseAuthToken: options.smallcaseAuthToken } as ScdkOptions)),
    gatewayCode,
    errorName,
    bridgeGateway: bridge.gateway,
  }),
);
sdk.destroy();
fromUmd.destroy();
