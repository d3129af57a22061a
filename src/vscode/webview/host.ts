// One host for every Ring Keys webview panel (the Request Tester, workspace info): it builds the page (strict
// CSP, a new nonce each time, resources from media/ only), keeps one panel per view type (reveal or create,
// and after a window reload the restored tab rather than a second one), checks every message from the
// webview before the panel's controller sees it, and disposes the panel with everything registered for it
// when it closes. A feature owns one host (one disposable in context.subscriptions, however often the panel
// is opened); the controller is the feature's own logic, made for each panel the host opens.
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errorMessage';
import type { Logger } from '../../core/log';
import { registerSerializer } from '../handoff';
import { Disposable } from '../lifecycle';
import { newNonce, pageHtml } from './page';

export interface WebviewPage<From> {
  readonly viewType: string;
  /** Prefix of the host's log lines: `[tester] …` */
  readonly logName: string;
  /** The script bundle, relative to media/ (esbuild writes them to media/dist/). */
  readonly script: string;
  /** Style sheets, relative to media/. */
  readonly styles: readonly string[];
  /** The element the script renders into. */
  readonly rootId: string;
  /** Checks each message from the webview: what a webview posts is treated as hostile. */
  readonly isMessage: (message: unknown) => message is From;
  /** Default false: the webview keeps what it needs with setState and is rebuilt when shown again. */
  readonly retainContextWhenHidden?: boolean;
  readonly enableFindWidget?: boolean;
}

/** The feature's side of one open panel. */
export interface PanelController<From> {
  /** A message from the webview that passed the page's check. */
  onMessage(message: From): void | Promise<void>;
  /** `onMessage` threw or rejected (the host has logged it): never leave the webview waiting. */
  onMessageFailed?(message: From, err: unknown): void;
  /** The panel is closing: stop what is in flight. Listeners registered on the panel are disposed next. */
  onClose?(): void;
}

/** One open panel as its controller sees it: typed posts, and listeners that live exactly as long as it. */
export class HostedPanel<To> extends Disposable {
  private isClosed = false;
  private registered = 0;
  private readonly closing: Array<() => void> = [];

  constructor(readonly panel: vscode.WebviewPanel) {
    super();
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  get closed(): boolean { return this.isClosed; }
  get visible(): boolean { return !this.isClosed && this.panel.visible; }
  /** How many listeners this panel holds (none once it is closed). */
  get listeners(): number { return this.registered; }

  set title(title: string) { if (!this.isClosed) { this.panel.title = title; } }

  /** Posts to the webview; nothing once the panel is closed. */
  post(message: To): void {
    if (!this.isClosed) { void this.panel.webview.postMessage(message); }
  }

  reveal(): void { if (!this.isClosed) { this.panel.reveal(); } }

  /** Disposed when the panel closes. */
  register<T extends vscode.Disposable>(d: T): T {
    if (!this.isClosed) { this.registered++; }
    return this._register(d);
  }

  /** Runs once, first thing when the panel closes. */
  onClose(fn: () => void): void { this.closing.push(fn); }

  override dispose(): void {
    if (this.isClosed) { return; }
    this.isClosed = true;
    for (const fn of this.closing.splice(0)) {
      try { fn(); } catch { /* close the panel all the same */ }
    }
    super.dispose();
    this.registered = 0;
    this.panel.dispose();
  }
}

const FOCUS_GROUP = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'].map(n => `workbench.action.focus${n}EditorGroup`);

/** What tests may read about a host: whether its panel is open, how many it opened, and the listeners it holds. */
export interface HostStats {
  readonly open: boolean;
  readonly opened: number;
  readonly listeners: number;
}

export class WebviewPanelHost<From extends { readonly type: string }, To, C extends PanelController<From>> implements vscode.Disposable {
  private current: { readonly view: HostedPanel<To>; readonly controller: C } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly awaitingRestore: Array<(controller: C | undefined) => void> = [];
  private opened = 0;

  /**
   * `restore`: makes the controller for a panel VS Code brings back after a window reload (registers the
   * serializer; package.json needs `onWebviewPanel:<viewType>`). Without it a panel does not outlive the window.
   * `serializer: 'caller'` when the feature registered the serializer at start-up and hands each panel to
   * `restorePanel` (a feature loaded on first use: src/vscode/lazy.ts).
   */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
    private readonly page: WebviewPage<From>,
    private readonly restore?: (view: HostedPanel<To>) => C,
    serializer: 'host' | 'caller' = 'host',
  ) {
    if (restore && serializer === 'host') {
      this.subscriptions.push(registerSerializer(page.viewType, {
        deserializeWebviewPanel: async panel => { this.adopt(panel, restore); },
      }));
    }
  }

