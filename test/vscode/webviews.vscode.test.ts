// Both webview panels (workspace info and the Request Tester) through the one webview host: opened twice they
// stay one panel; closed, they leave nothing behind (no listener, no disposable in the extension's
// subscriptions, however often they are opened); the info view shows the sandbox workspace's facts, and a
// workspace name that is HTML shows as text. Adds the key it needs; depends on no other test file.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { allowSkips } from './skips';
import { addKeyThroughUi, clearNotifications, NO_UI_BRIDGE, removeKeyThroughUi, sandbox, ui, waitFor, startOnFreshSandbox } from './util';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

const INFO = 'ringKeys.workspaceInfo';
const TESTER = 'ringKeys.requestTester';

/** Editor tabs of a view type (the workbench prefixes the extension's view type). */
const tabs = (viewType: string) => vscode.window.tabGroups.all.flatMap(g => g.tabs)
  .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
const frameHtml = async (selector: string) => (await ui.call<{ html: string[] }>('html', { selector, frame: true })).html.join('\n');
/** The info table as label → value, read from the webview's DOM. */
async function infoRows(): Promise<Map<string, string>> {
  const labels = await ui.texts('#content th', true);
  const values = await ui.texts('#content td', true);
  return new Map(labels.map((l, i) => [l.trim(), (values[i] ?? '').trim()]));
}
const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, '');

describe('webview panels: one at a time, nothing left behind when closed', function () {
  this.timeout(240_000);
  let api: RingKeysApi;
  let ringgKey: string;
  let profileId: string | undefined;

  before(async function () {
    ({ api, ringgKey } = await startOnFreshSandbox(this, SKIPS.desktop));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    profileId = await addKeyThroughUi('Ringg AI', 'Panels workspace', ringgKey);
    await clearNotifications();
  });

  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    await sandbox.faults({ workspaceName: null });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (profileId && api.profiles().some(p => p.id === profileId)) { await removeKeyThroughUi(profileId, 'Panels workspace'); }
    await clearNotifications();
  });

  async function showInfo(): Promise<void> {
    await vscode.commands.executeCommand(Commands.showWorkspaceInfo, profileId);
    await waitFor('the info table', async () => (await infoRows()).get('Workspace') === 'Sandbox Workspace');
  }

  async function closePanels(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('every panel closed', () => !api.webviews().info.open && !api.webviews().tester.open);
  }

  it('Show Workspace Info twice: one panel, showing the sandbox workspace\'s name, credits and locked credits', async () => {
    const opened = api.webviews().info.opened;
    await showInfo();
    await showInfo();
    assert.strictEqual(tabs(INFO).length, 1, `one workspace-info tab: ${tabs(INFO).map(t => t.label).join(', ')}`);
    assert.strictEqual(api.webviews().info.opened, opened + 1, 'the second command revealed the first panel');
    // what the sandbox says, read with the key itself, next to what the view shows
    const answer = await (await fetch(`${sandbox.origin}/ca/api/v0/workspace`, { headers: { 'x-api-key': ringgKey } })).json() as
      { workspace_info: { name: string; credits: number; locked_credits: number } };
    const ws = answer.workspace_info;
    // read again until the second command's refresh has drawn the table (a frame being replaced may be read meanwhile)
    const rows = await waitFor('the facts after the second command', async () => {
      const r = await infoRows();
      return r.get('Workspace') === ws.name && r.has('Locked credits') && r.has('Available') ? r : undefined;
    });
    assert.strictEqual(digits(rows.get('Credits')), String(ws.credits), `credits: ${rows.get('Credits')}`);
    assert.strictEqual(digits(rows.get('Locked credits')), String(ws.locked_credits), `locked credits: ${rows.get('Locked credits')}`);
    assert.strictEqual(digits(rows.get('Available')), String(ws.credits - ws.locked_credits), `available: ${rows.get('Available')}`);
    await waitFor('the title naming the key', async () => /Ringg AI · Panels workspace \(…\w{4}\)/.test((await ui.texts('#title', true)).join()));
    assert.ok(!(await frameHtml('html:has(#info-root)')).includes(ringgKey), 'the key is not in the webview');
    await ui.screenshot('workspace-info-panel');
  });

  it('closing a panel disposes it: opened and closed three times, no listener and no subscription is left', async () => {
    await closePanels();
    const base = api.webviews().subscriptions;
    for (let round = 1; round <= 3; round++) {
      await showInfo();
      await vscode.commands.executeCommand(Commands.openRequestTester);
      await waitFor('the tester', async () => /GET|POST/.test((await ui.texts('#endpoints', true)).join()));
      const open = api.webviews();
      assert.ok(open.info.open && open.tester.open, `round ${round}: both panels open`);
      assert.ok(open.info.listeners > 0 && open.tester.listeners > 0, `round ${round}: the panels listen (${open.info.listeners}, ${open.tester.listeners})`);
      assert.strictEqual(open.subscriptions, base, `round ${round}: opening adds nothing to the extension's subscriptions`);
      await closePanels();
      const closed = api.webviews();
      assert.deepStrictEqual([closed.info.listeners, closed.tester.listeners], [0, 0], `round ${round}: no listener outlives its panel`);
      assert.strictEqual(closed.subscriptions, base, `round ${round}: closing leaves the subscriptions as they were`);
      assert.deepStrictEqual([tabs(INFO).length, tabs(TESTER).length], [0, 0]);
    }
  });

  it('Open Request Tester twice: one panel, revealed again with the key asked for', async () => {
    const opened = api.webviews().tester.opened;
    await vscode.commands.executeCommand(Commands.openRequestTester);
    await waitFor('the tester', async () => /GET|POST/.test((await ui.texts('#endpoints', true)).join()));
    await vscode.commands.executeCommand(Commands.openRequestTester, { kind: 'profile', id: profileId });
    await waitFor('the key chosen', async () => /Panels workspace \(…/.test((await ui.texts('#profile', true)).join()));
    assert.strictEqual(tabs(TESTER).length, 1, `one Request Tester tab: ${tabs(TESTER).map(t => t.label).join(', ')}`);
    assert.strictEqual(api.webviews().tester.opened, opened + 1);
    await closePanels();
  });

  it('a workspace name that is HTML shows as text after Refresh, and nothing in it runs', async () => {
    const hostile = '<img src=x onerror="document.title=1"><b>Bold</b> & Co';
    await showInfo();
    await sandbox.faults({ workspaceName: hostile });
    await ui.click('#refresh', true);   // the webview asks the host to read the workspace again
    await waitFor('the hostile name as text', async () => (await infoRows()).get('Workspace') === hostile);
    const html = await frameHtml('#content');
    assert.doesNotMatch(html, /<img|<b>/, 'no element made from the name');
    assert.ok(html.includes('&lt;img src=x onerror="document.title=1"&gt;&lt;b&gt;Bold&lt;/b&gt; &amp; Co'), html);
    await sandbox.faults({ workspaceName: null });
    await closePanels();
  });
});
