// Request files in the editor: CodeLens "Send Request" / "Send All", the answer in a read-only document,
// completions (catalogue endpoints, key variables), diagnostics (unknown endpoint, a key next to another
// provider's address). Keys come from SecretStorage (the provider's active key, or the profile the file names
// with `# @ringKeys profile=Name`); the rules for where a key may go and what must be confirmed are the core's
// (src/core/httpFiles/run.ts). Loaded on first use (dist/lazy-httpFiles.js through lazy.ts): when a request
// file is open or one of the commands runs; index.ts registers the commands at start-up.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { isRequestFile } from './requestFile';
import { errorMessage } from '../../../core/errorMessage';
import { loadEnvironment } from '../../../core/httpFiles/files';
import { completionsAt, lintHttpFile } from '../../../core/httpFiles/lint';
import { parseHttpFile, type ParsedFile } from '../../../core/httpFiles/parse';
import { type RequestOutcome, runRequest, type SpendQuestion } from '../../../core/httpFiles/run';
import type { SecretRef } from '../../../core/httpFiles/variables';
import { scoped } from '../../../core/log';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import { statusMeaning } from '../../../core/tester/present';
import type { KeyProfile } from '../../../core/vault';
import { baseUrlOverride, type Services } from '../../services';
import { askModal } from '../../ui/dialogs';
import { confirmText, statusMeaningText } from '../tester/words';

const HTTP_SELECTOR: vscode.DocumentSelector = [{ language: 'http' }, { pattern: '**/*.{http,rest}' }];
const RESPONSE_SCHEME = 'ring-keys-response';
const ENV_STATE = 'ringKeys.httpFiles.environment';
const MAX_SHOWN_BODY = 256 * 1024;

