// The `scdk-conformance` bin (package.json "bin"): Node 20 or later, which has fetch and WebCrypto.
import { runCli } from './cli';

interface NodeProcess {
  argv: string[];
  env: Record<string, string | undefined>;
  exitCode?: number;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

// The package's sources compile without Node's types (they run on other runtimes too); the bin needs only these.
const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process;

runCli(nodeProcess.argv.slice(2), {
  env: nodeProcess.env,
  out: (text) => nodeProcess.stdout.write(text),
  err: (text) => nodeProcess.stderr.write(text),
}).then(
  (code) => {
    nodeProcess.exitCode = code;
  },
  (error: unknown) => {
    nodeProcess.stderr.write(`scdk-conformance: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    nodeProcess.exitCode = 1;
  },
);
