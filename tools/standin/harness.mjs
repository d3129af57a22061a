#!/usr/bin/env node
// The VS Code stand-in: VS Code 1.100.3's server and web workbench (code-server, installed by
// install.sh) in Debian's headless chromium, driven by playwright-core. It takes the arguments of the
// `code` executable, so @vscode/test-electron's runTests({ vscodeExecutablePath }) can start it through
// code-shim.sh exactly as it would start a downloaded VS Code.
//
//   test mode   --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--enable-workspace-trust] [--locale=TAG] [FOLDER]
//               exit code = the test run's (from the workbench's codeAutomationExit)
//   serve mode  --serve [--port=N] --extensionDevelopmentPath=DIR [FOLDER]
//               starts the server for a person to open in a browser (the demo); runs until Ctrl-C
//
// In test mode a loopback "UI bridge" lets tests inside the extension host act on the real workbench
// as a person would (type into an input box, press keys, read the DOM, look inside webviews, take
// screenshots). Its URL reaches the extension host as RING_KEYS_UI_BRIDGE; see test/vscode/ui.ts.
//
// Environment: RING_KEYS_STANDIN_DIR (the install), CHROMIUM_BIN (default /usr/bin/chromium),
// RING_KEYS_TEST_TIMEOUT (seconds, default 2400: a watchdog for a hung session, sized so a busy runner's main
// session, which took over 600 s at load 15 on 2 cores, is not cut off; each test has its own limit), RING_KEYS_ARTIFACTS
// (logs and screenshots).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VERSION = '4.100.3';
const STANDIN_DIR = process.env.RING_KEYS_STANDIN_DIR || path.join(ROOT, '.vscode-test', `code-server-${VERSION}`);
const CODE_SERVER = path.join(STANDIN_DIR, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const TIMEOUT_S = Number(process.env.RING_KEYS_TEST_TIMEOUT || 2400);

const log = (...a) => console.log('[stand-in]', ...a);
const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const sleep = ms => new Promise(r => setTimeout(r, ms));

// ------------------------------------------------------------------ arguments (`code` CLI style)
const VALUED = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'port', 'artifacts', 'locale']);
function parseArgs(argv) {
  const o = { positional: [], extensionDevelopmentPath: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { o.positional.push(a); continue; }
    let [name, value] = a.slice(2).split(/=(.*)/s, 2);
    if (name === 'serve') { o.serve = true; continue; }
    if (name === 'enable-workspace-trust') { o.trust = true; continue; }
    if (!VALUED.has(name)) { continue; }   // flags of desktop VS Code with no meaning here
    if (value === undefined) { value = argv[++i]; }
    if (name === 'extensionDevelopmentPath') { o.extensionDevelopmentPath.push(value); } else { o[name] = value; }
  }
  return o;
}
const opts = parseArgs(process.argv.slice(2));
const testMode = !!opts.extensionTestsPath;
if (!testMode && !opts.serve) {
  console.error('usage: harness.mjs --extensionDevelopmentPath=DIR (--extensionTestsPath=FILE | --serve [--port=N]) [FOLDER]');
  process.exit(2);
}

// ------------------------------------------------------------------ scratch space of this run
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-standin-'));
const artifacts = path.resolve(opts.artifacts || process.env.RING_KEYS_ARTIFACTS || path.join(ROOT, 'artifacts'));
fs.mkdirSync(artifacts, { recursive: true });
const userDataDir = path.resolve(opts['user-data-dir'] || path.join(runDir, 'user-data'));
const extensionsDir = path.resolve(opts['extensions-dir'] || path.join(runDir, 'extensions'));
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
fs.mkdirSync(extensionsDir, { recursive: true });
fs.mkdirSync(path.join(runDir, 'tmp'));

// Quiet, offline, deterministic workbench. Settings the caller already wrote win.
const QUIET = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'files.hotExit': 'off',
  'git.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.commandCenter.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};
const settingsFile = path.join(userDataDir, 'User', 'settings.json');
const existing = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8') || '{}') : {};
fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET, ...existing }, null, 2));

