// Security hardening, seen as a user sees it in a real VS Code: a hostile server that echoes the key in
// every disguise (status bar, tooltip, Keys view, tester, notifications, log, global state), a hostile
// workspace name in the tooltips, and a workspace setting that points the baseline out of the folder.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, Settings } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { findingFingerprint } from '../../src/core/scanner/baseline';
import { SANDBOX_CAMPAIGN_ID } from '../../src/sandbox/server';
import { leaks } from '../unit/leaks';
import { addKeyThroughUi, answer, clearNotifications, dialogText, NO_UI_BRIDGE, removeAllKeysThroughUi, sandbox, ui, waitFor, startOnFreshSandbox } from './util';
import { allowSkips } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

type Provider = 'ringg' | 'ringyo' | 'ringtonic';
const LABEL: Record<Provider, 'Ringg AI' | 'Ringyo AI' | 'Ring Tonic'> = { ringg: 'Ringg AI', ringyo: 'Ringyo AI', ringtonic: 'Ring Tonic' };
const FORMS = ['preview', 'case', 'urlencoded', 'host', 'name'] as const;

const hoverHtml = async () => (await ui.call<{ html: string[] }>('html', { selector: '.workbench-hover, .monaco-hover' })).html.join('\n');
const frameHtml = async () => (await ui.call<{ html: string[] }>('html', { selector: 'html', frame: true })).html.join('\n');

