// `ring-keys` command line: one subcommand per module, all over the same core as the extension.
import { guardedIo } from './args';
import type { CliCommand, CliIo } from './types';
import { VERSION } from './version';
import { errorMessage } from '../core/errorMessage';

/** Each command's module loads when that command runs: a scan never loads the HTTP client or the sandbox. */
const COMMANDS: ReadonlyArray<{ readonly name: string; load(): Promise<CliCommand> }> = [
  { name: 'verify', load: async () => (await import('./verify')).verifyCommand },
  { name: 'sandbox', load: async () => (await import('./sandbox')).sandboxCommand },
  { name: 'scan', load: async () => (await import('./scan')).scanCommand },
  { name: 'rules', load: async () => (await import('./scan')).rulesCommand },
  { name: 'hook', load: async () => (await import('./hook')).hookCommand },
  { name: 'mcp', load: async () => (await import('./mcp')).mcpCommand },
  { name: 'http', load: async () => (await import('./http')).httpCommand },
];

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

async function usage(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map(c => c.load()));
  const width = Math.max(...commands.map(c => c.name.length));
  return [
    'ring-keys: API keys for Ringg AI, Ringyo AI and Ring Tonic',
    '',
    'Usage: ring-keys <command> [options]',
    '',
    'Commands:',
    ...commands.map(c => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `ring-keys <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

export async function main(argv: string[], rawIo: CliIo = processIo()): Promise<number> {
  // an argument that looks like a key is never echoed, whichever message would repeat it
  const { io, redact } = guardedIo(argv, rawIo);
  try {
    return await dispatch(argv, io);
  } catch (err) {
    throw new Error(redact(errorMessage(err)));
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find(c => c.name === name);
  if (!entry) {
    io.stderr(`ring-keys: unknown command '${name}'\n\n${await usage()}`);
    return EXIT.usage;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(cmd.help);
    return EXIT.ok;
  }
  return cmd.run(rest, io);
}

export function processIo(): CliIo {
  return {
    stdout: s => { process.stdout.write(s); },
    stderr: s => { process.stderr.write(s); },
    env: process.env,
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) { chunks.push(c as Buffer); }
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    onSignal: handler => { process.once('SIGINT', handler); process.once('SIGTERM', handler); },
  };
}
