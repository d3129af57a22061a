// "Rotate this leaked key" rewrites every file that holds the key byte for byte: an ISO-8859-1 .properties file
// keeps its accented bytes, a CRLF shell script keeps its CRLFs, a binary file is left alone and named in the
// summary, and so are a file in node_modules, a file over 2 MiB and a document with unsaved changes (edited in its
// editor; its file on disk keeps the key until it is saved). The bytes on disk are compared with the expected ones, exactly.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { driveLeakFlow, newRinggWorkspace } from './leakFlow';
import { activate, answer, NO_UI_BRIDGE, removeAllKeysThroughUi, runEnv, sandbox, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

describe('rewrites keep every other byte: a leaked key rotated out of ISO-8859-1, CRLF, binary, excluded, large and unsaved files', function () {
  this.timeout(240_000);
  const dir = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'rewrite');
  const at = (name: string) => vscode.Uri.joinPath(dir(), name);

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    await activate();
    await sandbox.reset();
    // the web workbench saves after a delay by default: an editor must keep its unsaved changes here
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    const dirty = vscode.workspace.textDocuments.find(d => d.uri.toString() === at('dirty.ts').toString());
    if (dirty?.isDirty) {
      await vscode.window.showTextDocument(dirty);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(dir(), { recursive: true }).then(undefined, () => undefined);
    await removeAllKeysThroughUi();
    await vscode.commands.executeCommand('notifications.clearAll');
    await sandbox.reset();
  });

  it('Ringg: the key in a Latin-1 .properties file, a CRLF script, a binary file, node_modules, a file over 2 MiB and an unsaved editor → exactly the expected bytes, the rest named', async () => {
    const leaked = await newRinggWorkspace('Byte Workspace');
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    // mixed line endings in the .properties file; CRLF throughout the script
    const props = latin1(`# Réglages de l'équipe\r\nringg.api.key=${leaked}\nnom=Müller ©\n`);
    const script = Buffer.from(`#!/bin/sh\r\n# déploiement\r\ncurl -H "X-API-KEY: ${leaked}" https://prod-api.ringg.ai/ca/api/v0/workspace\r\n`);
    const blob = Buffer.concat([Buffer.from('x'.repeat(9000)), Buffer.from(leaked), Buffer.from([0, 1, 2, 0xff])]);
    const onDisk = Buffer.from(`export const k = '${leaked}';\n`);
    fs.mkdirSync(dir().fsPath, { recursive: true });
    fs.writeFileSync(at('app.properties').fsPath, props);
    fs.writeFileSync(at('deploy.sh').fsPath, script);
    fs.writeFileSync(at('blob.bin').fsPath, blob);
    fs.writeFileSync(at('dirty.ts').fsPath, onDisk);
    // an excluded folder (searched, never changed) and a file over 2 MiB (not searched)
    const vendored = Buffer.from(`module.exports = { key: '${leaked}' };\n`);
    const large = Buffer.concat([Buffer.from(`key=${leaked}\n`), Buffer.alloc(2 * 1024 * 1024, 0x61)]);
    fs.mkdirSync(at('node_modules/pkg').fsPath, { recursive: true });
    fs.writeFileSync(at('node_modules/pkg/index.js').fsPath, vendored);
    fs.writeFileSync(at('large.txt').fsPath, large);
    // a document with unsaved changes of the user's (the key is saved, a comment is not)
    const dirty = await vscode.workspace.openTextDocument(at('dirty.ts'));
    const ed = await vscode.window.showTextDocument(dirty, { preview: false });
    assert.ok(await ed.edit(e => e.insert(new vscode.Position(0, 0), '// work in progress\n')));
    assert.ok(dirty.isDirty);

    const r = await driveLeakFlow({ ts: at('client.ts'), py: at('job.py') }, leaked, 'Byte Workspace', undefined, { listed: 5 });
    assert.strictEqual(r.result, 'rotated');
    assert.match(r.listed.join('\n'), /app\.properties:2/);
    assert.match(r.listed.join('\n'), /deploy\.sh:3/);
    // the summary counts only what is rewritten on disk, and names the rest
    assert.match(r.summary, /4 occurrence\(s\) in 4 file\(s\) now read RINGG_API_KEY\. The key may still be in: 1 file\(s\) edited in the editor but not saved \(they had unsaved changes\): on disk they keep the key until you save; 1 binary or undecodable file\(s\), not changed; 1 file\(s\) in excluded folders \(node_modules, \.git, dist, out\), not changed; 1 file\(s\) over 2 MiB, not searched\./);

    // exactly the expected bytes
    assert.deepStrictEqual(fs.readFileSync(at('app.properties').fsPath), latin1('# Réglages de l\'équipe\r\nringg.api.key=${RINGG_API_KEY}\nnom=Müller ©\n'));
    assert.deepStrictEqual(fs.readFileSync(at('deploy.sh').fsPath),
      Buffer.from('#!/bin/sh\r\n# déploiement\r\ncurl -H "X-API-KEY: ${RINGG_API_KEY}" https://prod-api.ringg.ai/ca/api/v0/workspace\r\n'));
    assert.deepStrictEqual(fs.readFileSync(at('blob.bin').fsPath), blob, 'the binary file is untouched');
    assert.deepStrictEqual(fs.readFileSync(at('node_modules/pkg/index.js').fsPath), vendored);
    assert.deepStrictEqual(fs.readFileSync(at('large.txt').fsPath), large);
    assert.strictEqual(fs.readFileSync(at('client.ts').fsPath, 'utf8').split('\n')[3], "  headers: { 'X-API-KEY': process.env.RINGG_API_KEY },");
    assert.strictEqual(fs.readFileSync(at('job.py').fsPath, 'utf8'),
      'import os\nimport requests\n\nRINGG_API_KEY = os.environ["RINGG_API_KEY"]\nrequests.get("https://prod-api.ringg.ai/ca/api/v0/workspace", headers={"X-API-KEY": RINGG_API_KEY})\n');
    // the unsaved document reads the variable in its editor; its file keeps what it had until the user saves
    assert.ok(dirty.isDirty);
    assert.strictEqual(dirty.getText(), '// work in progress\nexport const k = process.env.RINGG_API_KEY;\n');
    assert.deepStrictEqual(fs.readFileSync(at('dirty.ts').fsPath), onDisk);

    // "Show Files" lists the places the key may still be
    await answer('Show Files', 'Rotated the leaked key');
    const rows = '.quick-input-widget .quick-input-list .monaco-list-row';
    const places = (await waitFor('the places listed', async () => { const t = await ui.texts(rows); return t.length === 4 && t; })).join('\n');
    for (const p of ['dirty.ts', 'blob.bin', 'node_modules/pkg/index.js', 'large.txt']) { assert.ok(places.includes(`rewrite/${p}`), `${p} is listed: ${places}`); }
    await ui.press('Escape');
  });
});