/** The request-file editor: its providers are registered when it loads; the commands' work is handed in by index.ts. */
export function createHttpFiles(context: vscode.ExtensionContext, services: Services) {
  const log = scoped(services.logger, 'http-files');
  const parsed = new WeakMap<vscode.TextDocument, { version: number; file: ParsedFile }>();
  const parse = (doc: vscode.TextDocument): ParsedFile => {
    const hit = parsed.get(doc);
    if (hit?.version === doc.version) { return hit.file; }
    const file = parseHttpFile(doc.getText());
    parsed.set(doc, { version: doc.version, file });
    return file;
  };
  const responses = new ResponseDocuments();
  const shown: string[] = [];
  const diagnostics = vscode.languages.createDiagnosticCollection('ringKeys.httpFiles');
  const lensChanged = new vscode.EventEmitter<void>();

  const environment = async (doc: vscode.TextDocument): Promise<Record<string, string>> => {
    if (doc.uri.scheme !== 'file') { return {}; }
    const name = context.workspaceState.get<string>(ENV_STATE);
    try {
      return await loadEnvironment(path.dirname(doc.uri.fsPath), name);
    } catch (err) {
      // a chosen environment this folder does not have: $shared only
      if (name) { return loadEnvironment(path.dirname(doc.uri.fsPath), undefined).catch(() => ({})); }
      throw err;
    }
  };

  const send = async (doc: vscode.TextDocument, lines: readonly number[] | 'all'): Promise<RequestOutcome[]> => {
    const file = parse(doc);
    const requests = lines === 'all' ? file.requests : file.requests.filter(r => lines.includes(r.line));
    if (!requests.length) {
      void vscode.window.showWarningMessage(file.problems.length
        ? vscode.l10n.t('This request cannot be sent: line {0}: {1}', file.problems[0].line + 1, file.problems[0].message)
        : vscode.l10n.t('There is no request here.'));
      return [];
    }
    let env: Record<string, string>;
    try { env = await environment(doc); } catch (err) {
      void vscode.window.showErrorMessage(errorMessage(err));
      return [];
    }
    const baseUrls: Partial<Record<ProviderId, string>> = {};
    for (const p of PROVIDER_IDS) {
      try { const u = baseUrlOverride(p, services.logger); if (u) { baseUrls[p] = u; } } catch (err) {
        void vscode.window.showErrorMessage(errorMessage(err));
        return [];
      }
    }
    const used = new Map<ProviderId, KeyProfile>();
    const outcomes: RequestOutcome[] = [];
    const dir = doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : '';
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending requests'), cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      for (const req of requests) {
        if (token.isCancellationRequested) { break; }
        progress.report({ message: req.name ?? `${req.method} ${req.url}` });
        const o = await runRequest(file, req, {
          http: services.clients.http, dir, baseUrls, environment: env, signal: abort.signal,
          secret: (ref, profile) => keyFor(services, ref, profile, used),
          confirm: q => confirmSpend(q, used.get(q.providerId)),
        });
        outcomes.push(o);
        log.info(`${o.state} ${o.label}${o.status !== undefined ? ` → ${o.status}` : ''}${o.message ? `: ${o.message}` : ''}`);
      }
    });
    if (outcomes.length) {
      const text = responseText(outcomes, services);
      shown.push(text);
      if (shown.length > 20) { shown.shift(); }
      const uri = responses.set(doc.uri, text);
      const shownDoc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(shownDoc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }
    return outcomes;
  };

  const refresh = async (doc: vscode.TextDocument) => {
    if (!isRequestFile(doc)) { return; }
    const env = await environment(doc).catch(() => ({}));
    const findings = await lintHttpFile(parse(doc), env);
    diagnostics.set(doc.uri, findings.map(f => {
      const line = doc.lineAt(Math.min(f.line, doc.lineCount - 1));
      const d = new vscode.Diagnostic(line.range, f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'Ring Keys';
      d.code = f.code;
      return d;
    }));
  };
  const timers = new Map<string, NodeJS.Timeout>();
  const schedule = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => { timers.delete(key); void refresh(doc); }, 300));
  };

  context.subscriptions.push(
    diagnostics, lensChanged, responses,
    { dispose: () => { for (const t of timers.values()) { clearTimeout(t); } } },
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    vscode.languages.registerCodeLensProvider(HTTP_SELECTOR, {
      onDidChangeCodeLenses: lensChanged.event,
      provideCodeLenses: doc => {
        const file = parse(doc);
        const lenses: vscode.CodeLens[] = [];
        file.requests.forEach((r, i) => {
          const range = new vscode.Range(r.line, 0, r.line, 0);
          if (i === 0 && file.requests.length > 1) {
            lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Send All ({0})', file.requests.length), command: Commands.sendAllHttpRequests, arguments: [doc.uri] }));
          }
          lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Send Request'), command: Commands.sendHttpRequest, arguments: [doc.uri, r.line] }));
        });
        return lenses;
      },
    }),
    vscode.languages.registerCompletionItemProvider(HTTP_SELECTOR, {
      provideCompletionItems: (doc, pos) => {
        const prefix = doc.lineAt(pos.line).text.slice(0, pos.character);
        return completionsAt(prefix, parse(doc).variables.map(v => v.name)).map(c => {
          const item = new vscode.CompletionItem(c.label, c.kind === 'endpoint' ? vscode.CompletionItemKind.Reference : vscode.CompletionItemKind.Variable);
          item.insertText = c.insert;
          item.detail = c.detail;
          item.range = new vscode.Range(pos.line, pos.character - c.replace, pos.line, pos.character);
          return item;
        });
      },
    }, '{', ' ', '/'),
    vscode.workspace.onDidOpenTextDocument(doc => { void refresh(doc); }),
    vscode.workspace.onDidChangeTextDocument(e => { if (isRequestFile(e.document)) { schedule(e.document); } }),
    vscode.workspace.onDidCloseTextDocument(doc => { diagnostics.delete(doc.uri); }),
  );
  for (const d of vscode.workspace.textDocuments) { void refresh(d); }
  return {
    shown: () => shown,
    async sendOne(uri?: vscode.Uri, line?: number): Promise<RequestOutcome[]> {
      const doc = await documentFor(uri);
      if (!doc) { return []; }
      const at = typeof line === 'number' ? line : requestLineAt(parse(doc), vscode.window.activeTextEditor?.selection.active.line ?? 0);
      return at === undefined ? [] : send(doc, [at]);
    },
    async sendAll(uri?: vscode.Uri): Promise<RequestOutcome[]> {
      const doc = await documentFor(uri);
      return doc ? send(doc, 'all') : [];
    },
    async chooseEnvironment(): Promise<void> {
      const doc = vscode.window.activeTextEditor?.document;
      const names = doc?.uri.scheme === 'file' ? await environmentNames(path.dirname(doc.uri.fsPath)) : [];
      const none = vscode.l10n.t('(none: $shared values only)');
      const pick = await vscode.window.showQuickPick([none, ...names], { title: vscode.l10n.t('Environment for request files (from http-client.env.json)') });
      if (pick === undefined) { return; }
      await context.workspaceState.update(ENV_STATE, pick === none ? undefined : pick);
      for (const d of vscode.workspace.textDocuments) { void refresh(d); }
    },
  };
}

async function documentFor(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) { return vscode.workspace.openTextDocument(uri); }
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isRequestFile(doc) ? doc : undefined;
}

