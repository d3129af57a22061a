// A live check's verdict in the user's words (localised). The core gives codes; this is the only place
// that turns them into sentences for the diagnostic message, the hover and notifications.
import * as vscode from 'vscode';
import type { LiveVerdict } from '../../../core/liveCheck';
import { PROVIDERS } from '../../../core/providers/catalog';
import { credits } from '../../ui/words';

/** One sentence: the verdict and why. `awaitingRevoke`: the user replaced the key but has not revoked it yet. */
export function verdictSentence(v: LiveVerdict, awaitingRevoke = false): string {
  const label = PROVIDERS[v.provider].label;
  switch (v.reason) {
    case 'accepted':
      if (awaitingRevoke) {
        return vscode.l10n.t('Still live: revoke it in the {0} dashboard ({1}).', label, PROVIDERS[v.provider].dashboardPath);
      }
      if (v.workspace) {
        return v.workspace.available !== undefined
          ? vscode.l10n.t('Live: this key works now (workspace "{0}", {1} credits available).', v.workspace.name, credits(v.workspace.available))
          : vscode.l10n.t('Live: this key works now (workspace "{0}").', v.workspace.name);
      }
      return v.mode === 'test'
        ? vscode.l10n.t('Live: this {0} test key works now.', label)
        : vscode.l10n.t('Live: this key works now.');
    case 'rejected':
      return vscode.l10n.t('Revoked or rejected: {0} refuses this key (401).', label);
    case 'forbidden':
      return vscode.l10n.t('Restricted: {0} accepts this key but refused the check (403).', label);
    case 'rateLimited':
      return vscode.l10n.t('Unknown: {0} is rate-limiting (429); check again later.', label);
    case 'providerError':
      return vscode.l10n.t('Unknown: {0} had a problem ({1}); check again later.', label, String(v.status ?? '5xx'));
    case 'network':
      return vscode.l10n.t('Unknown: {0} could not be reached.', label);
    case 'timeout':
      return vscode.l10n.t('Unknown: {0} did not answer in time.', label);
    case 'malformed':
      return vscode.l10n.t('Unknown: {0} answered something other than its documented JSON.', label);
    case 'noCampaign':
      return vscode.l10n.t('Unknown: Ring Tonic has no endpoint that checks a key without a campaign.');
    case 'notAllowed':
      return vscode.l10n.t('Unknown: not sent, because the base URL or a redirect would take the key to another origin.');
    case 'notFound':
      return !v.notFound ? vscode.l10n.t('Unknown: {0} answered 404 (not found) to the check; is the base URL setting complete?', label)
        : v.notFound.expected
          ? vscode.l10n.t('Unknown: {0} answered 404 (not found) to {1}; the base URL setting should look like {2}.', label, v.notFound.tried, v.notFound.expected)
          : vscode.l10n.t('Unknown: {0} answered 404 (not found) to {1}; the base URL setting has no such endpoint.', label, v.notFound.tried);
    case 'other':
      return vscode.l10n.t('Unknown: the check failed (see the log).');
  }
}

/** The verdict in a word or two (the hover's heading). */
export function verdictLabel(v: LiveVerdict, awaitingRevoke = false): string {
  switch (v.validity) {
    case 'live': return awaitingRevoke ? vscode.l10n.t('Still live') : vscode.l10n.t('Live');
    case 'rejected': return vscode.l10n.t('Revoked or rejected');
    case 'restricted': return vscode.l10n.t('Restricted');
    case 'unknown': return vscode.l10n.t('Unknown');
  }
}

/** "checked 21:04" in the user's locale. */
export function checkedAt(v: LiveVerdict): string {
  return vscode.l10n.t('checked {0}', new Date(v.checkedAt).toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' }));
}
