// Every request the conformance check makes goes through here: it keeps each answer (headers and body), so one
// check can look for the test tokens in all of them, and it sends the headers a browser would.

export interface Answer {
  url: string;
  status: number;
  headers: Headers;
  body: string;
  /** Each Set-Cookie header, kept apart. */
  setCookies: string[];
  location: string | null;
}

export interface Probe {
  /** Sends a request, never following redirects, and records the answer. */
  send(url: string, init?: RequestInit): Promise<Answer>;
  /** Every answer so far. */
  readonly answers: readonly Answer[];
  /** Remembers a token sent, so `tokens.never-echoed` looks for it. */
  sent(token: string): string;
  readonly tokens: readonly string[];
}

export function createProbe(fetchImpl: typeof fetch): Probe {
  const answers: Answer[] = [];
  const tokens: string[] = [];
  return {
    answers,
    tokens,
    async send(url, init = {}) {
      const response = await fetchImpl(url, { ...init, redirect: 'manual', credentials: 'omit', cache: 'no-store' });
      const answer: Answer = {
        url,
        status: response.status,
        headers: response.headers,
        body: await response.text(),
        setCookies: response.headers.getSetCookie(),
        location: response.headers.get('location'),
      };
      answers.push(answer);
      return answer;
    },
    sent(token) {
      tokens.push(token);
      return token;
    },
  };
}