/** The request whose block holds `line`. */
function requestLineAt(file: ParsedFile, line: number): number | undefined {
  return [...file.requests].reverse().find(r => r.startLine <= line)?.line ?? file.requests[0]?.line;
}

async function environmentNames(dir: string): Promise<string[]> {
  try {
    const text = await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(dir, 'http-client.env.json')));
    const data = JSON.parse(Buffer.from(text).toString('utf8')) as Record<string, unknown>;
    return Object.keys(data).filter(k => k !== '$shared');
  } catch {
    return [];
  }
}

/** The key for a variable: the named profile of its provider, else the provider's active one. */
async function keyFor(services: Services, ref: SecretRef, profile: string | undefined, used: Map<ProviderId, KeyProfile>): Promise<string | undefined> {
  if (ref.kind === 'env') {
    throw new Error(vscode.l10n.t('In the editor, {{$processEnv {0}}} is not read: only the key variables ({1}) come from Ring Keys.', ref.name, PROVIDER_IDS.map(p => PROVIDERS[p].envVar).join(', ')));
  }
  const wanted = profile?.trim().toLowerCase();
  const chosen = wanted ? services.vault.list(ref.provider).find(p => p.name.trim().toLowerCase() === wanted) : services.vault.active(ref.provider);
  if (!chosen) {
    if (wanted) {
      throw new Error(vscode.l10n.t('There is no {0} key named "{1}" (named by # @ringKeys profile=…). Add it with Ring Keys: Add Key.', PROVIDERS[ref.provider].label, profile!));
    }
    return undefined;
  }
  used.set(ref.provider, chosen);
  return services.vault.getKey(chosen.id);
}

/** The Request Tester's confirmation, with the profile's name. */
async function confirmSpend(q: SpendQuestion, profile: KeyProfile | undefined): Promise<boolean> {
  const send = vscode.l10n.t('Send');
  let message: string;
  let detail: string;
  if (q.gate) {
    ({ message, detail } = confirmText(vscode.l10n, { ...q.gate, key: { name: profile?.name ?? q.gate.key.name, tail: q.key } }));
  } else {
    message = vscode.l10n.t('Send {0} with the key "{1}" ({2})?', q.what, profile?.name ?? q.provider, q.key);
    detail = vscode.l10n.t('{0} is not in the endpoint catalogue, so what it does is unknown: it may change or delete data, or spend credits.', q.what);
  }
  return (await askModal('warning', message, detail, send)) === send;
}

function responseText(outcomes: readonly RequestOutcome[], services: Services): string {
  const r = services.clients.http.redactor;
  const parts: string[] = [];
  for (const o of outcomes) {
    const lines = [`### ${o.name}`, `# ${o.label}`];
    if (o.state === 'refused' || o.state === 'error') {
      lines.push(`# ${o.state === 'refused' ? vscode.l10n.t('Not sent') : vscode.l10n.t('No answer')}: ${o.message ?? ''}`);
    }
    if (o.response) {
      const res = o.response;
      const meaning = o.provider ? statusMeaningText(vscode.l10n, statusMeaning(o.provider, res.status)).meaning : '';
      lines.push(`HTTP ${res.status}${meaning ? ` — ${meaning}` : ''}  (${res.timeMs} ms, ${res.body.length} B)`);
      for (const [k, v] of Object.entries(r.headers(res.headers))) { lines.push(`${k}: ${v}`); }
      lines.push('');
      let body = res.text();
      try { body = JSON.stringify(r.json(JSON.parse(body)), null, 2); } catch { body = r.text(body); }
      if (body.length > MAX_SHOWN_BODY) { body = `${body.slice(0, MAX_SHOWN_BODY)}\n… (${vscode.l10n.t('cut at {0} characters', MAX_SHOWN_BODY)})`; }
      lines.push(body);
    }
    if (o.assertions.length) {
      lines.push('');
      for (const a of o.assertions) { lines.push(`${a.pass ? '✔' : '✘'} ${a.assertion.text}${a.pass ? '' : `  (${vscode.l10n.t('got {0}', a.actual)})`}`); }
    }
    if (o.state === 'failed' && o.message) { lines.push(`# ${o.message}`); }
    parts.push(lines.join('\n'));
  }
  return r.text(parts.join('\n\n'));
}

/** The answers, as read-only documents (one per request file, replaced on each send). */
class ResponseDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(source: vscode.Uri, text: string): vscode.Uri {
    const name = path.posix.basename(source.path) || 'request';
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${name}.response`, query: encodeURIComponent(source.toString()) });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void { this.changed.dispose(); this.texts.clear(); }
}
