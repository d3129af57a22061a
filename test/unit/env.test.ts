// Keys in debug launches, per debugger type: the environment's shape, the user's own values win, opt-out.
import * as assert from 'node:assert';
import { debugRunsInTerminal, describeEntries, envFileNames, envFileOf, envNameOf, envNameProblem, strictTerminalEnv, withDebugEnv, type EnvEntry } from '../../src/core/env';

const RINGG: EnvEntry = { name: 'RINGG_API_KEY', value: 'k-ringg-value', provider: 'ringg', profileName: 'Workspace', tail: '…alue' };
const RINGYO: EnvEntry = { name: 'RINGYO_API_KEY', value: 'k-ringyo-value', provider: 'ringyo', profileName: 'Dev (test)', tail: '…alue' };
const BOTH = [RINGG, RINGYO];

describe('keys in debug launches (withDebugEnv)', () => {
  for (const type of ['node', 'pwa-node', 'node-terminal', 'extensionHost', 'python', 'debugpy', 'go', 'java', 'coreclr', 'clr', 'dotnet']) {
    it(`${type}: adds every active key to "env" on launch, keeping what the launch sets`, () => {
      const config = { type, request: 'launch', name: 'Run', env: { DEBUG: '1' } };
      const r = withDebugEnv(config, BOTH);
      assert.deepStrictEqual(r.config.env, { DEBUG: '1', RINGG_API_KEY: 'k-ringg-value', RINGYO_API_KEY: 'k-ringyo-value' });
      assert.deepStrictEqual(r.added, ['RINGG_API_KEY', 'RINGYO_API_KEY']);
      assert.deepStrictEqual(config.env, { DEBUG: '1' }, 'the launch configuration itself (launch.json) is not changed');
    });
  }

  it('creates "env" when the launch has none', () => {
    const r = withDebugEnv({ type: 'python', request: 'launch', name: 'P', program: 'app.py' }, [RINGYO]);
    assert.deepStrictEqual((r.config as { env?: unknown }).env, { RINGYO_API_KEY: 'k-ringyo-value' });
    assert.strictEqual(r.config.program, 'app.py');
  });

  for (const type of ['cppdbg', 'cppvsdbg']) {
    it(`${type}: adds to "environment" as [{ name, value }], keeping what the launch sets`, () => {
      const r = withDebugEnv({ type, request: 'launch', name: 'C', environment: [{ name: 'RINGG_API_KEY', value: 'mine' }] }, BOTH);
      assert.deepStrictEqual(r.config.environment, [{ name: 'RINGG_API_KEY', value: 'mine' }, { name: 'RINGYO_API_KEY', value: 'k-ringyo-value' }]);
      assert.deepStrictEqual(r.kept, ['RINGG_API_KEY']);
    });
  }

  it('the user\'s own value wins, also an explicit null (js-debug: "unset it")', () => {
    const r = withDebugEnv({ type: 'node', request: 'launch', name: 'N', env: { RINGG_API_KEY: 'mine', RINGYO_API_KEY: null } }, BOTH);
    assert.deepStrictEqual(r.config.env, { RINGG_API_KEY: 'mine', RINGYO_API_KEY: null });
    assert.deepStrictEqual(r.added, []);
    assert.deepStrictEqual(r.kept, ['RINGG_API_KEY', 'RINGYO_API_KEY']);
  });

  it('a variable the launch\'s env file sets wins too', () => {
    const r = withDebugEnv({ type: 'go', request: 'launch', name: 'G', envFile: '/x/.env' }, BOTH, new Set(['RINGYO_API_KEY']));
    assert.deepStrictEqual((r.config as { env?: unknown }).env, { RINGG_API_KEY: 'k-ringg-value' });
    assert.deepStrictEqual(r.kept, ['RINGYO_API_KEY']);
  });

  it('"ringKeys": false opts a launch out: returned as it is', () => {
    const config = { type: 'node', request: 'launch', name: 'N', ringKeys: false };
    const r = withDebugEnv(config, BOTH);
    assert.strictEqual(r.config, config);
    assert.strictEqual(r.skipped, 'opted-out');
    assert.strictEqual((r.config as { env?: unknown }).env, undefined);
  });

  it('attach requests, browser debuggers and unknown types get nothing', () => {
    for (const config of [{ type: 'node', request: 'attach', name: 'A', port: 9229 }, { type: 'chrome', request: 'launch', name: 'B' },
      { type: 'pwa-chrome', request: 'launch', name: 'B' }, { type: 'made-up', request: 'launch', name: 'U' }]) {
      const r = withDebugEnv(config, BOTH);
      assert.strictEqual(r.config, config, JSON.stringify(config));
      assert.deepStrictEqual(r.added, []);
    }
  });

  it('no keys (untrusted, turned off, none stored): the launch is returned as it is', () => {
    const config = { type: 'node', request: 'launch', name: 'N' };
    assert.strictEqual(withDebugEnv(config, []).config, config);
  });

  it('an env that is not an object is replaced by one holding the keys, not merged into a string', () => {
    const r = withDebugEnv({ type: 'node', request: 'launch', name: 'N', env: 'oops' }, [RINGG]);
    assert.deepStrictEqual(r.config.env, { RINGG_API_KEY: 'k-ringg-value' });
  });
});

