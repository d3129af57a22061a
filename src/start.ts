// dist/extension.js, what VS Code loads when it activates Ring Keys: a stand-in for every command, webview
// serializer and language-model tool the manifest contributes, and nothing else. The extension itself
// (src/extension.ts, dist/main.js) loads in the extension host's next task, once activate() has returned, so
// VS Code's activation of the extensions that start with Ring Keys never waits for it. A stand-in called before
// then waits for it and hands the call over: a command runs again once the real one is registered, a restored
// panel or a tool call goes to the real serializer or tool (src/vscode/handoff.ts).
import { errorMessage } from './core/errorMessage';
import type { RingKeysApi } from './extension';
import type { Handoff } from './vscode/handoff';

// named imports: a namespace import (`import * as`) would copy the API's properties into an object at load
import { commands, l10n, lm, window, type Disposable, type ExtensionContext } from 'vscode';

/** What dist/main.js exports (esbuild.mjs, extension-entry). */
interface Main {
  activate(context: ExtensionContext, entry: { ms: number; loadMs: number }): RingKeysApi;
  handoff: Handoff;
}

/** The API tests read: RingKeysApi once `ready()` has resolved. */
export type StartedApi = RingKeysApi & { ready(): Promise<void> };

interface Contributions { contributes?: { commands?: Array<{ command: string }>; languageModelTools?: Array<{ name: string }> }; activationEvents?: string[] }

export function activate(context: ExtensionContext): StartedApi {
  const called = performance.now();
  const manifest = context.extension.packageJSON as Contributions;
  const standIns: Disposable[] = [];
  let settle!: { resolve(main: Main): void; reject(err: unknown): void };
  const main = new Promise<Main>((resolve, reject) => { settle = { resolve, reject }; });
  main.catch(() => { /* a failed load is shown to the user below; callers that wait get the reason */ });
  const api = { ready: () => main.then(() => undefined) } as StartedApi;

  for (const { command } of manifest.contributes?.commands ?? []) {
    standIns.push(commands.registerCommand(command, async (...args: unknown[]) => {
      await main;
      return commands.executeCommand(command, ...args);
    }));
  }
  // a panel VS Code brings back after a reload (package.json: onWebviewPanel:<viewType>)
  for (const event of manifest.activationEvents ?? []) {
    const viewType = /^onWebviewPanel:(.+)$/.exec(event)?.[1];
    if (!viewType) { continue; }
    standIns.push(window.registerWebviewPanelSerializer(viewType, {
      deserializeWebviewPanel: async (panel, state) => (await main).handoff.serializer(viewType)?.deserializeWebviewPanel(panel, state),
    }));
  }
  // an agent's tool call that activated Ring Keys (onLanguageModelTool:<name>)
  if (typeof lm?.registerTool === 'function') {
    for (const { name } of manifest.contributes?.languageModelTools ?? []) {
      const real = async () => { const tool = (await main).handoff.tool(name); if (!tool) { throw new Error(`Ring Keys has no tool ${name}`); } return tool; };
      standIns.push(lm.registerTool<unknown>(name, {
        prepareInvocation: async (options, token) => (await real()).prepareInvocation?.(options, token),
        invoke: async (options, token) => (await real()).invoke(options, token),
      }));
    }
  }

  const ms = performance.now() - called;
  setTimeout(() => {
    try {
      const loading = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require('./main.js') as Main;
      const loadMs = performance.now() - loading;
      // the real registrations replace the stand-ins in the same task: no call finds neither
      for (const d of standIns.splice(0)) { d.dispose(); }
      Object.assign(api, loaded.activate(context, { ms, loadMs }));
      settle.resolve(loaded);
    } catch (err) {
      for (const d of standIns.splice(0)) { d.dispose(); }
      settle.reject(err);
      void window.showErrorMessage(l10n.t('Ring Keys could not start: {0}', errorMessage(err)));
    }
  }, 0);
  return api;
}

export function deactivate(): void {
  // every disposable is owned by context.subscriptions
}
