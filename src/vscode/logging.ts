import * as vscode from 'vscode';
import type { Logger } from '../core/log';

/** The one LogOutputChannel ("Ring Keys"), seen by the core as a plain Logger. */
export function createLogChannel(): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel('Ring Keys', { log: true });
  const logger: Logger = {
    trace: m => channel.trace(m),
    debug: m => channel.debug(m),
    info: m => channel.info(m),
    warn: m => channel.warn(m),
    error: m => channel.error(m),
  };
  return { channel, logger };
}
