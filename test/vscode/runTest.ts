// Starts the VS Code tier: a sandbox API for the run, a fresh user-data dir whose settings point the
// extension at the sandbox, a copy of the fixture workspace, then @vscode/test-electron's runTests.
// Where VS Code can be downloaded set RING_KEYS_DESKTOP=1 and test-electron fetches it as usual;
// otherwise the stand-in (tools/standin) is the VS Code executable.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { SandboxServer } from '../../src/sandbox/server';

const ROOT = path.resolve(__dirname, '../../..');

async function main(): Promise<number> {
  // the Ringg key leaked in the fixture workspace (leaks/move.ts) is the sandbox workspace's live key, as a
  // leaked key usually is: the quick fix verifies a key before it stores it
  const sandbox = await SandboxServer.start({ keys: { ringg: '6b1f0e2d-4c3a-4b5e-9d8c-7a6f5e4d3c2b' } });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-vscode-test-'));
  try {
    const userDataDir = path.join(tmp, 'user-data');
    const settings = {
      'ringKeys.ringg.baseUrl': sandbox.baseUrls.ringg,
      'ringKeys.ringyo.baseUrl': sandbox.baseUrls.ringyo,
      'ringKeys.ringtonic.baseUrl': sandbox.baseUrls.ringtonic,
      'security.workspace.trust.enabled': false,
    };
    // Machine-scoped settings of a remote window (the stand-in's) live in Machine/settings.json.
    for (const dir of ['User', 'Machine']) {
      fs.mkdirSync(path.join(userDataDir, dir), { recursive: true });
      fs.writeFileSync(path.join(userDataDir, dir, 'settings.json'), JSON.stringify(settings, null, 2));
    }
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    const resultsFile = path.join(tmp, 'results.json');
    const desktop = process.env.RING_KEYS_DESKTOP === '1';
    try {
      await runTests({
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.join(__dirname, 'index'),
        vscodeExecutablePath: desktop ? undefined : path.join(ROOT, 'tools', 'standin', 'code-shim.sh'),
        // leaks/settings.py is open in an editor from the start (the start-up test looks at its diagnostics)
        launchArgs: [workspace, path.join(workspace, 'leaks', 'settings.py'), `--user-data-dir=${userDataDir}`, '--disable-extensions', '--disable-workspace-trust'],
        extensionTestsEnv: {
          RING_KEYS_SANDBOX: sandbox.origin,
          RING_KEYS_USER_DATA_DIR: userDataDir,
          RING_KEYS_TEST_RESULTS: resultsFile,
          RING_KEYS_TEST_GREP: process.env.RING_KEYS_TEST_GREP ?? '',
          RING_KEYS_STARTUP_OUT: process.env.RING_KEYS_STARTUP_OUT ?? '',
        },
      });
      return 0;
    } catch (err) {
      console.error('VS Code tests failed:', err instanceof Error ? err.message : err);
      return 1;
    } finally {
      if (fs.existsSync(resultsFile) && process.env.RING_KEYS_TEST_RESULTS_OUT) {
        fs.copyFileSync(resultsFile, process.env.RING_KEYS_TEST_RESULTS_OUT);
      }
    }
  } finally {
    await sandbox.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main().then(code => process.exit(code));
