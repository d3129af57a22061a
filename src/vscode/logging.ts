import * as vscode from 'vscode';
import type { Logger } from '../core/log';

/**
 * The one LogOutputChannel ("Ring Keys"), seen by the core as a plain Logger. With `keepTail` (only when VS Code
 * runs the extension's tests), the last lines are also kept in memory, so a failed test can print what the
 * extension did (a log line never holds a key).
 */
export function createLogChannel(keepTail = 0): { channel: vscode.LogOutputChannel; logger: Logger; tail: (since?: number) => string[] } {
  const channel = vscode.window.createOutputChannel('Ring Keys', { log: true });
  const lines: Array<{ at: number; line: string }> = [];
  const kept = (level: string, write: (m: string) => void) => (m: string) => {
    write(m);
    if (!keepTail) { return; }
    const at = Date.now();
    lines.push({ at, line: `${new Date(at).toISOString().slice(11, 23)} ${level} ${m}` });
    if (lines.length > keepTail) { lines.shift(); }
  };
  const logger: Logger = {
    trace: m => channel.trace(m),
    debug: kept('debug', m => channel.debug(m)),
    info: kept('info', m => channel.info(m)),
    warn: kept('warn', m => channel.warn(m)),
    error: kept('error', m => channel.error(m)),
  };
  return { channel, logger, tail: (since = 0) => lines.filter(l => l.at >= since).map(l => l.line) };
}
