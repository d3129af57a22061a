// Every command id, setting and storage key the extension uses, in one place.
// package.json must list the same command ids (a unit test checks both directions).
export const EXTENSION_ID = 'ring-keys.ring-keys';

export const Commands = {
  showLogs: 'ringKeys.showLogs',
  addKey: 'ringKeys.addKey',
  switchKey: 'ringKeys.switchKey',
  removeKey: 'ringKeys.removeKey',
  copyKey: 'ringKeys.copyKey',
  verifyKey: 'ringKeys.verifyKey',
  rotateKey: 'ringKeys.rotateKey',
  showWorkspaceInfo: 'ringKeys.showWorkspaceInfo',
  reenterKey: 'ringKeys.reenterKey',
  statusBarMenu: 'ringKeys.statusBarMenu',
  openRequestTester: 'ringKeys.openRequestTester',
  scanWorkspace: 'ringKeys.scanWorkspace',
  openTerminalWithKey: 'ringKeys.openTerminalWithKey',
  setVariableName: 'ringKeys.setVariableName',
  /** Quick-fix commands (hidden from the Command Palette: they need a diagnostic). */
  moveKeyToSecretStorage: 'ringKeys.moveKeyToSecretStorage',
  addKeyToBaseline: 'ringKeys.addKeyToBaseline',
  /** A found key: ask its provider whether it works; rotate or replace it (code actions and hover links). */
  checkFoundKey: 'ringKeys.checkFoundKey',
  rotateFoundKey: 'ringKeys.rotateFoundKey',
  scanGitHistory: 'ringKeys.scanGitHistory',
  /** Opens a commit's version of a file from the history view (needs a view item). */
  openHistoryCommit: 'ringKeys.openHistoryCommit',
  clearGitHistory: 'ringKeys.clearGitHistory',
  /** Copies the full commit id of a history view row (needs a view item). */
  copyHistoryCommit: 'ringKeys.copyHistoryCommit',
  /** Request files (.http / .rest): CodeLens and the Command Palette. */
  sendHttpRequest: 'ringKeys.sendHttpRequest',
  sendAllHttpRequests: 'ringKeys.sendAllHttpRequests',
  chooseHttpEnvironment: 'ringKeys.chooseHttpEnvironment',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Commands that only make sense from another UI (status bar click, notification buttons). */
export const HIDDEN_FROM_PALETTE: readonly CommandId[] = [Commands.statusBarMenu, Commands.moveKeyToSecretStorage, Commands.addKeyToBaseline,
  Commands.openHistoryCommit, Commands.checkFoundKey, Commands.rotateFoundKey, Commands.copyHistoryCommit];

export const Settings = {
  section: 'ringKeys',
  baseUrl: (provider: string) => `ringKeys.${provider}.baseUrl`,
  ringyoPerMinute: 'ringKeys.ringyo.requestsPerMinute',
  timeoutSeconds: 'ringKeys.http.timeoutSeconds',
  refreshMinutes: 'ringKeys.statusBar.refreshMinutes',
  /** Keys in terminals, tasks and debug sessions (machine scope: a folder cannot change it). */
  environmentEnable: 'ringKeys.environment.enable',
  /** Leak diagnostics (resource scope: a folder may tune its own). */
  diagnostics: 'ringKeys.diagnostics',
  diagnosticsEnable: 'ringKeys.diagnostics.enable',
  diagnosticsSeverity: 'ringKeys.diagnostics.severity',
  diagnosticsInclude: 'ringKeys.diagnostics.include',
  diagnosticsExclude: 'ringKeys.diagnostics.exclude',
  diagnosticsBaselineFile: 'ringKeys.diagnostics.baselineFile',
  diagnosticsMaxFileSizeMB: 'ringKeys.diagnostics.maxFileSizeMB',
  /** Check found keys with their provider without being asked (machine scope: only the user decides). */
  leaksCheckAutomatically: 'ringKeys.leaks.checkAutomatically',
} as const;

/** Diagnostic source shown in the Problems panel and hovers. */
export const DIAGNOSTIC_SOURCE = 'Ring Keys';