// A display language other than English: code-server honours --locale only with a language pack, so an empty
// one is declared (VS Code's own strings stay English; extensions get their l10n bundle for that locale).
if (opts.locale && !opts.locale.startsWith('en')) {
  const translations = path.join(runDir, 'language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({ [opts.locale]: { hash: `ring-keys-${opts.locale}`, extensions: [{ extensionIdentifier: { id: 'ring-keys.pseudo-language-pack' }, version: '0.0.0' }], translations: { vscode: translations }, label: opts.locale } }));
}

// ------------------------------------------------------------------ cleanup of what this run started
let server; let browser; let bridge; let cleaning;
function groupAlive(pgid) { try { process.kill(-pgid, 0); return true; } catch { return false; } }
async function cleanup() {
  cleaning ||= (async () => {
    if (bridge) { bridge.close(); bridge.closeAllConnections?.(); }
    if (browser) { await browser.close().catch(() => {}); }
    if (server?.pid && groupAlive(server.pid)) {
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && groupAlive(server.pid)) { await sleep(100); }
      if (groupAlive(server.pid)) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }
    }
  })();
  return cleaning;
}

// ------------------------------------------------------------------ UI bridge (test mode)
// POST <bridge>/<op> with a JSON body. Only this run's tests know the token in the URL.
let page;
const bridgeToken = randomBytes(16).toString('hex');
const frameFor = async (selector) => {
  // Webviews live in nested iframes; find the frame that holds `selector`.
  for (const f of page.frames()) {
    if (await f.locator(selector).count().catch(() => 0)) { return f; }
  }
  return undefined;
};
const OPS = {
  async type({ text }) { await page.keyboard.type(text); return {}; },
  // focuses the element, replaces its value and fires its input events (no keystroke can go astray)
  async fill({ selector, text }) { await page.locator(selector).first().fill(text, { timeout: 10000 }); return {}; },
  async press({ key }) { await page.keyboard.press(key); return {}; },
  async text({ selector, frame }) {
    const target = frame ? await frameFor(selector) : page;
    if (!target) { return { texts: [] }; }
    return { texts: await target.locator(selector).allInnerTexts() };
  },
  async count({ selector }) { return { count: await page.locator(selector).count() }; },
  async click({ selector, frame }) {
    const target = frame ? await frameFor(selector) : page;
    if (!target) { throw new Error(`no frame holds ${selector}`); }
    await target.locator(selector).first().click({ timeout: 10000 });
    return {};
  },
  // a right click, as a person opens a context menu
  async contextClick({ selector }) {
    await page.locator(selector).first().click({ button: 'right', timeout: 10000 });
    return {};
  },
  async hover({ selector }) {
    const el = page.locator(selector).first();
    const b = await el.boundingBox();
    if (!b) { throw new Error(`${selector} is not visible`); }
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.move(b.x + b.width / 2 + 1, b.y + b.height / 2);
    return {};
  },
  async screenshot({ name }) {
    const file = path.join(artifacts, 'screenshots', `${String(name).replace(/[^\w.-]+/g, '-')}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    return { file };
  },
  async html({ selector, frame }) {
    const target = frame ? await frameFor(selector) : page;
    if (!target) { return { html: [] }; }
    return { html: await target.locator(selector).evaluateAll(els => els.map(e => e.outerHTML)) };
  },
  // drags the sash on the side bar's right edge until the side bar is `width` px wide (as a person resizes it)
  async sideBarWidth({ width }) {
    const bar = await page.locator('.part.sidebar').first().boundingBox();
    if (!bar) { throw new Error('the side bar is not visible'); }
    const edge = bar.x + bar.width;
    let sash;
    for (const s of await page.locator('.monaco-sash.vertical').all()) {
      const b = await s.boundingBox();
      if (b && Math.abs(b.x + b.width / 2 - edge) <= 4 && b.y <= bar.y + 10) { sash = b; break; }
    }
    if (!sash) { throw new Error('no sash on the side bar\'s edge'); }
    const y = sash.y + sash.height / 2;
    await page.mouse.move(sash.x + sash.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(bar.x + width, y, { steps: 8 });
    await page.mouse.up();
    const after = await page.locator('.part.sidebar').first().boundingBox();
    return { width: Math.round(after?.width ?? 0) };
  },
  // for each match: its text and whether its content is cut (wider or taller than its box: an ellipsis shows)
  async clipped({ selector }) {
    const rows = await page.locator(selector).evaluateAll(els => els.map(e => ({ text: e.textContent ?? '', clipped: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1 })));
    return { rows };
  },
  // what an input holds now (its value, not its attribute)
  async value({ selector }) { return { value: await page.locator(selector).first().inputValue({ timeout: 10000 }) }; },
  // controls (matches) a screen reader could announce by no name: no aria-label, aria-labelledby text,
  // <label>, own text or title
  async unnamed({ selector, frame }) {
    const target = frame ? await frameFor(selector) : page;
    if (!target) { return { unnamed: [], count: 0 }; }
    return target.locator(selector).evaluateAll(els => {
      const named = e => {
        const t = s => (s ?? '').trim();
        if (t(e.getAttribute('aria-label'))) { return true; }
        const by = e.getAttribute('aria-labelledby');
        if (by && by.split(/\s+/).some(id => t(document.getElementById(id)?.textContent))) { return true; }
        if (e.id && t(document.querySelector(`label[for="${CSS.escape(e.id)}"]`)?.textContent)) { return true; }
        if (t(e.closest('label')?.textContent)) { return true; }
        if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) && t(e.textContent)) { return true; }
        return !!t(e.getAttribute('title'));
      };
      const visible = els.filter(e => e.getClientRects().length > 0);
      return { unnamed: visible.filter(e => !named(e)).map(e => e.outerHTML.slice(0, 160)), count: visible.length };
    });
  },
  // the accessible names a screen reader reads for matching elements (aria-label, else text)
  async ariaLabels({ selector, frame }) {
    const target = frame ? await frameFor(selector) : page;
    if (!target) { return { labels: [] }; }
    return { labels: await target.locator(selector).evaluateAll(els => els.map(e => e.getAttribute('aria-label') ?? e.textContent ?? '')) };
  },
  // resizes the page (a tall page renders every row of a virtualized list, e.g. Show Running Extensions); returns the old size
  async viewport({ width, height }) {
    const old = page.viewportSize();
    await page.setViewportSize({ width, height });
    return old;
  },
  async localStorage({ key }) { return { value: await page.evaluate(k => localStorage.getItem(k), key) }; },
  // everything the workbench page keeps: localStorage and every IndexedDB store (as text), for leak audits
  async browserStorage({ skip = [] }) {
    const text = await page.evaluate(async skipKeys => {
      const out = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (!skipKeys.includes(k)) { out.push(`localStorage ${k}=${localStorage.getItem(k)}`); }
      }
      const req = r => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const show = v => v instanceof Uint8Array || v instanceof ArrayBuffer ? new TextDecoder().decode(v) : typeof v === 'string' ? v : JSON.stringify(v);
      for (const { name } of await indexedDB.databases()) {
        const db = await req(indexedDB.open(name));
        for (const store of Array.from(db.objectStoreNames)) {
          const os = db.transaction(store, 'readonly').objectStore(store);
          const [keys, values] = [await req(os.getAllKeys()), await req(os.getAll())];
          keys.forEach((k, i) => out.push(`indexedDB ${name}/${store} ${show(k)}=${show(values[i])}`));
        }
        db.close();
      }
      return out.join('\n');
    }, skip);
    return { text };
  },
};
function startBridge() {
  return new Promise(resolve => {
    bridge = http.createServer(async (req, res) => {
      const [, token, op] = (req.url || '').split('/');
      let body = '';
      for await (const c of req) { body += c; }
      const reply = (status, obj) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
      if (token !== bridgeToken || !OPS[op]) { return reply(404, { error: 'unknown' }); }
      if (!page) { return reply(503, { error: 'the workbench is not open yet' }); }
      try { reply(200, await OPS[op](JSON.parse(body || '{}'))); } catch (e) { reply(500, { error: String(e?.message || e) }); }
    });
    bridge.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${bridge.address().port}/${bridgeToken}`));
  });
}

