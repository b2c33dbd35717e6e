import { SCDK_PATHS } from '../shared/platform-endpoints';

declare const __SCDK_PLATFORM_RUNTIME__: string;

/** A cached copy may be kept forever: its URL names its content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Hex characters of the content hash in the runtime's URL. */
const VERSION_CHARS = 16;

/** dist/scdk-platform.js as the build embedded it; undefined when running from the sources. */
function builtRuntime(): string | undefined {
  try {
    return __SCDK_PLATFORM_RUNTIME__;
  } catch {
    return undefined;
  }
}

export interface RuntimeAsset {
  /** The runtime's text. */
  readonly text: string;
  /** `/scdk/v1/scdk-platform.js?v=<hash>`: the URL pages load it from. */
  url(): Promise<string>;
  /** The content version a `?v=` must name for the immutable copy. */
  version(): Promise<string>;
  /** The CSP source that allows exactly this text inline: `'sha256-<base64>'`. */
  cspHash(): Promise<string>;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** The runtime script the kit serves, with its content hash (computed once, by WebCrypto). */
export function createRuntimeAsset(override: string | undefined): RuntimeAsset {
  const text = override ?? builtRuntime();
  if (typeof text !== 'string' || text.length === 0) {
    throw new Error('scdk/server: no platform runtime to serve. Import scdk/server from the built package, or pass runtimeScript.');
  }
  let digest: Promise<ArrayBuffer> | undefined;
  const sha256 = () => (digest ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const version = async () => hex(await sha256()).slice(0, VERSION_CHARS);
  return Object.freeze({
    text,
    version,
    cspHash: async () => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(await sha256())))}'`,
    url: async () => `${SCDK_PATHS.runtime}?v=${await version()}`,
  });
}
