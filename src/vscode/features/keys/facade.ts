// What the key commands need from the window, and nothing more: messages, modal questions, one input box,
// one quick pick, progress, clipboard, commands. The handlers (keyHandlers.ts, rotateHandlers.ts, campaign.ts,
// interrupted.ts) see only this facade, so unit tests drive every flow with a fake one; ui.ts is the real one.
// Type-only `vscode` import: this module loads without VS Code.
import type { l10n } from 'vscode';
import type { ProviderId } from '../../../core/providers/catalog';

/** A message under an input box: an error keeps Enter from accepting, a warning does not. */
export interface InputProblem {
  message: string;
  severity: 'error' | 'warning';
}

export interface InputOptions {
  title: string;
  prompt?: string;
  value?: string;
  placeHolder?: string;
  /** A password box: what is typed is never shown. */
  password?: boolean;
  /** Checked as the user types. */
  validate?(value: string): InputProblem | undefined;
  /** Checked once on Enter (it may ask a server): a problem keeps the box open and says why. */
  accept?(value: string): Promise<InputProblem | undefined>;
}

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
  /** A separator line between groups (not choosable). */
  separator?: boolean;
}

export interface KeyUi {
  /** Localised strings (vscode.l10n in the extension). */
  l10n: Pick<typeof l10n, 't'>;
  /** The display language, for numbers such as credits (vscode.env.language in the extension). */
  locale: string | undefined;
  info(message: string, ...items: string[]): Promise<string | undefined>;
  warn(message: string, ...items: string[]): Promise<string | undefined>;
  error(message: string, ...items: string[]): Promise<string | undefined>;
  /** A modal question (a notification where the workbench refuses modals). */
  modal(kind: 'info' | 'warning' | 'error', message: string, detail: string, ...items: string[]): Promise<string | undefined>;
  /** One input box (focus may leave it without closing it); undefined when the user closes it. */
  input(opts: InputOptions): Promise<string | undefined>;
  /** A quick pick; a `menu` closes when focus leaves it, other picks stay open. */
  pick<T extends PickItem>(items: readonly T[], opts: { title?: string; placeHolder?: string; menu?: boolean }): Promise<T | undefined>;
  /** Runs `task` with a progress indicator: a notification, or the quieter status-bar spinner. */
  progress<T>(title: string, task: () => Promise<T>, where?: 'notification' | 'statusBar'): Promise<T>;
  openExternal(url: string): Promise<unknown>;
  copy(text: string): Promise<void>;
  command(id: string, ...args: unknown[]): Promise<unknown>;
  /** The typed error's message and fix, with Show Logs (and Re-enter Key where that is the fix). */
  failure(err: unknown, ctx: { provider?: ProviderId; profileId?: string; action?: string }): void;
  findInWorkspace(literal: string, label: string): Promise<void>;
}
