// Modal confirmations as VS Code shows them. While extension tests run, VS Code refuses modal dialogs (its
// dialog service throws "refused to show dialog in tests" in any window with an extension tests location),
// so every other test meets the notification the extension asks in instead (src/vscode/ui/dialogs.ts).
// This "[modal]" test runs in runTest.ts's modal session: it stores one Ringg key and says what to expect;
// the stand-in then loads the window again without tests, where VS Code shows the real modal dialogs, and
// answers Rotate Key and Remove Key with Cancel and then accepts each, checking the effects
// (tools/standin/harness.mjs, modalCheck).
import * as fs from 'node:fs';
import { activate, addKeyThroughUi, NO_UI_BRIDGE, removeAllKeysThroughUi, runEnv, sandbox, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, {
  desktop: NO_UI_BRIDGE,
  modalOnly: 'runs only in the modal session (the window is loaded again without tests, where modal dialogs show)',
});

describe('modal confirmations, in a window without tests [modal]', function () {
  this.timeout(120_000);

  before(function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    if (!process.env.RING_KEYS_MODAL_CHECK) { skipBecause(this, SKIPS.modalOnly); }
    runEnv('RING_KEYS_SANDBOX');
  });

  it('stores the one Ringg key the modal check rotates and removes, and hands it over', async () => {
    const api = await activate();
    await removeAllKeysThroughUi();
    await sandbox.reset();
    const name = 'Modal check';
    const id = await addKeyThroughUi('Ringg AI', name, (await sandbox.state()).ringgKey);
    await waitFor('the key verified', () => api.profiles().find(p => p.id === id)?.lastState === 'valid');
    // the status bar names the key's workspace (the sandbox's); the check waits for it after loading the window
    const status = await waitFor('the status bar showing the verified key', () => api.status().kind === 'valid' && api.status().text.replace(/\$\([^)]*\)\s*/g, '').trim());
    fs.writeFileSync(process.env.RING_KEYS_MODAL_CHECK!, JSON.stringify({ name, status }));
  });
});
