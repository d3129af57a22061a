// The logging interface the core writes to. The extension hands in its one LogOutputChannel,
// the CLI a stderr logger, tests a recorder. Implementations never see an unredacted key:
// the HTTP layer redacts before it logs.
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = {
  trace() { /* dropped */ },
  debug() { /* dropped */ },
  info() { /* dropped */ },
  warn() { /* dropped */ },
  error() { /* dropped */ },
};

/** A logger that prefixes each line with a component name, e.g. `[http] GET …`. */
export function scoped(logger: Logger, component: string): Logger {
  const p = `[${component}] `;
  return {
    trace: m => logger.trace(p + m),
    debug: m => logger.debug(p + m),
    info: m => logger.info(p + m),
    warn: m => logger.warn(p + m),
    error: m => logger.error(p + m),
  };
}

/** A logger that passes every line through `redact` first; `redact` stays reachable for other output. */
export interface RedactingLogger extends Logger {
  readonly redact: (text: string) => string;
}

/** Wraps the one log sink so that no line reaches it unredacted, whoever wrote it. */
export function redacting(logger: Logger, redact: (text: string) => string): RedactingLogger {
  return {
    redact,
    trace: m => logger.trace(redact(m)),
    debug: m => logger.debug(redact(m)),
    info: m => logger.info(redact(m)),
    warn: m => logger.warn(redact(m)),
    error: m => logger.error(redact(m)),
  };
}

/** The redaction a logger applies (identity for one that applies none). */
export function redactionOf(logger: Logger): (text: string) => string {
  return (logger as Partial<RedactingLogger>).redact ?? (t => t);
}
