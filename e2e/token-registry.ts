// Every auth token the e2e suite handled in this worker, so the token-hygiene fixture can look for them
// where they must never appear (request URLs, console output).

const tokens = new Set<string>();

/**
 * The JWT header (`{"alg":"HS256","typ":"JWT"}`) is the same for every token and public, so only the
 * payload and signature segments count as secret. Shorter fragments would match by chance.
 */
const MIN_SECRET_LENGTH = 16;

/** Remembers a token minted by a test or handed out by the partner's token endpoint. */
export function registerToken(token: unknown): void {
  if (typeof token === 'string' && token.length > 0) tokens.add(token);
}

/** The strings that give a token away: the whole token, its payload segment and its signature segment. */
export function tokenSecrets(): string[] {
  const secrets = new Set<string>();
  for (const token of tokens) {
    const [, payload = '', signature = ''] = token.split('.');
    for (const secret of [token, payload, signature]) if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
  }
  return [...secrets];
}
