// The start-up entry (src/start.ts) against a recording stand-in of the `vscode` module: what VS Code loads
// registers a stand-in for every contributed command, restored panel and tool, returns at once, and hands every
// call that comes before the extension has loaded to the real one.
import * as assert from 'node:assert';
import * as nodeModule from 'node:module';

type Handler = (...args: unknown[]) => unknown;
interface Registry { commands: Map<string, Handler>; serializers: Map<string, { deserializeWebviewPanel(p: unknown, s: unknown): unknown }>; tools: Map<string, { invoke(o: unknown, t: unknown): unknown; prepareInvocation?(o: unknown, t: unknown): unknown }>; errors: string[] }

function fakeVscode(reg: Registry) {
  const disposable = (f: () => void) => ({ dispose: f });
  return {
    commands: {
      registerCommand(id: string, h: Handler) {
        assert.ok(!reg.commands.has(id), `${id} registered twice`);
        reg.commands.set(id, h);
        return disposable(() => reg.commands.delete(id));
      },
      async executeCommand(id: string, ...args: unknown[]) {
        const h = reg.commands.get(id);
        if (!h) { throw new Error(`command '${id}' not found`); }
        return h(...args);
      },
    },
    window: {
      registerWebviewPanelSerializer(viewType: string, s: { deserializeWebviewPanel(p: unknown, st: unknown): unknown }) {
        assert.ok(!reg.serializers.has(viewType), `a serializer for ${viewType} registered twice`);
        reg.serializers.set(viewType, s);
        return disposable(() => reg.serializers.delete(viewType));
      },
      showErrorMessage(m: string) { reg.errors.push(m); return Promise.resolve(undefined); },
    },
    lm: {
      registerTool(name: string, t: { invoke(o: unknown, tk: unknown): unknown }) {
        assert.ok(!reg.tools.has(name), `tool ${name} registered twice`);
        reg.tools.set(name, t);
        return disposable(() => reg.tools.delete(name));
      },
    },
    l10n: { t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)])) },
  };
}

const manifest = {
  activationEvents: ['onStartupFinished', 'onWebviewPanel:ringKeys.workspaceInfo'],
  contributes: { commands: [{ command: 'ringKeys.verifyKey' }, { command: 'ringKeys.showLogs' }], languageModelTools: [{ name: 'ringkeys_request' }] },
};

/** Loads src/start.ts with `vscode` and `./main.js` replaced; `main` is what the extension's bundle exports. */
function loadStart(reg: Registry, main: () => unknown): { activate: (ctx: unknown) => { ready: () => Promise<void> } & Record<string, unknown> } {
  const file = require.resolve('../../src/start');
  delete require.cache[file];
  const mod = nodeModule.Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = mod._load;
  const vscode = fakeVscode(reg);
  mod._load = (request: string, parent: unknown, isMain: boolean) => {
    if (request === 'vscode') { return vscode; }
    if (request === './main.js') { return main(); }
    return original(request, parent, isMain);
  };
  after(() => { mod._load = original; });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as ReturnType<typeof loadStart>;
}

const registry = (): Registry => ({ commands: new Map(), serializers: new Map(), tools: new Map(), errors: [] });
const context = { extension: { packageJSON: manifest } };

describe('start-up entry (src/start.ts)', () => {
  it('returns before the extension loads, with a stand-in for every contributed command, restored panel and tool', async () => {
    const reg = registry();
    let loaded = false;
    const { activate } = loadStart(reg, () => { loaded = true; return { activate: () => ({}), handoff: { serializer: () => undefined, tool: () => undefined } }; });
    const api = activate(context);
    assert.strictEqual(loaded, false, 'the extension loaded inside activate()');
    assert.deepStrictEqual([...reg.commands.keys()].sort(), ['ringKeys.showLogs', 'ringKeys.verifyKey']);
    assert.deepStrictEqual([...reg.serializers.keys()], ['ringKeys.workspaceInfo']);
    assert.deepStrictEqual([...reg.tools.keys()], ['ringkeys_request']);
    await api.ready();
    assert.strictEqual(loaded, true);
  });

  it('a command run before the extension has loaded runs the real command, with its arguments and its result', async () => {
    const reg = registry();
    const calls: unknown[][] = [];
    const { activate } = loadStart(reg, () => ({
      activate: () => {
        // the stand-ins are gone when the extension registers its own (VS Code refuses a second registration)
        reg.commands.set('ringKeys.verifyKey', (...a: unknown[]) => { calls.push(a); return 'verified'; });
        reg.commands.set('ringKeys.showLogs', () => undefined);
        return { version: '1.2.3' };
      },
      handoff: { serializer: () => undefined, tool: () => undefined },
    }));
    const api = activate(context);
    const early = reg.commands.get('ringKeys.verifyKey')!('profile-1', { quiet: true });
    assert.deepStrictEqual(calls, [], 'the real command ran before the extension loaded');
    assert.strictEqual(await early, 'verified');
    assert.deepStrictEqual(calls, [['profile-1', { quiet: true }]]);
    await api.ready();
    assert.strictEqual(api.version, '1.2.3', 'the extension\'s API is the one activate() returned');
  });

  it('a panel restored and a tool called before the extension has loaded reach its serializer and tool', async () => {
    const reg = registry();
    const seen: string[] = [];
    const { activate } = loadStart(reg, () => ({
      activate: () => ({}),
      handoff: {
        serializer: (v: string) => v === 'ringKeys.workspaceInfo' ? { deserializeWebviewPanel: (p: unknown, s: unknown) => { seen.push(`panel ${String(p)} ${JSON.stringify(s)}`); } } : undefined,
        tool: (n: string) => n === 'ringkeys_request' ? { invoke: (o: unknown) => { seen.push(`invoke ${JSON.stringify(o)}`); return 'answer'; }, prepareInvocation: () => ({ confirmationMessages: 'sure?' }) } : undefined,
      },
    }));
    activate(context);
    const panel = reg.serializers.get('ringKeys.workspaceInfo')!.deserializeWebviewPanel('P', { profile: 'a' });
    const tool = reg.tools.get('ringkeys_request')!;
    const prepared = tool.prepareInvocation!({ input: {} }, undefined);
    const answer = tool.invoke({ input: { endpoint: 'workspace' } }, undefined);
    await panel;
    assert.deepStrictEqual(await prepared, { confirmationMessages: 'sure?' });
    assert.strictEqual(await answer, 'answer');
    assert.deepStrictEqual(seen, ['panel P {"profile":"a"}', 'invoke {"input":{"endpoint":"workspace"}}']);
    assert.strictEqual(reg.serializers.size + reg.tools.size, 0, 'the stand-ins are disposed once the extension has loaded');
  });

  it('an extension that fails to load says so, and a waiting command fails with the reason instead of hanging', async () => {
    const reg = registry();
    const { activate } = loadStart(reg, () => { throw new Error('dist/main.js is missing'); });
    const api = activate(context);
    const early = reg.commands.get('ringKeys.verifyKey')!();
    await assert.rejects(api.ready(), /dist\/main\.js is missing/);
    await assert.rejects(early as Promise<unknown>, /dist\/main\.js is missing/);
    assert.deepStrictEqual(reg.errors, ['Ring Keys could not start: dist/main.js is missing']);
    assert.strictEqual(reg.commands.size, 0, 'no stand-in is left to wait for an extension that will never load');
  });
});
