// Keys in the programs a user runs from VS Code, without a file: the active key of each provider goes into
// every new integrated terminal and task (environmentVariableCollection, not persisted) and into the launch of
// every common debugger (a DebugConfigurationProvider; launch.json is never edited). Trusted workspaces only,
// and only while ringKeys.environment.enable (machine scope) is on. Not into terminals that desktop VS Code
// would write to disk to revive them (terminalsRevivedFromDisk): the user is told and offered the setting.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../constants';
import { debugRunsInTerminal, describeEntries, envFileNames, envFileOf, envNameOf, envNameProblem, strictTerminalEnv, terminalEntries, terminalsRevivedFromDisk, withDebugEnv, type EnvEntry, type TerminalRevival } from '../../../core/env';
import { KeyMissingError } from '../../../core/http/errors';
import { type Logger, scoped } from '../../../core/log';
import { PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import type { KeyProfile } from '../../../core/vault';
import { Disposable } from '../../lifecycle';
import type { Services } from '../../services';
import { showFailure } from '../../ui/failures';

/** What tests and other features may know: names and where they come from, never a value. */
export interface EnvironmentView {
  readonly applied: boolean;
  readonly names: string[];
  readonly description: string;
  /** Keys held back from terminals because VS Code would write them to disk to revive the terminals. */
  readonly heldBack?: boolean;
}

const REVIVE_SECTION = 'terminal.integrated';
const REVIVE_SETTING = 'terminal.integrated.persistentSessionReviveProcess';
const PERSISTENT_SETTING = 'terminal.integrated.enablePersistentSessions';

/** What decides whether this window's terminals are revived from disk (see terminalsRevivedFromDisk). */
export function terminalRevival(): TerminalRevival {
  const c = vscode.workspace.getConfiguration(REVIVE_SECTION);
  return { desktop: vscode.env.uiKind === vscode.UIKind.Desktop, persistentSessions: c.get<boolean>('enablePersistentSessions'), reviveProcess: c.get<string>('persistentSessionReviveProcess') };
}

export class KeyEnvironment extends Disposable implements vscode.DebugConfigurationProvider {
  private readonly log: Logger;
  private generation = 0;
  private withholding: string[] = [];
  private view: EnvironmentView = { applied: false, names: [], description: '' };
  private toldHeldBack = false;
  private readonly changed = this._register(new vscode.EventEmitter<EnvironmentView>());
  /** Fires after the terminal environment was brought up to date. */
  readonly onDidApply = this.changed.event;

  constructor(private readonly collection: vscode.GlobalEnvironmentVariableCollection, private readonly services: Services) {
    super();
    this.log = scoped(services.logger, 'env');
    // nothing of it is cached on disk: the collection is rebuilt from SecretStorage in every window session
    collection.persistent = false;
    this._register(services.onDidChangeKeys(() => { void this.apply(); }));
    this._register(vscode.workspace.onDidChangeConfiguration(e => {
      if ([Settings.environmentEnable, REVIVE_SETTING, PERSISTENT_SETTING].some(s => e.affectsConfiguration(s))) { void this.apply(); }
    }));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => { void this.apply(); }));
    this._register(vscode.debug.registerDebugConfigurationProvider('*', this));
    this._register({ dispose: () => collection.clear() });
    void this.apply();
  }

  get current(): EnvironmentView { return this.view; }

  /**
   * Runs `open` with `names` kept out of the terminal environment, then puts them back. A remote window's server
   * rebuilds a terminal's launch without `strictEnv` and applies the collection on top of its `env`, so a
   * terminal that must hold another key for a variable is created while that variable is withheld: a terminal
   * opened at the same moment elsewhere gets no value for it, never a wrong one.
   */
  async withheld<T>(names: readonly string[], open: () => Promise<T>): Promise<T> {
    this.withholding = [...this.withholding, ...names];
    await this.apply();
    try {
      return await open();
    } finally {
      for (const n of names) { this.withholding.splice(this.withholding.indexOf(n), 1); }
      await this.apply();
    }
  }

  /** On by default; a user or machine setting turns it off (a folder cannot: the setting is machine-scoped). */
  enabled(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(Settings.environmentEnable, true) !== false;
  }

  /** The active key of each provider, as environment entries; none in an untrusted workspace or when off. */
  async entries(override?: KeyProfile): Promise<EnvEntry[]> {
    if (!this.enabled() || !vscode.workspace.isTrusted) { return []; }
    const { vault } = this.services;
    const profiles = vault.actives().map(p => (override && override.provider === p.provider ? override : p));
    if (override && !profiles.includes(override)) { profiles.push(override); }
    const out: EnvEntry[] = [];
    for (const p of profiles) {
      try {
        out.push({ name: envNameOf(p), value: await vault.getKey(p.id), provider: p.provider, profileName: p.name, tail: p.tail });
      } catch (err) {
        // a key removed in another window is simply absent; a failing keyring is said once in the log
        if (!(err instanceof KeyMissingError)) { this.log.warn(`the key of "${p.name}" (${p.tail}) could not be read: ${(err as Error).message}`); }
      }
    }
    return out;
  }

  /** Brings the terminal environment up to date (keys switched, rotated, re-entered, removed; trust; setting). */
  async apply(): Promise<void> {
    const generation = ++this.generation;
    let entries: EnvEntry[];
    try { entries = await this.entries(); } catch (err) { this.log.error(`terminal environment: ${(err as Error).message}`); entries = []; }
    if (generation !== this.generation) { return; }   // a newer change is being applied
    entries = entries.filter(e => !this.withholding.includes(e.name));
    // a value in the collection reaches the terminal's launch env and options, which desktop VS Code writes to
    // the workspace's state.vscdb on exit when it revives terminals: then no value goes into the collection
    const heldBack = entries.length > 0 && terminalsRevivedFromDisk(terminalRevival());
    entries = terminalEntries(entries, terminalRevival());
    this.collection.clear();
    for (const e of entries) {
      // at process creation only: the value never goes through a shell integration script or the terminal's input
      this.collection.replace(e.name, e.value, { applyAtProcessCreation: true, applyAtShellIntegration: false });
    }
    // VS Code puts the extension's name before it ("`Ring Keys`: RINGG_API_KEY ← …") in the terminal's hover
    const description = entries.length ? describeEntries(entries) : '';
    this.collection.description = description || undefined;   // plain text: names, profiles, masked tails
    const names = entries.map(e => e.name);
    const was = this.view.names.join();
    const wasHeldBack = this.view.heldBack === true;
    this.view = { applied: entries.length > 0, names, description, heldBack };
    if (was !== names.join()) { this.log.info(names.length ? `new terminals, tasks and debug sessions get ${describeEntries(entries)}` : 'no key in new terminals, tasks or debug sessions'); }
    if (heldBack && !wasHeldBack) { this.log.info(`no key in new terminals or tasks: VS Code revives terminals from disk (${REVIVE_SETTING})`); }
    if (heldBack && !this.toldHeldBack) { this.toldHeldBack = true; void offerNoRevive(); }
    this.changed.fire(this.view);
  }

  /** Every debug launch: the keys added to its environment, unless it sets them itself or opts out. */
  async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration> {
    const entries = await this.entries();
    if (entries.length === 0) { return config; }
    if (debugRunsInTerminal(config) && terminalsRevivedFromDisk(terminalRevival())) {
      this.log.info(`debug "${String(config.name)}" (${config.type}) runs in a terminal that VS Code revives from disk: no key added`);
      return config;
    }
    const envFile = envFileOf(config, folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined);
    const result = withDebugEnv(config, entries, envFile ? await namesInFile(envFile) : undefined);
    if (result.added.length || result.kept.length) {
      this.log.info(`debug "${String(config.name)}" (${config.type}): ${result.added.length ? `added ${result.added.join(', ')}` : ''}${result.kept.length ? `${result.added.length ? '; ' : ''}kept the launch's own ${result.kept.join(', ')}` : ''}`);
    } else if (result.skipped === 'opted-out') {
      this.log.info(`debug "${String(config.name)}": "ringKeys": false, no key added`);
    }
    return result.config;
  }
}