// ------------------------------------------------------------------ main
async function main() {
  if (!fs.existsSync(CODE_SERVER)) {
    throw new Error(`the VS Code stand-in is not installed (${path.relative(ROOT, STANDIN_DIR)}): run bash tools/standin/install.sh`);
  }
  if (testMode && !fs.existsSync(CHROMIUM)) { throw new Error(`chromium not found at ${CHROMIUM} (apt-get install chromium)`); }
  const bridgeUrl = testMode ? await startBridge() : '';

  const port = opts.port ? Number(opts.port) : 0;
  const serverLog = fs.createWriteStream(path.join(artifacts, testMode ? 'code-server-test.log' : 'code-server-demo.log'));
  server = spawn(CODE_SERVER, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--config', path.join(runDir, 'code-server.yaml'),
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    // the tests' and the demo's own folders: trusted, so machine-level base URLs (the sandbox) apply; a test
    // session that checks Restricted Mode passes --enable-workspace-trust (its folder then starts untrusted)
    ...(opts.trust ? [] : ['--disable-workspace-trust']),
    // the display language (the pseudo-locale session of runTest.ts: every string from the qps-ploc bundle)
    ...(opts.locale ? ['--locale', opts.locale] : []),
  ], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      EXTENSIONS_GALLERY: '{}',                       // no marketplace queries
      XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
      XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
      TMPDIR: path.join(runDir, 'tmp'),
      ...(bridgeUrl ? { RING_KEYS_UI_BRIDGE: bridgeUrl } : {}),
    },
  });
  const actualPort = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('code-server did not listen within 60s')), 60000);
    const onData = d => {
      serverLog.write(d);
      buf += d.toString();
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); buf = ''; }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', code => { clearTimeout(timer); reject(new Error(`code-server exited with ${code}; see ${artifacts}`)); });
  });
  const authority = `127.0.0.1:${actualPort}`;
  const remote = p => `vscode-remote://${authority}${path.resolve(p).split('/').map(encodeURIComponent).join('/')}`;
  const payload = opts.extensionDevelopmentPath.map(p => ['extensionDevelopmentPath', remote(p)]);
  if (testMode) { payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]); }
  const folder = opts.positional.find(p => fs.existsSync(p) && fs.statSync(p).isDirectory());
  const query = new URLSearchParams();
  if (folder) { query.set('folder', path.resolve(folder)); } else { query.set('ew', 'true'); }
  // a file named after the folder opens in an editor at start-up, as `code FOLDER FILE` does
  const file = opts.positional.find(p => fs.existsSync(p) && fs.statSync(p).isFile());
  if (file) { payload.push(['openFile', remote(file)]); }
  if (payload.length) { query.set('payload', JSON.stringify(payload)); }
  const url = `http://${authority}/?${query}`;

  if (!testMode) {
    log(`VS Code ${'1.100.3'} (stand-in) with Ring Keys is ready after ${since()}. Open this in a browser on this machine:`);
    console.log(`\n  ${url}\n`);
    await new Promise(resolve => { server.once('exit', resolve); });
    return 0;
  }

  const requireHere = createRequire(path.join(ROOT, 'package.json'));
  const { chromium } = requireHere('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'chromium-config'), XDG_CACHE_HOME: path.join(runDir, 'chromium-cache'), TMPDIR: path.join(runDir, 'tmp') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-breakpad',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  page = await context.newPage();
  let exitResolve;
  const exited = new Promise(r => { exitResolve = r; });
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const line = Array.isArray(args) ? util.format(...args) : String(args);
    (level === 'error' ? console.error : console.log)(line);
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    for (const l of Array.isArray(logs) ? logs : []) {
      const file = path.join(artifacts, 'workbench-logs', l.relativePath);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, l.contents);
    }
    exitResolve(code);
  });
  page.on('crash', () => exitResolve('the workbench page crashed'));
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  log(`workbench rendered after ${since()}`);
  const code = await Promise.race([exited, sleep(TIMEOUT_S * 1000).then(() => 'timeout')]);
  if (code !== 0) { await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {}); }
  if (typeof code !== 'number') {
    throw new Error(code === 'timeout' ? `the tests did not finish within ${TIMEOUT_S}s (RING_KEYS_TEST_TIMEOUT): no exit code from the extension host (see ${artifacts}/failure.png)` : String(code));
  }
  log(`extension host tests exited with ${code} after ${since()}`);
  const audit = process.env.RING_KEYS_RELOAD_AUDIT;
  const withoutTests = url.replace(/(%22|")extensionTestsPath(%22|")/, '$1noTests$2');
  if (code === 0 && audit && fs.existsSync(audit)) {
    return reloadAudit(audit, withoutTests, folder);
  }
  const modal = process.env.RING_KEYS_MODAL_CHECK;
  if (code === 0 && modal && fs.existsSync(modal)) {
    return modalCheck(modal, withoutTests);
  }
  return code;
}

