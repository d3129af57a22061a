// A fake window for the key commands' handlers (src/vscode/features/keys/facade.ts): it records what it
// shows and asks, and answers each question with the next scripted answer, in order.
//   message / modal: the button to press (undefined: the user closes it)
//   input:           what the user types, or several tries in turn (each is checked as the real box checks
//                    it: an error keeps the box open and the next try is typed; undefined or running out of
//                    tries: the user presses Escape)
//   pick:            the label (without its $(icon)) to choose; undefined: Escape
import { errorMessage } from '../../src/core/errorMessage';
import type { ProviderId } from '../../src/core/providers/catalog';
import type { InputOptions, InputProblem, KeyUi, PickItem } from '../../src/vscode/features/keys/facade';
import { english } from './support';

export type Answer = string | string[] | undefined;

/** Something shown to the user: a message, a modal question or a failure (`err`, `ctx`). */
export interface Shown {
  how: 'info' | 'warn' | 'error' | 'modal-info' | 'modal-warning' | 'modal-error' | 'failure';
  message: string;
  detail?: string;
  items: string[];
  err?: unknown;
  ctx?: { provider?: ProviderId; profileId?: string; action?: string };
}

/** A question asked through an input box or a quick pick, with what the box said to each try. */
export interface Asked {
  how: 'input' | 'pick';
  title?: string;
  password?: boolean;
  value?: string;
  items?: string[];
  problems: Array<InputProblem & { typed: string }>;
}

const bare = (label: string) => label.replace(/^\$\([^)]*\)\s*/, '');

export function fakeUi(answers: Answer[] = [], locale = 'en-US') {
  const shown: Shown[] = [];
  const asked: Asked[] = [];
  const calls: Array<{ what: string; args: unknown[] }> = [];
  const progress: Array<{ title: string; where: string }> = [];
  const next = (): Answer => answers.shift();
  const button = () => { const a = next(); return Promise.resolve(Array.isArray(a) ? a[0] : a); };
  const message = (how: Shown['how']) => (text: string, ...items: string[]) => { shown.push({ how, message: text, items }); return button(); };

  async function input(opts: InputOptions): Promise<string | undefined> {
    const q: Asked = { how: 'input', title: opts.title, password: opts.password, value: opts.value, problems: [] };
    asked.push(q);
    const a = next();
    const tries = a === undefined ? [] : Array.isArray(a) ? a : [a];
    for (const typed of tries) {
      const problem = opts.validate?.(typed);
      if (problem) { q.problems.push({ ...problem, typed }); }
      if (problem?.severity === 'error') { continue; }
      const refused = await opts.accept?.(typed);
      if (refused) { q.problems.push({ ...refused, typed }); continue; }
      return typed;
    }
    return undefined;
  }

  async function pick<T extends PickItem>(items: readonly T[], opts: { title?: string; placeHolder?: string }): Promise<T | undefined> {
    asked.push({ how: 'pick', title: opts.title ?? opts.placeHolder, items: items.filter(i => !i.separator).map(i => bare(i.label)), problems: [] });
    const a = next();
    const label = Array.isArray(a) ? a[0] : a;
    if (label === undefined) { return undefined; }
    const found = items.find(i => !i.separator && bare(i.label) === label);
    if (!found) { throw new Error(`the pick has no "${label}": ${items.map(i => bare(i.label)).join(', ')}`); }
    return found;
  }

  const ui: KeyUi = {
    l10n: english,
    locale,
    info: message('info'),
    warn: message('warn'),
    error: message('error'),
    modal: (kind, text, detail, ...items) => { shown.push({ how: `modal-${kind}`, message: text, detail, items }); return button(); },
    input,
    pick,
    progress: (title, task, where = 'notification') => { progress.push({ title, where }); return task(); },
    openExternal: async url => { calls.push({ what: 'open', args: [url] }); },
    copy: async text => { calls.push({ what: 'copy', args: [text] }); },
    command: async (id, ...args) => { calls.push({ what: id, args }); },
    failure: (err, ctx) => { shown.push({ how: 'failure', message: `${ctx.action ?? ''}: ${errorMessage(err)}`, items: [], err, ctx }); },
    findInWorkspace: async (literal, label) => { calls.push({ what: 'find', args: [literal, label] }); },
  };
  return { ui, shown, asked, calls, progress, answers };
}

/** Lets the notifications' `.then` handlers (fire-and-forget in the handlers) run. */
export const settle = () => new Promise(r => setImmediate(r));

/** Waits until `ok()` holds (a flow the handler left running after it returned), or fails after `ms`. */
export async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise(r => setTimeout(r, 5));
  }
}
