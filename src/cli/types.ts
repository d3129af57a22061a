export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  /** Reads all of standard input (only when a command asks for it, e.g. `--key-stdin`). */
  stdin(): Promise<string>;
  readonly cwd: string;
  /** Called once on Ctrl-C / SIGTERM (long-running commands such as `sandbox` stop cleanly). */
  onSignal(handler: () => void): void;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad arguments: main prints the message and exits 2. */
export class UsageError extends Error {}
