import { allRules } from '../core/rules';
import { EXIT_OK, EXIT_USAGE, type CliIO } from './io';
import { runGraphCommand } from './graph-command';
import { LINT_USAGE, runLintCommand } from './lint-command';
import { nodeIO } from './node-io';
import { VERSION } from './version';

const USAGE = `argo-studio ${VERSION}: Argo Workflows linter and graph renderer

Commands:
  lint [--format text|json|sarif|github] [--rule CODE=SEVERITY|off] [--helm PATH|off] [--helm-values FILE] [-o FILE] PATH... (- for stdin)
  graph FILE|- [--template NAME] [--direction TB|LR] [--document N] [-o out.svg]
  rules             list every rule with its code, default severity and description
  version           print the version (also --version)

${LINT_USAGE}`;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return runLintCommand(rest, io);
    case 'graph':
      return runGraphCommand([...rest], io);
    case 'rules':
      for (const r of allRules()) io.stdout(`${r.code.padEnd(34)} ${r.severity.padEnd(8)} ${r.description}\n`);
      return EXIT_OK;
    case 'version':
    case '--version':
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    default:
      io.stderr(`argo-studio: unknown command "${command}"\n${USAGE}`);
      return EXIT_USAGE;
  }
}

main(process.argv.slice(2), nodeIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A system error (a file, a pipe) is the user's to fix: its reason, no stack. Anything else is our bug.
    const systemError = e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
    const text = e instanceof Error ? (systemError ? e.message : (e.stack ?? e.message)) : String(e);
    process.stderr.write(`argo-studio: ${text}\n`);
    process.exitCode = 2;
  },
);
