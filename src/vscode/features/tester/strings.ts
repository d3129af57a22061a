// The webview's strings, localised here in the extension host (literal vscode.l10n.t calls, so the l10n
// bundle export finds them) and posted to the webview with `init`.
import * as vscode from 'vscode';
import type { EndpointGroup } from '../../../core/tester/catalog';
import type { WebviewStringTable } from '../../../core/tester/strings';

export function webviewStrings(): WebviewStringTable {
  return {
    title: vscode.l10n.t('Request Tester'),
    provider: vscode.l10n.t('Provider'),
    key: vscode.l10n.t('Key'),
    noKey: vscode.l10n.t('No key stored for this provider'),
    addKey: vscode.l10n.t('Add Key…'),
    testBadge: vscode.l10n.t('TEST'),
    activeBadge: vscode.l10n.t('active'),
    endpoint: vscode.l10n.t('Endpoint'),
    filterPlaceholder: vscode.l10n.t('Filter: method, path or words'),
    noMatch: vscode.l10n.t('No endpoint matches the filter.'),
    riskRead: vscode.l10n.t('read-only'),
    riskSpends: vscode.l10n.t('spends credits'),
    riskIrreversible: vscode.l10n.t('irreversible'),
    confirmFirst: vscode.l10n.t('You will be asked to confirm before it is sent.'),
    confirmTitle: vscode.l10n.t('Confirm before sending'),
    dontSend: vscode.l10n.t('Cancel (do not send)'),
    rotateRefused: vscode.l10n.t('Not sent from here: use the Rotate Key command, which stores the new key safely.'),
    testKeyNote: vscode.l10n.t('Test key: no real call is placed and no credits are used.'),
    docs: vscode.l10n.t('Open the docs'),
    parameters: vscode.l10n.t('Parameters'),
    noParameters: vscode.l10n.t('This endpoint takes no parameters.'),
    pathParam: vscode.l10n.t('path'),
    queryParam: vscode.l10n.t('query'),
    required: vscode.l10n.t('required'),
    body: vscode.l10n.t('Body (JSON)'),
    resetBody: vscode.l10n.t('Reset to example'),
    bodyKeys: vscode.l10n.t('Tab indents; Escape, then Tab, moves on.'),
    jsonOk: vscode.l10n.t('Valid JSON'),
    jsonBad: vscode.l10n.t('Not valid JSON'),
    send: vscode.l10n.t('Send'),
    sendHint: vscode.l10n.t('Ctrl+Enter sends'),
    cancel: vscode.l10n.t('Cancel'),
    copyCurl: vscode.l10n.t('Copy as cURL'),
    saveHttp: vscode.l10n.t('Save as .http'),
    copyHttp: vscode.l10n.t('Copy as .http'),
    curlCopied: vscode.l10n.t('Copied to the clipboard. The key is read from {0} when it runs.'),
    response: vscode.l10n.t('Response'),
    noResponse: vscode.l10n.t('Send a request to see the answer here. The key is added by the extension when it sends; it never reaches this view.'),
    sending: vscode.l10n.t('Sending {0}…'),
    notSent: vscode.l10n.t('Not sent'),
    failed: vscode.l10n.t('No answer'),
    time: vscode.l10n.t('time'),
    size: vscode.l10n.t('size'),
    attempts: vscode.l10n.t('attempts'),
    rateLimit: vscode.l10n.t('Rate limit'),
    headers: vscode.l10n.t('Headers'),
    responseBody: vscode.l10n.t('Body'),
    redactedNote: vscode.l10n.t('api_key fields, known keys and credential headers are shown as [REDACTED].'),
    truncated: vscode.l10n.t('Cut for display.'),
    emptyBody: vscode.l10n.t('(empty body)'),
    history: vscode.l10n.t('History'),
    historyEmpty: vscode.l10n.t('No requests yet. The last 50 are kept here, without keys.'),
    clearHistory: vscode.l10n.t('Clear'),
    rerun: vscode.l10n.t('Re-run'),
    load: vscode.l10n.t('Load into the form'),
    showLogs: vscode.l10n.t('Show Logs'),
  };
}

export function groupLabels(): Record<EndpointGroup, string> {
  return {
    workspace: vscode.l10n.t('Workspace'),
    agents: vscode.l10n.t('Agents'),
    calls: vscode.l10n.t('Calls'),
    phoneNumbers: vscode.l10n.t('Phone numbers'),
    webhooks: vscode.l10n.t('Webhooks'),
    campaigns: vscode.l10n.t('Campaigns'),
    analytics: vscode.l10n.t('Analytics'),
    knowledgeBase: vscode.l10n.t('Knowledge base'),
  };
}
