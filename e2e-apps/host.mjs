// Starts the WebKitGTK host app (host-app.py) and drives it: JSON-line events in, commands out, and real
// X clicks (xdotool) at the element's place on screen. Needs a display: run under `xvfb-run -a`.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HOST_APP_PYTHON } from './python.mjs';

const HOST_APP = fileURLToPath(new URL('./host-app.py', import.meta.url));
/** How long one step (the app's window, a page load, an answer, a button appearing) may take on a loaded machine. */
export const STEP_TIMEOUT_MS = 20_000;
/** How long the app may take to exit once asked, before it is killed. */
const QUIT_TIMEOUT_MS = 3_000;
const POLL_MS = 100;

const run = promisify(execFile);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {{ event: string, [key: string]: any }} HostEvent
 * @typedef {{ windows?: 'none' | 'in-place' | 'child', itp?: boolean, bridge?: 'none' | 'answer' | 'silent', platform?: string }} HostOptions
 *   `platform`: the origin whose session an answering `scdk` handler ends
 */

/**
 * Launches the host app on `url`.
 * @param {string} url
 * @param {HostOptions} options
 */
export async function launchHostApp(url, { windows = 'none', itp = false, bridge = 'none', platform = '' } = {}) {
  const args = [HOST_APP, url, `--windows=${windows}`, `--bridge=${bridge}`, `--platform=${platform}`, ...(itp ? ['--itp'] : [])];
  const child = spawn(HOST_APP_PYTHON, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  /** @type {HostEvent[]} */
  const events = [];
  /** @type {Set<() => void>} */
  const watchers = new Set();
  let stderr = '';
  let exited = false;
  child.stderr.on('data', (chunk) => {
    if (process.env.HOST_APP_STDERR) process.stderr.write(chunk);
    stderr = (stderr + chunk).slice(-4000);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      return; // a library's stray output
    }
    events.push(event);
    for (const watcher of [...watchers]) watcher();
  });
  const exitedPromise = new Promise((resolve) => child.on('exit', () => {
    exited = true;
    for (const watcher of [...watchers]) watcher();
    resolve();
  }));

  /**
   * Resolves with the first event from `from` on that matches, or throws after STEP_TIMEOUT_MS.
   * @param {string} what
   * @param {(event: HostEvent) => boolean} matches
   * @param {number} [from] index in the event log to search from
   */
  function waitForEvent(what, matches, from = 0) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = events.slice(from).find(matches);
        if (found || exited) {
          clearTimeout(timer);
          watchers.delete(check);
          if (found) resolve(found);
          else reject(new Error(`the host app exited while waiting for ${what}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
        }
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, STEP_TIMEOUT_MS);
      watchers.add(check);
      check();
    });
  }

  let nextId = 0;
  /** Sends a command that the app answers, and resolves with its answer. */
  async function ask(command) {
    const id = ++nextId;
    const from = events.length;
    child.stdin.write(`${JSON.stringify({ ...command, id })}\n`);
    const { value } = await waitForEvent(`the answer to ${command.cmd}`, (event) => event.event === 'answer' && event.id === id, from);
    return value;
  }

  const { xid } = await waitForEvent("the app's window", (event) => event.event === 'window');

  return {
    events,
    waitForEvent,
    /** Resolves once the main view finished loading a URL that contains `part` (after event index `from`). */
    waitForLoad(part, from = 0) {
      return waitForEvent(`a page with ${part}`, (event) => event.event === 'load' && event.view === 'main' && event.uri.includes(part), from);
    },
    /** Navigates the main view, as the app itself would (no click, no opener). */
    load(url) {
      child.stdin.write(`${JSON.stringify({ cmd: 'load', url })}\n`);
    },
    /** Resolves with the main view's URL and text once its URL contains `part` (polled: a page restored
     * from the back-forward cache fires no load). */
    async waitForUrl(part) {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const page = await ask({ cmd: 'text' });
        if (typeof page?.url === 'string' && page.url.includes(part)) return page;
        if (Date.now() > deadline) throw new Error(`timed out waiting for a page with ${part} (at ${page?.url})`);
        await wait(POLL_MS);
      }
    },
    /** What the main view shows: its URL and body text. */
    pageText() {
      return ask({ cmd: 'text' });
    },
    /** `url`'s body as the app's own cookie jar gets it (the platform's view of the session). */
    async readInAppJar(url) {
      return ask({ cmd: 'session', url });
    },
    /** A real X click (xdotool) in the middle of the first element `css` matches, once it is there. */
    async click(css) {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      let rect = await ask({ cmd: 'rect', css });
      while (!rect || rect.error) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${css} to click`);
        await wait(POLL_MS);
        rect = await ask({ cmd: 'rect', css });
      }
      await run('xdotool', ['mousemove', '--window', String(xid), String(Math.round(rect.x)), String(Math.round(rect.y)), 'click', '1']);
    },
    async quit() {
      if (!exited) child.stdin.write(`${JSON.stringify({ cmd: 'quit' })}\n`);
      const timer = setTimeout(() => child.kill('SIGKILL'), QUIT_TIMEOUT_MS);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
