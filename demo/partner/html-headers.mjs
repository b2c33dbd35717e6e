// Headers for the partner's HTML pages, and the per-fixture override used by e2e test pages.
import { readFileIfPresent } from '../shared/static-files.mjs';

/** Replaced with the platform origin in served HTML (and in header overrides). */
export const PLATFORM_ORIGIN_PLACEHOLDER = '__PLATFORM_ORIGIN__';
const HEADERS_FILE_SUFFIX = '.headers';
const HEADER_NAME_PATTERN = /^[A-Za-z0-9-]+$/;

/**
 * The partner's default page policy: its own scripts and styles, the platform in frames and fetches.
 * `formActionSelf` adds `form-action 'self'`, which blocks the redirect fallback's form to the platform (the
 * demo page's setting for 5006 redirect_incomplete).
 * @param {string} platformOrigin
 * @param {{ formActionSelf?: boolean }} [options]
 * @returns {Record<string, string>}
 */
export function defaultHtmlHeaders(platformOrigin, { formActionSelf = false } = {}) {
  return {
    'content-security-policy':
      `default-src 'self'; script-src 'self'; style-src 'self'; frame-src ${platformOrigin}; ` +
      `connect-src 'self' ${platformOrigin}; img-src 'self' data:` + (formActionSelf ? "; form-action 'self'" : ''),
  };
}

/**
 * Puts the platform origin in place of every placeholder.
 * @param {string} text
 * @param {string} platformOrigin
 * @returns {string}
 */
export function fillPlaceholders(text, platformOrigin) {
  return text.split(PLATFORM_ORIGIN_PLACEHOLDER).join(platformOrigin);
}

/**
 * Is this the override file that sits next to an HTML page (`page.html.headers`)?
 * @param {string} filePath
 * @returns {boolean}
 */
export function isHeadersFile(filePath) {
  return filePath.endsWith(HEADERS_FILE_SUFFIX);
}

/**
 * Reads `<page>.html.headers` ({ "header-name": "value" }) if it exists. Those headers replace
 * the default ones, so a test page can loosen or tighten its CSP.
 * @param {string} htmlPath
 * @param {string} platformOrigin
 * @returns {Promise<Record<string, string> | null>} null when there is no override file
 * @throws {Error} when the file is not a JSON object of string header values
 */
export async function readHeaderOverride(htmlPath, platformOrigin) {
  const overridePath = htmlPath + HEADERS_FILE_SUFFIX;
  const raw = await readFileIfPresent(overridePath);
  if (raw === null) return null;
  let parsed;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Error(`${overridePath} is not JSON; write { "content-security-policy": "..." }.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${overridePath} must be a JSON object of header names to string values.`);
  }
  const headers = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!HEADER_NAME_PATTERN.test(name) || typeof value !== 'string') {
      throw new Error(`${overridePath}: header ${JSON.stringify(name)} needs a valid name and a string value.`);
    }
    headers[name.toLowerCase()] = fillPlaceholders(value, platformOrigin);
  }
  return headers;
}