// Modal confirmations, answered as a person answers them. While extension tests run, VS Code's dialog service
// refuses every modal dialog (DialogService: "refused to show dialog in tests", whenever the window has an
// extensionTestsLocationURI), so the extension asks in a notification instead (src/vscode/ui/dialogs.ts). Here
// the window is loaded again without the tests: the same extension, and the dialogs VS Code really shows.
// A test (modal.vscode.test.ts, "[modal]") stored one Ringg key and wrote what to expect into
// RING_KEYS_MODAL_CHECK. Each confirmation is cancelled once (nothing may change) and accepted once (its
// effect must show); the counts go to RING_KEYS_MODAL_RESULTS. Exit code 1 on any failure.
async function modalCheck(checkFile, url) {
  const { name, status } = JSON.parse(fs.readFileSync(checkFile, 'utf8'));
  fs.rmSync(checkFile);
  const sandbox = process.env.RING_KEYS_SANDBOX;
  const state = async () => (await fetch(`${sandbox}/__sandbox/state`)).json();
  const dialog = page.locator('.monaco-dialog-box');
  // the status bar item that shows the stored key: it names the key's workspace (the credits after it may change)
  const shownAs = status.split(' · ')[0];
  const statusItem = page.locator(`.statusbar-item:has-text(${JSON.stringify(shownAs)})`);
  const shot = async file => {
    const p = path.join(artifacts, 'screenshots', file);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    await page.screenshot({ path: p });
  };
  const runCommand = async label => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const box = page.locator('.quick-input-widget .quick-input-box input');
    await box.fill(`>${label}`, { timeout: 10000 });
    await page.locator(`.quick-input-widget .monaco-list-row[aria-label^=${JSON.stringify(label)}]`).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
  };
  /** Runs `command`, expects its question as a modal dialog, and answers `button`. */
  const confirm = async (command, question, button, screenshot) => {
    await runCommand(command);
    await dialog.waitFor({ timeout: 20000 });
    const text = await dialog.innerText();
    if (!text.includes(question)) { throw new Error(`the dialog asks "${text.replace(/\s+/g, ' ')}", not "${question}"`); }
    if (!await page.locator('.monaco-dialog-modal-block').count()) { throw new Error('the dialog is not modal (no block behind it)'); }
    if (await page.locator(`.notification-toast:has-text(${JSON.stringify(question)})`).count()) { throw new Error('the question was also asked in a notification'); }
    if (screenshot) { await shot(screenshot); }
    await dialog.locator(`.monaco-button:has-text(${JSON.stringify(button)})`).click({ timeout: 10000 });
    await dialog.waitFor({ state: 'detached', timeout: 10000 });
  };
  // A cancelled question that went ahead anyway shows in the next check: a second PATCH, or no key left to remove.
  const patches = async () => (await state()).requests.filter(r => r.startsWith('PATCH') && r.includes('/workspace/api-key')).length;
  let startKey;
  const checks = [
    ['Rotate Key, cancelled: nothing is sent to Ringg', async () => {
      startKey = (await state()).ringgKey;
      await confirm('Ring Keys: Rotate Key', `Rotate the Ringg AI key "${name}"`, 'Cancel', 'modal-rotate-confirmation.png');
      if (await patches()) { throw new Error('the sandbox was asked to rotate'); }
    }],
    ['Rotate Key, accepted: Ringg rotates the key once and the new key is stored', async () => {
      await confirm('Ring Keys: Rotate Key', `Rotate the Ringg AI key "${name}"`, 'Rotate Key');
      const toast = page.locator('.notification-toast:has-text("Rotated.")');
      await toast.waitFor({ timeout: 30000 });
      const after = await state();
      if (after.ringgKey === startKey) { throw new Error('the sandbox still has the old key'); }
      if (await patches() !== 1) { throw new Error(`${await patches()} rotations, not 1: the cancelled one went ahead`); }
      const shown = await toast.innerText();
      if (!shown.includes(`…${after.ringgKey.slice(-4)}`)) { throw new Error(`the notice "${shown}" does not name the new key's tail`); }
      await shot('modal-rotate-accepted.png');
    }],
    ['Remove Key, cancelled: the key stays', async () => {
      await confirm('Ring Keys: Remove Key', `Remove the Ringg AI key "${name}"`, 'Cancel', 'modal-remove-confirmation.png');
      if (!await statusItem.count()) { throw new Error('the status bar no longer shows the key'); }
    }],
    ['Remove Key, accepted: the key is gone', async () => {
      // a key removed by the cancelled question leaves nothing to ask about here: no dialog, and this fails
      await confirm('Ring Keys: Remove Key', `Remove the Ringg AI key "${name}"`, 'Remove');
      await statusItem.first().waitFor({ state: 'detached', timeout: 20000 });
    }],
  ];
  // The web workbench writes global state to the browser's storage a moment after a change, and cannot finish
  // a write while the page unloads: load the page again only once the key's profile has been written.
  for (const end = Date.now() + 30000; !(await OPS.browserStorage({ skip: ['secrets.provider'] })).text.includes(name);) {
    if (Date.now() > end) { throw new Error(`the profile "${name}" never reached the browser's storage`); }
    await sleep(200);
  }
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  await statusItem.first().waitFor({ timeout: 90000 });
  log(`modal check: the window runs without tests (dialogs allowed); the status bar shows "${shownAs}"`);
  let passed = 0; let failed = 0;
  for (const [title, check] of checks) {
    try {
      await check();
      passed++;
      log(`modal check ✔ ${title}`);
    } catch (err) {
      failed++;
      console.error(`[stand-in] modal check ✖ ${title}: ${err?.message || err}`);
      await shot(`FAILED modal check ${title}.png`.replace(/[^\w.-]+/g, '-')).catch(() => {});
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  if (process.env.RING_KEYS_MODAL_RESULTS) { fs.writeFileSync(process.env.RING_KEYS_MODAL_RESULTS, JSON.stringify({ passed, failed })); }
  return failed === 0 ? 0 : 1;
}

// A leak audit after the window reloaded: a test (the canary's "[reload]" part) left its keys stored, a terminal
// open and a debug session run, and wrote the keys to look for into RING_KEYS_RELOAD_AUDIT (outside the
// user-data dir and the workspace). The workbench is loaded twice more on the same folder and user data — the
// first unload persists what VS Code keeps over a reload (storage, terminal state), the extension then applies
// its environment again, the second unload persists that — then every file under the user-data dir, the
// browser storage and every workspace file is searched. Exit code 1 on any hit.
async function reloadAudit(auditFile, url, folder) {
  const { needles, status, control } = JSON.parse(fs.readFileSync(auditFile, 'utf8'));
  fs.rmSync(auditFile);
  for (const round of [1, 2]) {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await page.locator(`.statusbar-item:has-text(${JSON.stringify(status)})`).first().waitFor({ timeout: 90000 });
    log(`reload ${round}: the extension is active again (status bar shows "${status}")`);
  }
  const filesUnder = (dir, out = []) => {
    if (!dir || !fs.existsSync(dir)) { return out; }
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { filesUnder(p, out); } else if (e.isFile()) { out.push(p); }
    }
    return out;
  };
  const places = [['browser storage (localStorage + IndexedDB, SecretStorage\'s sealed entry left out)', (await OPS.browserStorage({ skip: ['secrets.provider'] })).text]];
  for (const f of [...filesUnder(userDataDir), ...filesUnder(folder && path.resolve(folder))]) { places.push([f, fs.readFileSync(f).toString('latin1')]); }
  const sealed = await page.evaluate(() => localStorage.getItem('secrets.provider') ?? '');
  places.push(['SecretStorage (sealed)', sealed]);
  const hits = places.filter(([, text]) => needles.some(n => text.includes(n))).map(([where]) => where);
  const controls = places.filter(([, text]) => text.includes(control)).length;
  log(`after reload: searched ${places.length} places (${places.length - 2} files) for ${needles.length} key(s): ${hits.length} hit(s); the positive control ${JSON.stringify(control)} found in ${controls}`);
  for (const h of hits) { console.error(`[stand-in] after reload, a key was found in ${h}`); }
  if (controls === 0) { console.error('[stand-in] after reload: the positive control was not found: the audit searched the wrong places'); }
  return hits.length === 0 && controls > 0 ? 0 : 1;
}

let finishing;
async function finish(code) {
  finishing ||= (async () => {
    await cleanup();
    const logs = path.join(userDataDir, 'logs');
    if (fs.existsSync(logs)) { fs.cpSync(logs, path.join(artifacts, 'server-logs'), { recursive: true }); }
    fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(code);
  })();
  return finishing;
}
for (const sig of ['SIGINT', 'SIGTERM']) { process.on(sig, () => { void finish(opts.serve ? 0 : 130); }); }

let exitCode = 1;
try { exitCode = await main(); } catch (err) { console.error('[stand-in] error:', err?.message || err); }
await finish(exitCode);