  /** The open panel's controller. */
  get controller(): C | undefined { return this.current?.controller; }

  stats(): HostStats {
    return { open: !!this.current, opened: this.opened, listeners: this.current?.view.listeners ?? 0 };
  }

  /**
   * Reveals the open panel (`created: false`), or opens one whose controller `make` builds. After a window
   * reload the restored tab counts as the open panel: it is shown and taken over, never doubled.
   */
  async show(title: string, make: (view: HostedPanel<To>) => C): Promise<{ controller: C; created: boolean }> {
    const existing = this.current?.controller ?? (this.restore ? await this.restoredTab() : undefined);
    if (existing) {
      this.current?.view.reveal();
      return { controller: existing, created: false };
    }
    const panel = vscode.window.createWebviewPanel(this.page.viewType, title, vscode.ViewColumn.Active, {
      retainContextWhenHidden: this.page.retainContextWhenHidden ?? false,
      enableFindWidget: this.page.enableFindWidget ?? false,
    });
    return { controller: this.adopt(panel, make), created: true };
  }

  /** Takes over a panel VS Code restored after a window reload (the serializer the caller registered got it). */
  restorePanel(panel: vscode.WebviewPanel): void {
    if (this.restore) { this.adopt(panel, this.restore); } else { panel.dispose(); }
  }

  /** Closes the open panel. */
  close(): void { this.current?.view.dispose(); }

  dispose(): void {
    this.close();
    for (const resolve of this.awaitingRestore.splice(0)) { resolve(undefined); }
    for (const d of this.subscriptions.splice(0)) { d.dispose(); }
  }

  private adopt(panel: vscode.WebviewPanel, make: (view: HostedPanel<To>) => C): C {
    this.close();
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const w = panel.webview;
    w.options = { enableScripts: true, enableCommandUris: false, enableForms: false, localResourceRoots: [media] };
    w.html = pageHtml({
      lang: vscode.env.language,
      title: panel.title,
      cspSource: w.cspSource,
      nonce: newNonce(),
      styles: this.page.styles.map(s => w.asWebviewUri(vscode.Uri.joinPath(media, s)).toString()),
      script: w.asWebviewUri(vscode.Uri.joinPath(media, this.page.script)).toString(),
      rootId: this.page.rootId,
    });
    const view = new HostedPanel<To>(panel);
    const controller = make(view);
    const current = this.current = { view, controller };
    this.opened++;
    view.onClose(() => {
      if (this.current === current) { this.current = undefined; }
      controller.onClose?.();
    });
    view.register(w.onDidReceiveMessage((m: unknown) => this.receive(controller, m)));
    for (const resolve of this.awaitingRestore.splice(0)) { resolve(controller); }
    return controller;
  }

  private receive(controller: C, m: unknown): void {
    const { logName } = this.page;
    if (!this.page.isMessage(m)) {
      this.logger.warn(`[${logName}] ignored a message of unknown shape from the webview`);
      return;
    }
    const failed = (err: unknown) => {
      this.logger.error(`[${logName}] ${m.type} failed: ${errorMessage(err)}`);
      controller.onMessageFailed?.(m, err);
    };
    try {
      void Promise.resolve(controller.onMessage(m)).catch(failed);
    } catch (err) {
      failed(err);
    }
  }

  /**
   * A tab of this view type restored by a window reload that VS Code has not handed to us yet (it does when
   * the tab is shown): shows it and waits for the serializer. Undefined when there is none; a tab that does
   * not come back is closed, so a new panel never stands next to a dead one.
   */
  private async restoredTab(): Promise<C | undefined> {
    const ours = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(this.page.viewType);
    for (const group of vscode.window.tabGroups.all) {
      const index = group.tabs.findIndex(ours);
      if (index < 0) { continue; }
      let timer: NodeJS.Timeout | undefined;
      const restored = new Promise<C | undefined>(resolve => {
        this.awaitingRestore.push(resolve);
        timer = setTimeout(() => resolve(undefined), 5_000);
      });
      const focusGroup = FOCUS_GROUP[group.viewColumn - 1];
      if (focusGroup) { await vscode.commands.executeCommand(focusGroup); }
      await vscode.commands.executeCommand('workbench.action.openEditorAtIndex', index);
      const controller = this.current?.controller ?? await restored;
      clearTimeout(timer);
      if (!controller) {
        const stale = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(ours);
        await Promise.resolve(vscode.window.tabGroups.close(stale)).catch(() => undefined);
      }
      return controller;
    }
    return undefined;
  }
}
