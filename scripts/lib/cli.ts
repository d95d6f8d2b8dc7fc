/** What the project's commands share on the command line: `--help`, clear refusals, and how to name pnpm. */
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * The repository's root folder. Defined here rather than with the development set-up, which
 * loads every subgraph: seconds a command would spend before it can print its --help.
 */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs with `--help` (prints `help`, exits 0) and one-line refusals of unknown or malformed
 * options (exits 2) instead of a stack trace.
 */
export function parseCommandLine<T extends Options>(help: string, options: T, allowPositionals = false) {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ options, allowPositionals, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nRun with --help to see the options.\n`);
    process.exit(2);
  }
}

/** Ends a command with a one-line message for the person running it (no stack trace). */
export function stop(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * How to run a pnpm command on a machine with this environment: `pnpm` when the project's pnpm
 * version is installed on the PATH (and is what runs us), else the `npx -y pnpm@…` the README's
 * quick start uses.
 */
export function pnpmCommandFor(env: NodeJS.ProcessEnv, version: string): string {
  // npx puts the pnpm it fetched on the PATH of what it runs, in a folder of its own cache.
  const found = (env.PATH ?? '').split(delimiter).find((dir) => {
    try {
      accessSync(join(dir, 'pnpm'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  const installed = found !== undefined && !found.split(sep).includes('_npx');
  const ranBy = env.npm_config_user_agent ?? '';
  return installed && ranBy.includes(`pnpm/${version}`) ? 'pnpm' : `npx -y pnpm@${version}`;
}

let pnpm: string | undefined;

/** `pnpmCommandFor` this process, for the project's pinned pnpm. */
export function pnpmCommand(): string {
  const { packageManager } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  pnpm ??= pnpmCommandFor(process.env, packageManager.replace(/^pnpm@/, ''));
  return pnpm;
}
