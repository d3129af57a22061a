// Runs in the pseudo-locale session of runTest.ts: VS Code in the `qps-ploc` display language, with the bundle
// tools/pseudo-l10n.cjs makes from l10n/bundle.l10n.json (every letter accented, every message in ⟦…⟧). What
// Ring Keys shows on its main surfaces — status bar and tooltip, Keys view, verify notifications, workspace
// info, Request Tester — must then hold no English word of its own: only data (product, workspace and endpoint
// names, numbers, paths). Each surface is also photographed (artifacts/screenshots/pseudo-*.png).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { chooseEndpoint, text, waitText } from './testerUi';
import { allowSkips, skipBecause } from './skips';
import { activate, clearNotifications, NO_UI_BRIDGE, sandbox, ui, waitFor } from './util';

const SKIPS = allowSkips(__filename, {
  desktop: NO_UI_BRIDGE,
  pseudoOnly: 'runs only in the pseudo-locale session (VS Code in qps-ploc with the pseudo-localised bundle)',
});

/** Data that may stay as it is: names of products, the sandbox's workspace and endpoints, HTTP tokens, numbers. */
const DATA = [
  /Ring Keys|Ringg AI|Ringyo AI|Ring Tonic|Ringg|Ringyo/g, /Sandbox Workspace|Owner/g, /\$\([\w~-]+\)/g, /…\w{4}/g, /https?:\/\/\S+/g,
  /\b(GET|POST|PATCH|PUT|DELETE)\b/g, /\b[a-z]+\/[\w.+-]+/g, /\/[\w/{}.-]*/g, /\b\d{3} [A-Z][A-Za-z ]+$/gm, /\b(OK|JSON|API|TEST|ms|KiB|B|cr)\b/g, /[\w.-]+_[\w.-]+/g,
  /\b\d[\d,.]*\b/g,
];
/** The profile's name is data too: accented, so it cannot pass for a string that was not localised. */
const PROFILE = 'Ƥŕóƒíĺé';

