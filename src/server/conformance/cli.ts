// `scdk-conformance`: argument parsing and output; bin.ts hands it the process.
import { ScdkError } from '../../shared/scdk-error';
import { formatReport } from './format-report';
import { runConformance } from './run-conformance';
import type { ConformanceOptions } from './types';

/** Where the gateway secret comes from: never an argument, which `ps` and CI logs show. */
export const SECRET_VARIABLE = 'SCDK_GATEWAY_SECRET';
/** The Cookie header of a live test session, for --destructive. */
export const SESSION_COOKIE_VARIABLE = 'SCDK_TEST_SESSION_COOKIE';
export const EXIT_CONFORMS = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: ${SECRET_VARIABLE}=<secret> scdk-conformance --platform URL --gateway G --partner-origin O[,O2]
         [--return-to URL] [--instances A,B] [--json] [--destructive]

Checks a deployed platform against the promises of scdk's README and SECURITY.md. Exits 1 if any check fails.
  --platform URL        the platform's public origin, as partners reach it
  --gateway G           a gateway registered on it
  --partner-origin O    all of the gateway's partner origins (repeat, or separate with commas)
  --return-to URL       a returnTo prefix on the gateway's allowlist (default: the first partner origin + /)
  --instances A,B       two or more instances' own base URLs: one-time ids must cross between them
  --json                the report as JSON, for CI
  --destructive         also log out the live test session in ${SESSION_COOKIE_VARIABLE} (its Cookie header)
`;

const VALUE_FLAGS = ['--platform', '--gateway', '--partner-origin', '--return-to', '--instances'] as const;
const SWITCHES = ['--json', '--destructive', '--help'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

interface Parsed {
  values: Map<ValueFlag, string[]>;
  switches: Set<string>;
}

function parse(args: readonly string[]): Parsed | string {
  const values = new Map<ValueFlag, string[]>();
  const switches = new Set<string>();
  for (let index = 0; index < args.length; index++) {
    const [flag = '', inline] = (args[index] as string).split(/=(.*)/s, 2);
    if ((SWITCHES as readonly string[]).includes(flag) && inline === undefined) {
      switches.add(flag);
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) return `Unknown argument ${JSON.stringify(args[index])}.`;
    const value = inline ?? args[++index];
    if (value === undefined || value === '') return `${flag} needs a value.`;
    values.set(flag as ValueFlag, [...(values.get(flag as ValueFlag) ?? []), ...value.split(',').map((each) => each.trim()).filter(Boolean)]);
  }
  return { values, switches };
}

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
  fetch?: typeof fetch;
}

/** Runs the bin with `args` (without node and the script); resolves the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed !== 'string' && parsed.switches.has('--help')) {
    io.out(USAGE);
    return EXIT_CONFORMS;
  }
  const single = (flag: ValueFlag) => (typeof parsed === 'string' ? undefined : parsed.values.get(flag)?.[0]);
  const problem = typeof parsed === 'string'
    ? parsed
    : !single('--platform') || !single('--gateway') || !single('--partner-origin')
      ? '--platform, --gateway and --partner-origin are required.'
      : !io.env[SECRET_VARIABLE]
        ? `Set ${SECRET_VARIABLE} to the gateway secret (not an argument: process lists and CI logs show those).`
        : parsed.switches.has('--destructive') && !io.env[SESSION_COOKIE_VARIABLE]
          ? `--destructive needs ${SESSION_COOKIE_VARIABLE}: the Cookie header of a logged-in test account, which it logs out.`
          : undefined;
  if (problem !== undefined || typeof parsed === 'string') {
    io.err(`scdk-conformance: ${problem}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const cookie = io.env[SESSION_COOKIE_VARIABLE];
  const options: ConformanceOptions = {
    platform: single('--platform') as string,
    gateway: single('--gateway') as string,
    partnerOrigins: parsed.values.get('--partner-origin') ?? [],
    secret: io.env[SECRET_VARIABLE] as string,
    instances: parsed.values.get('--instances') ?? [],
    ...(single('--return-to') ? { returnTo: single('--return-to') as string } : {}),
    ...(parsed.switches.has('--destructive') && cookie ? { destructive: { sessionCookie: cookie } } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  };
  try {
    const report = await runConformance(options);
    io.out(parsed.switches.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.ok ? EXIT_CONFORMS : EXIT_FAILED;
  } catch (error) {
    if (!(error instanceof ScdkError)) throw error;
    io.err(`scdk-conformance: ${error.detail}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
}
