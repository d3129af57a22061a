import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { activate, ui, waitFor } from './util';

describe('activation (in a real VS Code extension host)', () => {
  it('activates on startup and registers every command it contributes', async () => {
    const api = await activate();
    assert.match(api.version, /^\d+\.\d+\.\d+/);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(Commands)) {
      assert.ok(registered.has(id), `${id} is contributed but not registered`);
    }
    console.log(`    VS Code ${vscode.version}, ${vscode.env.appName}, extension host Node ${process.version}`);
  });

  it('Show Logs opens the "Ring Keys" log channel', async function () {
    if (!ui.available) { this.skip(); }
    await vscode.commands.executeCommand(Commands.showLogs);
    await waitFor('the output panel showing Ring Keys',
      async () => (await ui.texts('.part.panel .monaco-select-box, .part.panel .monaco-editor')).join('\n').includes('Ring Keys'));
    const shot = await ui.screenshot('activation-log-channel');
    assert.ok(shot.endsWith('.png'));
  });

  it('the Ring Keys view welcomes a first-time user with an Add Key button', async function () {
    if (!ui.available) { this.skip(); }
    await vscode.commands.executeCommand('workbench.view.extension.ringKeys');
    await waitFor('the welcome view', async () => (await ui.texts('.welcome-view-content')).join().includes('No API keys stored yet'));
    assert.ok((await ui.texts('.welcome-view-content .monaco-button')).some(t => t.includes('Add Key')));
    await ui.screenshot('sidebar-welcome');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
});