/** English words left in `texts` once the data is taken out (empty when everything came from the bundle). */
function english(texts: readonly string[]): string[] {
  return texts.map(t => DATA.reduce((s, re) => s.replace(re, ' '), t)).flatMap(t => t.match(/\b[A-Za-z]{2,}(?:[\s,;:'"()-]+[A-Za-z]{2,})*/g) ?? []);
}

function assertLocalised(surface: string, texts: readonly string[]): void {
  assert.ok(texts.join('').length > 0, `${surface}: nothing was read`);
  assert.deepStrictEqual(english(texts), [], `${surface} shows English: ${JSON.stringify(texts)}`);
}

const visible = (selector: string) => waitFor(`${selector} to show`, async () => (await ui.count(`${selector} >> visible=true`)) > 0);
const toasts = async () => ui.texts('.notifications-toasts .notification-toast .notification-list-item-message, .notifications-center .notification-list-item-message');

describe('every string from the pseudo-localised bundle [pseudo]', function () {
  this.timeout(180_000);
  let api: RingKeysApi;
  let profileId: string;

  before(async function () {
    if (!ui.available || !sandbox.origin) { skipBecause(this, SKIPS.desktop); }
    // outside the pseudo-locale session (the main session) there is no pseudo bundle to check
    if (vscode.env.language !== 'qps-ploc') { skipBecause(this, SKIPS.pseudoOnly); }
    api = await activate();
    await sandbox.reset();
    // Add Key as a person does, found by what the widgets are (their titles are pseudo-localised)
    const added = vscode.commands.executeCommand<string>(Commands.addKey);
    await visible('.quick-input-widget');
    await ui.input('Ringg');
    await ui.press('Enter');
    await visible('.quick-input-widget input[type="password"]');
    await ui.input((await sandbox.state()).ringgKey);
    await ui.press('Enter');
    await waitFor('the name box', async () => (await ui.count('.quick-input-widget input[type="password"] >> visible=true')) === 0);
    await ui.input(PROFILE);
    await ui.press('Enter');
    profileId = await added;
    await waitFor('the valid state', () => api.status().kind === 'valid');
    await clearNotifications();
  });

  it('the display language is the pseudo locale and the bundle is the pseudo one', () => {
    assert.strictEqual(vscode.env.language, 'qps-ploc');
    assert.strictEqual(vscode.l10n.t('Show Logs'), '⟦Šĥóŵ Ĺóğš⟧');
  });

  it('status bar and its tooltip', async () => {
    const { text: item, tooltip } = api.status();
    assertLocalised('the status bar item', [item]);
    assertLocalised('the status bar tooltip', [tooltip.replace(/\[([^\]]*)\]\(command:[^)]*\)/g, '$1')]);
    await ui.hover('.statusbar-item:has-text("Sandbox Workspace")');
    await visible('.monaco-hover, .workbench-hover');
    await ui.screenshot('pseudo-status-bar');
  });

  it('the Keys view', async () => {
    await ui.hover('.activitybar');
    await vscode.commands.executeCommand('workbench.view.extension.ringKeys');
    const rows = '.pane-body .monaco-list-row[aria-level]';
    await waitFor('the profile row', async () => (await ui.texts(rows)).join().includes(PROFILE));
    assertLocalised('the Keys view', (await ui.ariaLabels(rows)).map(l => l.replace(PROFILE, ' ')));
    await ui.screenshot('pseudo-keys-view');
  });

  it('verify: the success and the error notification', async () => {
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, profileId), 'valid');
    await waitFor('the valid toast', async () => (await toasts()).some(t => t.includes(PROFILE)));
    assertLocalised('the verify notification', (await toasts()).map(t => t.replace(PROFILE, ' ')));
    await clearNotifications();
    await sandbox.faults({ malformedNext: 4 });
    try {
      assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, profileId), 'undetermined');
      await waitFor('the error toast', async () => (await toasts()).length > 0);
      await ui.screenshot('pseudo-verify-error');
      // the answer's own words (a quoted snippet of what the server sent) are data
      assertLocalised('the verify error', (await toasts()).map(t => t.replace(PROFILE, ' ').replace(/"[^⟧]*"/g, ' ')));
    } finally {
      await sandbox.faults({ malformedNext: 0 });
      await clearNotifications();
    }
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, profileId), 'valid');
    await clearNotifications();
  });

  it('Show Workspace Info', async () => {
    await vscode.commands.executeCommand(Commands.showWorkspaceInfo, profileId);
    await waitFor('the info view', () => (api.workspaceInfo() as { type?: string } | undefined)?.type === 'info');
    await waitFor('the table in the webview', async () => (await ui.texts('table', true)).join().includes('Sandbox Workspace'));
    const info = api.workspaceInfo() as { facts: Array<[string, string]> };
    // values that are the provider's data (workspace id, creation time) are not ours to translate
    assertLocalised('the workspace facts', info.facts.map(([label, value]) => `${label} ${/[a-f0-9-]{8,}|\d{4}-\d\d-\d\d/.test(value) ? '' : value}`));
    // and what the view's own script writes around them (buttons, the time of the answer, the raw answer's title)
    const page = await ui.texts('#info-root button, #info-root p, #info-root summary', true);
    assertLocalised('the workspace-info view', page.map(t => t.replace(PROFILE, ' ').replace(/\b(AM|PM)\b/g, ' ')));
    await ui.screenshot('pseudo-workspace-info');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Request Tester: its frame, a confirmation and an answer', async () => {
    await vscode.commands.executeCommand(Commands.openRequestTester, { profileId });
    await waitText('the tester', '#endpoints', /\/workspace/);
    await ui.click('label[for="provider-ringg"]', true);
    await waitFor('the key chosen', async () => (await text('#profile')).includes(PROFILE));
    await chooseEndpoint('calling/outbound/individual', 'ringg_calls_outbound');   // (summaries are pseudo-localised: by path)
    await ui.click('#send', true);
    await waitText('the confirmation', '#confirm-title', /⟦/);
    await ui.screenshot('pseudo-tester-confirm');
    assertLocalised('the confirmation', [await text('#confirm-title'), (await text('#confirm-message')).replace(PROFILE, ' '),
      await text('#confirm-detail'), await text('#confirm-cancel'), await text('#confirm-send')]);
    // the endpoint as the catalogue describes it: summary, risk, what it does, its note
    assertLocalised('the endpoint', [await text('#endpoint')]);
    await ui.press('Enter');   // Cancel has the focus
    await chooseEndpoint('GET /workspace', 'ringg_workspace_info');
    await ui.press('Control+Enter');
    await waitText('the answer', '#result-status', /200/);
    await ui.screenshot('pseudo-tester-answer');
    assertLocalised('the answer\'s status meaning', [await text('#result-meaning')]);
    assertLocalised('the tester\'s own labels', [await text('#provider-label'), await text('#send'), await text('#copy-curl'),
      await text('#history-title'), await text('#result-title')]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
