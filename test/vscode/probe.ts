// A probe program for the VS Code tier: started in a terminal, a task or a debug session, it writes a SHA-256
// of each key variable it received (null when unset) to a file, never a value.
import * as assert from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './util';

export const sha = (v: string) => createHash('sha256').update(v).digest('hex');
const NAMES = ['RINGG_API_KEY', 'RINGYO_API_KEY', 'RINGTONIC_API_KEY', 'VOICE_KEY'] as const;
type Seen = Record<(typeof NAMES)[number], string | null>;

/** A program that writes what it received: a SHA-256 per variable, null when unset. Nothing else. */
const PROBE = `const fs = require('fs'), c = require('crypto');
const h = n => process.env[n] === undefined ? null : c.createHash('sha256').update(process.env[n]).digest('hex');
const out = process.argv[2];
fs.writeFileSync(out + '.part', JSON.stringify(Object.fromEntries(${JSON.stringify(NAMES)}.map(n => [n, h(n)]))));
fs.renameSync(out + '.part', out);
`;

export class Probe {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-env-'));
  readonly script = path.join(this.dir, 'probe.js');
  private n = 0;
  constructor() { fs.writeFileSync(this.script, PROBE); }

  private async result(what: string, out: string): Promise<Seen> {
    const text = await waitFor(`the probe's answer from ${what}`, () => fs.existsSync(out) && fs.readFileSync(out, 'utf8'));
    return JSON.parse(text) as Seen;
  }

  /** In a new integrated terminal (the user's shell), as a person types it; closed after unless `keep`. */
  async terminal(terminal?: vscode.Terminal, keep = false): Promise<Seen> {
    const out = path.join(this.dir, `out-${++this.n}.json`);
    const t = terminal ?? vscode.window.createTerminal({ name: `probe ${this.n}` });
    t.sendText(`"${process.execPath}" "${this.script}" "${out}"`);
    try { return await this.result('a terminal', out); } finally { if (!keep) { t.dispose(); } }
  }

  /** In a task: `shell` (ShellExecution, as tasks.json "type": "shell") or `process` (ProcessExecution). */
  async task(kind: 'shell' | 'process'): Promise<Seen> {
    const out = path.join(this.dir, `out-${++this.n}.json`);
    const folder = vscode.workspace.workspaceFolders![0];
    const exec = kind === 'shell' ? new vscode.ShellExecution(process.execPath, [this.script, out]) : new vscode.ProcessExecution(process.execPath, [this.script, out]);
    const task = new vscode.Task({ type: kind }, folder, `probe ${this.n}`, 'ring-keys-test', exec);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, close: true };
    const ended = new Promise<void>(resolve => {
      const d = vscode.tasks.onDidEndTaskProcess(e => { if (e.execution.task.name === task.name) { d.dispose(); resolve(); } });
    });
    await vscode.tasks.executeTask(task);
    const seen = await this.result(`a ${kind} task`, out);
    await ended;
    return seen;
  }

  /** In a Node debug session (js-debug), with launch settings a person might write. */
  async debug(extra: Record<string, unknown> = {}): Promise<Seen> {
    const out = path.join(this.dir, `out-${++this.n}.json`);
    const ended = new Promise<void>(resolve => {
      const d = vscode.debug.onDidTerminateDebugSession(() => { d.dispose(); resolve(); });
    });
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0],
      { type: 'node', request: 'launch', name: `probe ${this.n}`, program: this.script, args: [out], console: 'internalConsole', ...extra });
    assert.ok(started, 'the debug session started');
    const seen = await this.result('a Node debug session', out);
    await ended;
    return seen;
  }

  dispose(): void { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

