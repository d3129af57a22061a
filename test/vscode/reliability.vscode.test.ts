// A hostile provider, seen from inside VS Code: every case ends in bounded time with a clear message,
// the key is never sent to another origin, and a good key is never marked invalid because of it.
import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { activate, addKeyThroughUi, NO_UI_BRIDGE, runEnv, sandbox, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

const toastText = async () => {
  await vscode.commands.executeCommand('notifications.showList');
  return (await ui.texts('.notifications-center .notification-list-item')).join('\n');
};

describe('hostile provider (extension)', function () {
  this.timeout(120_000);
  let id = '';
  let elsewhere: http.Server;
  const arrived: string[] = [];

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    await activate();
    await sandbox.reset();
    id = await addKeyThroughUi('Ringg AI', `Hostile check ${Date.now()}`, (await sandbox.state()).ringgKey);
    elsewhere = http.createServer((req, res) => { arrived.push(`${req.method} ${req.url}`); res.end('{}'); });
    await new Promise<void>(r => elsewhere.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    elsewhere?.close();
    await sandbox.faults({ hostile: null, redirectTo: null });
    await vscode.commands.executeCommand('notifications.clearAll');
  });
  beforeEach(() => vscode.commands.executeCommand('notifications.clearAll'));

  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['HTML where JSON was promised', { hostile: 'html' }, /not the expected JSON: text\/html, \d+ bytes/],
    ['truncated JSON', { hostile: 'truncated' }, /not the expected JSON/],
    ['an endless body', { hostile: 'endless-body' }, /larger than 5120 KiB and was cut off/],
    ['503 forever', { hostile: 'unavailable-forever' }, /had a problem \(503\); retries did not help/],
    ['429 forever', { hostile: 'rate-limit-forever' }, /rate-limiting this key \(429\)/],
  ];
  for (const [name, faults, message] of cases) {
    it(`${name}: "undetermined" (never "invalid") with a clear message`, async () => {
      await sandbox.faults(faults);
      assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, id), 'undetermined');
      await waitFor(`the message for ${name}`, async () => message.test(await toastText()));
      assert.ok(!(await toastText()).includes((await sandbox.state()).ringgKey));
      await sandbox.faults({ hostile: null });
    });
  }

  it('a redirect to another origin is refused and the key never arrives there', async () => {
    await sandbox.faults({ redirectTo: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}` });
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, id), 'undetermined');
    await waitFor('the redirect message', async () => /redirected to another host .* the key was not sent there/.test(await toastText()));
    assert.deepStrictEqual(arrived, []);
    await ui.screenshot('hostile-redirect');
    await sandbox.faults({ redirectTo: null });
  });

  it('after the hostile spell the key verifies again', async () => {
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, id), 'valid');
  });
});

describe('Linux without a keyring', () => {
  it('a SecretStorage that throws is reported at once with the fix, and nothing falls back to a file', async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    const { checkSecretStorage } = await import('../../src/vscode/features/keys/keyring');
    const lines: string[] = [];
    const logger = { trace() { /* */ }, debug() { /* */ }, info() { /* */ }, warn() { /* */ }, error: (m: string) => { lines.push(m); } };
    const broken = {
      get: () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      store: () => Promise.reject(new Error('locked')), delete: () => Promise.reject(new Error('locked')),
      keys: () => Promise.reject(new Error('locked')), onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    } as unknown as vscode.SecretStorage;
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(await checkSecretStorage(broken, logger), false);
    await waitFor('the keyring message', async () => /cannot use the system keyring[\s\S]*locked collection[\s\S]*install and unlock a keyring/.test(await toastText()));
    assert.match(lines.join('\n'), /\[keyring\]/);
    await ui.screenshot('keyring-missing');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(await checkSecretStorage({ ...broken, get: () => Promise.resolve(undefined) }, logger), true);
  });
});
