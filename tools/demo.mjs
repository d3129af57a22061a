// `npm run demo`: the sandbox API plus VS Code with Ring Keys pointed at it.
//   - desktop VS Code (`code --extensionDevelopmentPath`) when `code` is on PATH and RING_KEYS_DEMO_STANDIN is unset
//   - otherwise the VS Code stand-in (tools/standin) served on 127.0.0.1, with the URL to open printed
// The VS Code profile lives under .vscode-test/demo; the folder it opens is a fresh copy of tools/demo-workspace
// in the system's temporary directory, outside this repository, so no .gitignore of ours hides its files from
// the workspace scan (.vscode-test/ is ignored). `--prepare-only` copies the folder, prints {"folder": …}, exits.
// `--sandbox-only` starts the sandbox and prints what the CLI needs (base URLs, the export line, keys), no VS Code.
// The sandbox starts with the Ringg key written in tools/demo-workspace/agents.js, so that key is live.
// Ctrl-C stops it all.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = path.join(ROOT, '.vscode-test', 'demo');
const FOLDER = path.join(os.tmpdir(), 'ring-keys-demo', 'workspace');
const PORT = Number(process.env.RING_KEYS_DEMO_PORT || 8750);
const children = [];
const stopAll = () => { for (const c of children) { try { process.kill(-c.pid, 'SIGTERM'); } catch { /* gone */ } } };
process.on('SIGINT', () => { stopAll(); process.exit(0); });
process.on('SIGTERM', () => { stopAll(); process.exit(0); });

const sandboxOnly = process.argv.includes('--sandbox-only');

// 1. the demo folder: a fresh copy each run (the quick fixes edit its files)
if (!sandboxOnly) {
  fs.rmSync(FOLDER, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(FOLDER), { recursive: true });
  fs.cpSync(path.join(ROOT, 'tools', 'demo-workspace'), FOLDER, { recursive: true });
}
if (process.argv.includes('--prepare-only')) {
  console.log(JSON.stringify({ folder: FOLDER }));
  process.exit(0);
}
const folder = FOLDER;

// 2. the sandbox, started with the Ringg key planted in the demo's agents.js, so that key is live (the check says
// so, Move and Rotate work on it); leaky.py's Ringyo test key is one the sandbox does not know: a dead key
const LIVE_FILE = 'agents.js';
const liveKey = /RINGG_API_KEY = '([0-9a-f-]{36})'/.exec(fs.readFileSync(path.join(ROOT, 'tools', 'demo-workspace', LIVE_FILE), 'utf8'))?.[1];
if (!liveKey) { console.error(`tools/demo-workspace/${LIVE_FILE} holds no Ringg key`); process.exit(1); }
const sandbox = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'sandbox', '--json', '--port', String(PORT + 1)],
  { stdio: ['ignore', 'pipe', 'inherit'], detached: true, env: { ...process.env, RING_KEYS_SANDBOX_RINGG_KEY: liveKey } });
children.push(sandbox);
const info = await new Promise((resolve, reject) => {
  const rl = readline.createInterface({ input: sandbox.stdout });
  rl.once('line', line => resolve(JSON.parse(line)));
  sandbox.once('exit', code => reject(new Error(`the sandbox exited with ${code}`)));
});

const k = info.keys;
// the variables the CLI reads (the sandbox names them: RINGKEYS_<PROVIDER>_BASE_URL)
const exportLine = `export ${Object.entries(info.cliEnv).map(([name, url]) => `${name}=${url}`).join(' ')}`;
console.log(`
Ring Keys demo: sandbox API on ${info.origin} (fake keys, loopback only)${sandboxOnly ? '' : `
  Demo folder (a fresh copy each run): ${folder}`}

  Base URLs${sandboxOnly ? '' : ' (the demo\'s VS Code settings point Ring Keys at them)'}:
    Ringg AI     ${info.baseUrls.ringg}
    Ringyo AI    ${info.baseUrls.ringyo}
    Ring Tonic   ${info.baseUrls.ringtonic}

  For the ring-keys CLI in another shell (verify, scan --verify):
    ${exportLine}
    then, from this repository: RINGG_API_KEY=${k.ringg} node dist/cli.js verify --provider ringg

  Keys to paste into "Ring Keys: Add Key":
    Ringg AI     ${k.ringg}
    Ringyo AI    ${k.ringyoLive}   (live)
                 ${k.ringyoTest}   (test)
    Ring Tonic   ${k.ringtonic}   (verify through campaign ${info.campaignId})
${sandboxOnly ? '' : `
  Keys in the demo folder's code (the leak checks ask this sandbox):
    ${LIVE_FILE.padEnd(12)} the Ringg key above: live (check it, move it to SecretStorage, rotate it)
    leaky.py     a Ringyo test key the sandbox does not know: dead (the fix deletes it)
`}`);
if (sandboxOnly) {
  console.log('Sandbox only (no VS Code). Ctrl-C stops it.');
  await new Promise(() => { /* until Ctrl-C */ });
}

// 3. a fresh user-data dir whose settings point Ring Keys at the sandbox
fs.rmSync(DEMO, { recursive: true, force: true });
const userData = path.join(DEMO, 'user-data');
const settings = {
  'ringKeys.ringg.baseUrl': info.baseUrls.ringg,
  'ringKeys.ringyo.baseUrl': info.baseUrls.ringyo,
  'ringKeys.ringtonic.baseUrl': info.baseUrls.ringtonic,
  'workbench.startupEditor': 'none',
};
for (const dir of ['User', 'Machine']) {
  fs.mkdirSync(path.join(userData, dir), { recursive: true });
  fs.writeFileSync(path.join(userData, dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

// 4. VS Code
const hasCode = !process.env.RING_KEYS_DEMO_STANDIN && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  console.log('Opening desktop VS Code with Ring Keys (a separate profile under .vscode-test/demo). Ctrl-C stops the sandbox.');
  spawn('code', ['--new-window', `--user-data-dir=${userData}`, `--extensionDevelopmentPath=${ROOT}`, folder], { stdio: 'inherit' });
} else {
  // the first run installs the stand-in (code-server from the npm registry, native modules built here): minutes,
  // once; later runs reuse .vscode-test/ and reach the URL in seconds
  const install = spawnSync('bash', [path.join(ROOT, 'tools', 'standin', 'install.sh')], { stdio: 'inherit' });
  if (install.status !== 0) { stopAll(); process.exit(1); }
  const vscode = spawn(process.execPath, [path.join(ROOT, 'tools', 'standin', 'harness.mjs'), '--serve', `--port=${PORT}`,
    `--extensionDevelopmentPath=${ROOT}`, `--user-data-dir=${userData}`, `--artifacts=${path.join(DEMO, 'logs')}`, folder],
  { stdio: 'inherit', detached: true });
  children.push(vscode);
  vscode.once('exit', code => { stopAll(); process.exit(code ?? 0); });
}
await new Promise(() => { /* until Ctrl-C */ });