describe('security: what the extension shows and keeps, against a hostile server and a hostile workspace', function () {
  this.timeout(600_000);
  let api: RingKeysApi;
  const ids: Partial<Record<Provider, string>> = {};

  before(async function () {
    ({ api } = await startOnFreshSandbox(this, SKIPS.desktop, ['RING_KEYS_USER_DATA_DIR']));
    await clearNotifications();
  });

  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    await sandbox.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllKeysThroughUi();
    await clearNotifications();
  });

  it('a key echoed back in any case, %-encoded, cut at 80 characters, in a host name or a workspace name reaches nothing a person or a file can see (all three providers)', async () => {
    const keys = (await sandbox.state()).keys;
    const keyOf: Record<Provider, string> = { ringg: keys.ringg, ringyo: keys.ringyoLive, ringtonic: keys.ringtonic };
    for (const p of ['ringg', 'ringyo', 'ringtonic'] as const) {
      ids[p] = await addKeyThroughUi(LABEL[p], `Hostile ${p}`, keyOf[p]);
    }
    // Ring Tonic verifies only through a campaign: set it as a person does (Set Campaign… on the first verify)
    const first = vscode.commands.executeCommand<string>(Commands.verifyKey, ids.ringtonic);
    await waitFor('the offer to set a campaign', async () => /Set Campaign/.test(await dialogText()));
    await answer('Set Campaign…');
    await waitFor('the campaign box', async () => (await ui.count('.quick-input-widget >> visible=true')) > 0);
    await ui.input(SANDBOX_CAMPAIGN_ID);
    await ui.press('Enter');
    await first;
    await waitFor('Ring Tonic verified through the campaign', () => api.profiles().find(x => x.id === ids.ringtonic)?.lastState === 'valid');
    await clearNotifications();

    const seen: Array<[string, string, Provider]> = [];
    await vscode.commands.executeCommand('ringKeys.keys.focus');
    for (const form of FORMS) {
      await sandbox.faults({ leak: form });
      for (const p of ['ringg', 'ringyo', 'ringtonic'] as const) {
        await vscode.commands.executeCommand(Commands.switchKey, ids[p]);
        const state = await vscode.commands.executeCommand<string>(Commands.verifyKey, ids[p]);
        await waitFor(`${p} ${form}: the status bar settled`, () => api.status().kind !== 'verifying');
        seen.push([`${p} ${form} verify result`, String(state), p]);
        seen.push([`${p} ${form} status bar`, `${api.status().text}\n${api.status().tooltip}`, p]);
        seen.push([`${p} ${form} status bar as shown`, (await ui.texts('.statusbar')).join('\n'), p]);
        seen.push([`${p} ${form} Keys view`, (await ui.texts('.monaco-list-row')).join('\n'), p]);
        seen.push([`${p} ${form} notifications`, await dialogText(), p]);
        await clearNotifications();
      }
    }
    // the Keys view's tooltip, hovered as a person would
    await ui.hover(`.monaco-list-row:has-text("Hostile ringg")`);
    await waitFor('the Keys view tooltip', async () => /Hostile ringg/.test(await hoverHtml()), 10_000).catch(() => undefined);
    seen.push(['ringg Keys view tooltip', await hoverHtml(), 'ringg']);

    // the Request Tester: each leaking answer shown and kept in history (Ringg and Ringyo endpoints that need no input)
    for (const [p, endpoint] of [['ringg', /GET\s+\/workspace$/], ['ringyo', /GET\s+\/agents$/]] as const) {
      // the first endpoint of each provider's catalogue is a read that needs no input
      await vscode.commands.executeCommand(Commands.openRequestTester, { kind: 'profile', id: ids[p], provider: p });
      await waitFor(`the ${p} tester`, async () => endpoint.test((await ui.texts('#endpoint-title', true)).join()));
      for (const form of FORMS) {
        await sandbox.faults({ leak: form });
        const before = api.tester().history.length;
        await ui.click('#send', true);
        await waitFor(`${p} ${form}: a tester answer`, () => api.tester().history.length > before);
        seen.push([`${p} ${form} tester webview`, await frameHtml(), p], [`${p} ${form} tester state`, JSON.stringify(api.tester()), p]);
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    await sandbox.faults({ leak: null });

    // what was kept: global state (profile metadata, lastSummary, tester history) and every file (the log)
    const storage = await ui.call<{ text: string }>('browserStorage', { skip: ['secrets.provider'] });
    const userData = process.env.RING_KEYS_USER_DATA_DIR!;
    const files: string[] = [];
    const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name); if (e.isDirectory()) { walk(f); } else if (e.isFile()) { files.push(f); } } };
    walk(userData);
    // User/History is VS Code's local history of workspace files: other tests write the sandbox keys into files on purpose
    const filesSearched = files.filter(f => !path.relative(userData, f).split(path.sep).join('/').startsWith('User/History/'));
    const kept = [['browser storage', storage.text], ...filesSearched.map(f => [`file ${path.relative(userData, f)}`, fs.readFileSync(f).toString('utf8')])];
    for (const p of ['ringg', 'ringyo', 'ringtonic'] as const) {
      for (const [where, text] of kept) { seen.push([where, text, p]); }
    }

    // positive controls: the hostile answers were shown and kept (so a key would have been found)
    const all = seen.map(([, t]) => t).join('\n');
    assert.match(all, /\[REDACTED\]/, 'redacted answers were shown');
    assert.match(storage.text, /Hostile ringg/, 'profile metadata is among what was searched');
    assert.ok(filesSearched.some(f => /Ring Keys\.log$/.test(f)), 'the log channel file was searched');
    const hits = seen.filter(([, text, p]) => leaks(text, keyOf[p])).map(([where, text, p]) => `${where}: ${leaks(text, keyOf[p])}`);
    console.log(`    searched ${seen.length} places for runs of 3 keys`);
    assert.deepStrictEqual(hits, [], 'a run of a key was found');
  });

  it('a hostile workspace name shows as text in the status bar and its tooltip, and creates no link', async () => {
    const hostile = '[Run me](command:ringKeys.removeKey) **bold** ![x](https://evil.example/x.png) https://evil.example';
    await sandbox.faults({ workspaceName: hostile, leak: null });
    const id = ids.ringg ?? await addKeyThroughUi('Ringg AI', 'Hostile ringg', (await sandbox.state()).keys.ringg);
    await vscode.commands.executeCommand(Commands.switchKey, id);
    assert.strictEqual(await vscode.commands.executeCommand<string>(Commands.verifyKey, id), 'valid');
    await clearNotifications();
    await waitFor('the hostile name in the status bar', () => api.status().text.includes('[Run me]'));
    // the tooltip's Markdown holds the name only as character references, and enables no command
    assert.ok(!api.status().tooltip.includes('](command:'), api.status().tooltip);
    await ui.hover('.statusbar-item:has-text("Run me")');
    const html = await waitFor('the tooltip', async () => { const h = await hoverHtml(); return /Run me/.test(h) && h; });
    await ui.screenshot('security-hostile-workspace-name-tooltip');
    assert.doesNotMatch(html, /<a\b/i, 'no link in the tooltip');
    assert.doesNotMatch(html, /<img\b|<strong>bold/i, 'no image, no emphasis');
    const text = html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');
    assert.ok(text.includes('[Run me](command:ringKeys.removeKey) **bold**'), `the name is shown as written: ${text}`);
    await sandbox.faults({ workspaceName: null });
    assert.ok(api.profiles().some(p => p.id === id), 'no command ran: the key is still there');
  });

  it('ringKeys.diagnostics.baselineFile with `..`, an absolute path or a symlink out of the folder: nothing is read or written outside', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-outside-'));
    const target = path.join(outside, 'accepting.json');
    // a baseline outside the folder that would accept the key in leaks/call.http, were it read
    const content = `${JSON.stringify({ version: 1, entries: [{ rule: 'ringg-api-key', fingerprint: findingFingerprint('ringg-api-key', '9e0c4f7b-21d8-4a6e-b3c5-7d8e9f0a1b2c') }] })}\n`;
    fs.writeFileSync(target, content);
    const link = path.join(folder.fsPath, 'escape');
    fs.symlinkSync(outside, link);
    const config = vscode.workspace.getConfiguration(Settings.diagnostics);
    try {
      for (const value of [path.relative(folder.fsPath, target), target, 'escape/accepting.json', 'escape/new-baseline.json']) {
        await config.update('baselineFile', value, vscode.ConfigurationTarget.Workspace);
        await clearNotifications();
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'leaks', 'call.http'));
        await vscode.window.showTextDocument(doc);
        const ours = () => vscode.languages.getDiagnostics(doc.uri).filter(d => d.source === DIAGNOSTIC_SOURCE);
        // not read: the outside baseline accepts the key, yet it is reported
        const [d] = await waitFor(`${value}: the key reported`, () => { const x = ours(); return x.length === 1 && x; });
        const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const add = fixes.find(f => f.command?.command === Commands.addKeyToBaseline);
        assert.ok(add, 'Add to baseline is offered');
        const added = await vscode.commands.executeCommand(add.command!.command, ...(add.command!.arguments ?? []));
        assert.strictEqual(added, false, `${value}: refused`);
        await waitFor(`${value}: a clear message`, async () => /leads out of the folder|is absolute/.test(await dialogText()));
        // not written: the outside folder holds exactly what it held
        assert.deepStrictEqual(fs.readdirSync(outside), ['accepting.json'], value);
        assert.strictEqual(fs.readFileSync(target, 'utf8'), content, value);
        assert.strictEqual(ours().length, 1, `${value}: still reported`);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
      await ui.screenshot('security-baseline-outside-refused');
    } finally {
      await config.update('baselineFile', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
      await clearNotifications();
    }
  });
});