describe('variable names and env files', () => {
  it('a profile\'s own name, else the provider\'s default', () => {
    assert.strictEqual(envNameOf({ provider: 'ringg' }), 'RINGG_API_KEY');
    assert.strictEqual(envNameOf({ provider: 'ringyo' }), 'RINGYO_API_KEY');
    assert.strictEqual(envNameOf({ provider: 'ringtonic' }), 'RINGTONIC_API_KEY');
    assert.strictEqual(envNameOf({ provider: 'ringyo', envName: 'VOICE_KEY' }), 'VOICE_KEY');
    assert.strictEqual(envNameOf({ provider: 'ringyo', envName: 'bad name' }), 'RINGYO_API_KEY', 'an invalid stored name falls back');
  });

  it('refuses names a shell cannot hold, names the system uses, and another provider\'s name', () => {
    assert.match(envNameProblem('1KEY') ?? '', /letters, digits/);
    assert.match(envNameProblem('MY-KEY') ?? '', /letters, digits/);
    assert.match(envNameProblem('PATH') ?? '', /system/);
    assert.match(envNameProblem('node_options') ?? '', /system/);
    assert.match(envNameProblem('VSCODE_X') ?? '', /VS Code/);
    assert.match(envNameProblem('RINGG_API_KEY', ['RINGG_API_KEY']) ?? '', /another provider/);
    assert.strictEqual(envNameProblem('VOICE_API_KEY', ['RINGG_API_KEY']), undefined);
  });

  it('reads only the names an env file sets', () => {
    assert.deepStrictEqual([...envFileNames('# c\nexport RINGG_API_KEY=abc\n  RINGYO_API_KEY = "x"\nnot a line\nPORT=1\r\n')], ['RINGG_API_KEY', 'RINGYO_API_KEY', 'PORT']);
  });

  it('finds the env file a launch reads: envFile, or Python\'s default .env in the folder', () => {
    assert.strictEqual(envFileOf({ type: 'node', envFile: '/w/.env.local' }, '/w'), '/w/.env.local');
    assert.strictEqual(envFileOf({ type: 'python' }, '/w/'), '/w/.env');
    assert.strictEqual(envFileOf({ type: 'node' }, '/w'), undefined);
  });

  it('the terminal\'s description names profile and masked tail, never the value', () => {
    const text = describeEntries(BOTH);
    assert.match(text, /RINGG_API_KEY ← Ringg AI "Workspace" \(…alue\)/);
    assert.ok(!text.includes('k-ringg-value') && !text.includes('k-ringyo-value'));
  });
});

describe('debug launches that run in the integrated terminal (no key there while VS Code revives terminals from disk)', () => {
  it('an explicit console decides; else Python, Java and the JavaScript Debug Terminal run in the terminal', () => {
    assert.strictEqual(debugRunsInTerminal({ type: 'node', console: 'integratedTerminal' }), true);
    assert.strictEqual(debugRunsInTerminal({ type: 'python', console: 'internalConsole' }), false);
    assert.strictEqual(debugRunsInTerminal({ type: 'debugpy' }), true);
    assert.strictEqual(debugRunsInTerminal({ type: 'java' }), true);
    assert.strictEqual(debugRunsInTerminal({ type: 'node-terminal' }), true);
    assert.strictEqual(debugRunsInTerminal({ type: 'node' }), false);
    assert.strictEqual(debugRunsInTerminal({ type: 'go', console: 'externalTerminal' }), false);
  });
});

describe('the environment of a terminal opened with one chosen key (strictEnv)', () => {
  const base = { PATH: '/usr/bin', HOME: '/home/u', RINGG_API_KEY: 'from-the-shell', ELECTRON_RUN_AS_NODE: '1', VSCODE_IPC_HOOK: '/x.sock', VSCODE_SHELL_LOGIN: '1', UNSET: undefined };
  const chosen: EnvEntry = { name: 'RINGG_API_KEY', value: 'k-chosen', provider: 'ringg', profileName: 'Dev', tail: '…osen' };

  it('is the editor\'s environment without its private variables, with the chosen key on top', () => {
    const env = strictTerminalEnv(base, [chosen]);
    assert.deepStrictEqual(env, { PATH: '/usr/bin', HOME: '/home/u', RINGG_API_KEY: 'k-chosen', VSCODE_SHELL_LOGIN: '1' });
  });

  it('applies terminal.integrated.env: a value (with ${env:NAME}), null removes, other types are ignored', () => {
    const env = strictTerminalEnv(base, [chosen], { PATH: '${env:PATH}:/opt/bin', HOME: null, PORT: 8080, RINGG_API_KEY: 'set-in-settings' });
    assert.strictEqual(env.PATH, '/usr/bin:/opt/bin');
    assert.ok(!('HOME' in env) && !('PORT' in env));
    assert.strictEqual(env.RINGG_API_KEY, 'k-chosen', 'the chosen key wins over the settings, as the collection would');
  });
});
