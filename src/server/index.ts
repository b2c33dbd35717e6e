// scdk/server: the platform's half of scdk, for a broker platform's server. The Fetch API and WebCrypto
// only, so it runs on Node 20+, Workers, Deno and Bun; the node adapter serves node:http and Express.
export { createScdkPlatform, DEFAULT_CLAIM_WINDOW_MS, SCDK_ENDPOINTS } from './create-scdk-platform';
export type { ScdkPlatform, RuntimeTagsForPage } from './create-scdk-platform';
export type { EndedSession, GatewayConfig, PlatformSession, ScdkEvent, ScdkHooks, ScdkPlatformConfig } from './config';
export { toNodeHandler } from './node-adapter';
export type { NodeContext, NodeHandler, NodeRequest, NodeResponse } from './node-adapter';
export type { OneTimeStore } from './one-time-store';
export { createMemoryStore, DEFAULT_MAX_PER_GROUP } from './stores/memory-store';
export type { MemoryStoreOptions } from './stores/memory-store';
export { MAX_TOKEN_CHARS, MIN_LEEWAY_IN_SECONDS, TOKEN_ALGORITHM, verifyToken } from './verify-token';
export type { VerifiedToken } from './verify-token';
export { HOP_LIFETIME_MS } from './redirect-endpoints';
export { MAX_BODY_BYTES } from './read-body';
export { maskAccountId } from './mask-account-id';
export { BRIDGE_CONFIG_ELEMENT_ID, HOP_FIELD, HOP_FORM_ID, REDIRECT_FRAGMENT, SCDK_PATHS, SCDK_PATH_PREFIX } from '../shared/platform-endpoints';
export { ERROR_CODES, ERROR_NAMES } from '../shared/error-codes';
export type { ErrorCode } from '../shared/error-codes';
export type { SameSite, SessionCookie } from '../platform/session-cookie';
export { createRedisStore } from './stores/redis-store';
export type { IoRedisClientLike, NodeRedisClientLike, RedisStoreClient, RedisStoreOptions } from './stores/redis-store';
export { runConformance, CONFORMANCE_CHECKS, formatReport } from './conformance/index';
export type { CheckResult, CheckStatus, ConformanceOptions, ConformanceReport } from './conformance/index';