/**
 * Says why terminals get no key and offers to stop VS Code reviving terminal processes (a user setting; the
 * buffers are still restored). Once set, the configuration listener puts the keys into new terminals.
 */
export async function offerNoRevive(): Promise<boolean> {
  const turnOff = vscode.l10n.t('Don\'t Revive Terminal Processes');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Ring Keys puts no key into terminals in this window: VS Code writes each terminal\'s environment to the workspace\'s storage when it closes, to revive the terminal later ({0}). Stop reviving terminal processes and new terminals get your keys.', REVIVE_SETTING),
    turnOff);
  if (choice !== turnOff) { return false; }
  await vscode.workspace.getConfiguration(REVIVE_SECTION).update('persistentSessionReviveProcess', 'never', vscode.ConfigurationTarget.Global);
  return true;
}

/** The names an env file sets (never its values); none when it is missing or too large to be one. */
async function namesInFile(file: string): Promise<Set<string>> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) { return new Set(); }
    return envFileNames(await fs.promises.readFile(file, 'utf8'));
  } catch {
    return new Set();
  }
}

export function registerEnvironment(context: vscode.ExtensionContext, services: Services): KeyEnvironment {
  const env = new KeyEnvironment(context.environmentVariableCollection, services);
  context.subscriptions.push(env);
  const { vault, logger } = services;

  /** A terminal for one run with a chosen profile's key: the active keys stay as they are. */
  context.subscriptions.push(vscode.commands.registerCommand(Commands.openTerminalWithKey, async (arg?: unknown) => {
    const id = typeof arg === 'string' ? arg : (arg as { id?: string } | undefined)?.id;
    let profile = id ? vault.get(id) : undefined;
    if (!profile) {
      const items = vault.list().map(p => ({ label: p.name, description: `${PROVIDERS[p.provider].label} · ${envNameOf(p)} ${p.tail}${p.mode === 'test' ? ' · TEST' : ''}`, profile: p }));
      if (items.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('No API key is stored yet.')); return undefined; }
      profile = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Open Terminal with Key'), placeHolder: vscode.l10n.t('The key for this terminal only (the active key does not change)'), ignoreFocusOut: true }))?.profile;
    }
    if (!profile) { return undefined; }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Keys are not put into terminals of an untrusted workspace. Trust the folder first.'));
      return undefined;
    }
    // its env would be written to disk with the terminal's state: the same rule as the automatic keys
    if (terminalsRevivedFromDisk(terminalRevival()) && (!(await offerNoRevive()) || terminalsRevivedFromDisk(terminalRevival()))) { return undefined; }
    let entries: EnvEntry[];
    try {
      entries = await env.entries(profile);
      if (!env.enabled()) {   // the setting stops the automatic keys; an explicit request still gets its one key
        entries = [{ name: envNameOf(profile), value: await vault.getKey(profile.id), provider: profile.provider, profileName: profile.name, tail: profile.tail }];
      }
    } catch (err) {
      showFailure(err, logger, { provider: profile.provider, profileId: profile.id, action: vscode.l10n.t('Open Terminal with Key') });
      return undefined;
    }
    const name = envNameOf(profile);
    const chosen = entries.find(e => e.name === name && e.provider === profile.provider);
    if (!chosen) {
      showFailure(new KeyMissingError(`SecretStorage holds no key for "${profile.name}".`, { code: 'noSecret', profile: profile.name }), logger, { provider: profile.provider, profileId: profile.id, action: vscode.l10n.t('Open Terminal with Key') });
      return undefined;
    }
    // The terminal's whole environment is given (strictEnv): VS Code then neither applies the collection to it
    // nor watches the collection for it, so the chosen key is not replaced by the active one and a later change
    // of the collection (a key switched, added, removed) puts no "relaunch" warning on it. A remote window's
    // server drops strictEnv and applies the collection it is sent: the variable is withheld from it meanwhile.
    const platform = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'osx' : 'linux';
    const terminal = await env.withheld([name], async () => {
      const t = vscode.window.createTerminal({
        name: vscode.l10n.t('{0} {1}', profile.name, profile.tail),
        env: strictTerminalEnv(process.env, entries, vscode.workspace.getConfiguration('terminal.integrated.env').get(platform)),
        strictEnv: true,
        iconPath: new vscode.ThemeIcon('key'),
        message: vscode.l10n.t('Ring Keys: {0} holds "{1}" ({2}) in this terminal only.', name, profile.name, profile.tail),
      });
      // the environment is fixed once the process exists
      await Promise.race([t.processId, new Promise(r => setTimeout(r, 10_000))]);
      return t;
    });
    terminal.show();
    logger.info(`[env] terminal opened with ${name} from "${profile.name}" (${profile.tail})`);
    return name;
  }));

  /** The variable a profile's key goes into (the quick fix's name by default), editable from the Keys view. */
  context.subscriptions.push(vscode.commands.registerCommand(Commands.setVariableName, async (arg?: unknown) => {
    const id = typeof arg === 'string' ? arg : (arg as { id?: string } | undefined)?.id;
    const profile = id ? vault.get(id) : (await vscode.window.showQuickPick(vault.list().map(p => ({ label: p.name, description: `${PROVIDERS[p.provider].label} · ${envNameOf(p)}`, profile: p })),
      { title: vscode.l10n.t('Set Variable Name'), ignoreFocusOut: true }))?.profile;
    if (!profile) { return undefined; }
    const taken = vault.list().filter(p => p.provider !== profile.provider).map(envNameOf);
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Environment variable for "{0}"', profile.name),
      prompt: vscode.l10n.t('New terminals, tasks and debug sessions get this key as this variable while it is the active {0} key. Empty: {1}.', PROVIDERS[profile.provider].label, PROVIDERS[profile.provider].envVar),
      value: envNameOf(profile), ignoreFocusOut: true,
      validateInput: v => (v.trim() ? envNameProblem(v.trim(), taken) : undefined),
    });
    if (value === undefined) { return undefined; }
    const next = value.trim() && value.trim() !== PROVIDERS[profile.provider].envVar ? value.trim() : undefined;
    await vault.update(profile.id, { envName: next });
    services.keysChanged();
    return envNameOf({ provider: profile.provider, envName: next });
  }));
  return env;
}

/** What the quick fix tells the user about the variable it wrote into the file. */
export function variableNotice(env: KeyEnvironment, services: Services, provider: ProviderId, variable: string): { profileName: string; tail: string } | undefined {
  if (!env.enabled() || !vscode.workspace.isTrusted) { return undefined; }
  const active = services.vault.active(provider);
  return active && envNameOf(active) === variable ? { profileName: active.name, tail: active.tail } : undefined;
}
