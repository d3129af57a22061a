// The words for what the core reports as data: errors and their fixes, key-format problems, verify summaries
// and notes, workspace-info facts. One wording, two renderers: the extension passes vscode.l10n (ui/words.ts)
// and the display language, so that every sentence is in the l10n bundle (`npm run l10n`) and numbers follow
// the language; the CLI passes English and en-US (src/cli/messages.ts). No `vscode` import at run time.
// Outside strings in the data (server words, hosts, names) were redacted where the core built them.
import type {
  ErrorAdvice, KeyMissingReason, MalformedReason, NetworkReason, OriginReason,
  RedirectReason, SecretStorageReason, TextReason, TimeoutReason, TooLargeReason,
} from '../core/http/errors';
import type { KeyFormatError, KeyFormatWarning } from '../core/keys';
import type { InfoFact, OutcomeFacts, RingyoPlan, VerifyNote, VerifySummary } from '../core/providers/clients';
import { formatCredits } from '../core/credits';
// Type only, so that `npm run l10n` (which reads the `l10n.t` calls of a file that imports it) extracts the
// strings below; at run time `l10n` is vscode.l10n (ui/words.ts), the CLI's English (cli/messages.ts) or a test's fake.
import type { l10n } from 'vscode';

export type L10n = Pick<typeof l10n, 't'>;

export function errorText(l10n: L10n, a: ErrorAdvice): { message: string; fix: string } {
  const p = a.provider ?? l10n.t('The provider');
  switch (a.kind) {
    case 'unexpected':
      return { message: l10n.t('Unexpected error: {0}', a.detail), fix: l10n.t('See the Ring Keys log for details.') };
    case 'keyRejected':
      return { message: l10n.t('{0} rejected the key (401): it is missing, invalid or was rotated.', p),
        fix: l10n.t('Re-enter the current key from the dashboard, and redeploy any service that uses the old one.') };
    case 'forbidden':
      return { message: l10n.t('{0} accepted the key but refused this action (403).', p),
        fix: l10n.t("Check the workspace role or the key's permissions (and the plan) in the dashboard.") };
    case 'rateLimited':
      return { message: a.retryAfterS !== undefined
        ? l10n.t('{0} is rate-limiting this key (429). Try again in {1} s.', p, a.retryAfterS)
        : l10n.t('{0} is rate-limiting this key (429).', p),
      fix: l10n.t('Back off and retry later; lower the request rate in settings.') };
    case 'providerError':
      return { message: l10n.t('{0} had a problem ({1}); retries did not help.', p, a.status ?? '5xx'), fix: l10n.t("This is on the provider's side: try again later.") };
    case 'requestError':
      return { message: l10n.t('{0} refused the request ({1}): {2}', p, a.status ?? '4xx', a.detail), fix: l10n.t('Fix the request parameters or body.') };
    case 'network':
      return { message: networkText(l10n, a.reason, p), fix: l10n.t('Check the network connection and the base URL setting.') };
    case 'timeout':
      return { message: timeoutText(l10n, a.reason, p),
        fix: l10n.t('Try again; if the network is slow, allow more time (setting {0}).', 'ringKeys.http.timeoutSeconds') };
    case 'tooLarge':
      return { message: tooLargeText(l10n, a.reason), fix: l10n.t('The answer was cut off to protect memory.') };
    case 'malformed':
      return { message: malformedText(l10n, a.reason, p), fix: l10n.t('Check the base URL points at the API; try again later.') };
    case 'redirectBlocked':
      return { message: redirectText(l10n, a.reason, p), fix: l10n.t('Check the base URL setting; the key was not sent to the other host.') };
    case 'originNotAllowed':
      return { message: originText(l10n, a.reason), fix: l10n.t("Use the provider's HTTPS host or a loopback address (the sandbox).") };
    case 'secretStorage':
      return { message: secretStorageText(l10n, a.reason),
        fix: l10n.t('On Linux, install and unlock a keyring (gnome-keyring or KWallet) or run VS Code with {0}; nothing was written to a file.', '--password-store=basic') };
    case 'keyMissing':
      return { message: keyMissingText(l10n, a.reason), fix: l10n.t('Re-enter the key.') };
  }
}

function networkText(l10n: L10n, r: NetworkReason | TextReason, p: string): string {
  switch (r.code) {
    case 'text': return l10n.t('Could not reach {0}: {1}', p, r.text);
    case 'cancelled': return l10n.t('The request to {0} was cancelled ({1}).', p, r.where);
    case 'failed': return r.dropped
      ? l10n.t('Could not reach {0}: {1} ({2}); the connection dropped after the request was sent.', p, r.cause, r.where)
      : l10n.t('Could not reach {0}: {1} ({2}).', p, r.cause, r.where);
  }
}

function timeoutText(l10n: L10n, r: TimeoutReason | TextReason, p: string): string {
  switch (r.code) {
    case 'text': return l10n.t('{0} did not answer in time: {1}', p, r.text);
    case 'attempt': return l10n.t('{0} did not answer in time: no complete answer within {1} s ({2}).', p, r.seconds, r.where);
    case 'connect': return l10n.t('{0} did not answer in time: could not connect within {1} s ({2}).', p, r.seconds, r.where);
    case 'headers': return l10n.t('{0} did not answer in time: no response headers within {1} s ({2}).', p, r.seconds, r.where);
    case 'body': return l10n.t('{0} did not answer in time: the response body stalled for {1} s ({2}).', p, r.seconds, r.where);
  }
}

function tooLargeText(l10n: L10n, r: TooLargeReason | TextReason): string {
  return r.code === 'text' ? r.text : l10n.t('The response was larger than {0} KiB and was cut off.', r.kib);
}

function malformedText(l10n: L10n, r: MalformedReason | TextReason, p: string): string {
  switch (r.code) {
    case 'text': return l10n.t('{0} sent an answer that is not the expected JSON: {1}', p, r.text);
    case 'notJson': return r.contentType
      ? l10n.t('{0} sent an answer that is not the expected JSON: {1}, {2} bytes: "{3}"', p, r.contentType, r.bytes, r.snippet)
      : l10n.t('{0} sent an answer that is not the expected JSON (no content type, {1} bytes): "{2}"', p, r.bytes, r.snippet);
    case 'noWorkspaceInfo': return l10n.t('{0} answered {1} without {2}.', p, 'GET /workspace', 'workspace_info');
    case 'noNewKey': return l10n.t('{0} sent a rotation answer ({1} bytes) that holds no new key that could be read.', p, r.bytes);
  }
}

function redirectText(l10n: L10n, r: RedirectReason | TextReason, p: string): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'otherHost': return l10n.t('The server redirected to another host ({0}); the redirect was not followed, so the key was not sent there.', r.host);
    case 'tooMany': return l10n.t('Too many redirects (more than {0}).', r.max);
    case 'noLocation': return l10n.t('{0} answered {1} without a usable Location; not followed.', p, r.status);
  }
}

function originText(l10n: L10n, r: OriginReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'notUrl': return l10n.t('"{0}" is not a URL.', r.value);
    case 'credentials': return l10n.t('A base URL with credentials in it is not accepted.');
    case 'notHttps': return l10n.t('{0} keys are only sent over HTTPS (plain http only to loopback), not to {1}.', r.provider, r.origin);
    case 'notDomain': return l10n.t('{0} keys are only sent to {1} hosts or loopback, not to {2}.', r.provider, r.domain, r.host);
  }
}

function secretStorageText(l10n: L10n, r: SecretStorageReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'failed':
      switch (r.op) {
        case 'read': return l10n.t("VS Code's SecretStorage could not read the key ({0}). Nothing was written to a file instead.", r.detail);
        case 'store': return l10n.t("VS Code's SecretStorage could not store the key ({0}). Nothing was written to a file instead.", r.detail);
        case 'delete': return l10n.t("VS Code's SecretStorage could not delete the key ({0}). Nothing was written to a file instead.", r.detail);
      }
      break;
    case 'keyring': return l10n.t('VS Code cannot use the system keyring, so Ring Keys cannot store or read keys ({0}).', r.detail);
  }
}

function keyMissingText(l10n: L10n, r: KeyMissingReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'noSecret': return l10n.t('SecretStorage holds no key for "{0}" (removed in another window, or the keyring was reset).', r.profile);
    case 'noProfile': return l10n.t('That key profile no longer exists.');
  }
}

export function keyFormatText(l10n: L10n, code: KeyFormatError | KeyFormatWarning): string {
  switch (code) {
    case 'empty': return l10n.t('Enter the key.');
    case 'whitespace': return l10n.t('A key has no spaces or line breaks.');
    case 'ringgNotUuid': return l10n.t('A Ringg AI key is a UUID like {0}.', '7251cb4b-3373-43a4-844c-b27a1d45e0c9');
    case 'ringyoPrefix': return l10n.t('A Ringyo AI key starts with {0} or {1} (older pages: {2} / {3}).', 'rg_live_', 'rg_test_', 'vb_live_', 'vb_test_');
    case 'ringtonicTooShort': return l10n.t('That is too short to be a Ring Tonic API key.');
    case 'ringgNotV4': return l10n.t('This UUID is not version 4, unlike every documented Ringg key. Check you copied the key, not an id.');
    case 'ringyoTestKey': return l10n.t('Test key: no real calls are placed and no credits are used.');
  }
}

export function verifySummaryText(l10n: L10n, s: VerifySummary, locale: string | undefined): string {
  switch (s.kind) {
    case 'workspace': return l10n.t('{0}: {1} credits available', s.name, formatCredits(s.available, locale));
    case 'ringyo': {
      const mode = s.mode === 'test' ? l10n.t('TEST key') : l10n.t('Live key');
      const parts = [mode];
      if (s.total !== undefined) {
        parts.push(s.listed === 'agents' ? l10n.t('{0} agents', s.total) : s.listed === 'calls' ? l10n.t('{0} calls', s.total) : l10n.t('{0} phone numbers', s.total));
      }
      if (s.perMinute) { parts.push(l10n.t('{0} requests/min', s.perMinute)); }
      return parts.join(', ');
    }
    case 'accepted': return s.geoData ? l10n.t('Key accepted (campaign geo-data readable)') : l10n.t('Key accepted');
  }
}

export function verifyNoteText(l10n: L10n, n: VerifyNote): string {
  switch (n.kind) {
    case 'fallback': return l10n.t('This key cannot read {0} (403); verified through {1}.', n.denied, n.via);
    case 'campaignNotFound': return l10n.t('Campaign {0} was not found; the key itself was accepted.', n.campaign);
  }
}

export function unverifiableText(l10n: L10n): string {
  return l10n.t('Ring Tonic documents no endpoint for checking a key. Stored, not verifiable: add a campaign UUID to the profile to verify through its geo-data.');
}

/** What a verify outcome says in one line (summary, reason or error message). */
export function outcomeText(l10n: L10n, o: OutcomeFacts, locale: string | undefined): string {
  switch (o.state) {
    case 'valid': return verifySummaryText(l10n, o.summary, locale);
    case 'unverifiable': return unverifiableText(l10n);
    default: return errorText(l10n, o.error).message;
  }
}

function planText(l10n: L10n, plan: RingyoPlan): string {
  switch (plan) {
    case 'pro60': return l10n.t('Pro (API Keys page table)');
    case 'pro300OrAgency300': return l10n.t('Pro (Authentication page) or Agency (API Keys page)');
    case 'agency1000': return l10n.t('Agency (Authentication page table)');
    case 'unknown': return l10n.t('unknown');
    case 'notReported': return '—';
  }
}

/** A workspace-info fact as label and value. */
export function factText(l10n: L10n, f: InfoFact, locale: string | undefined): [string, string] {
  const dash = (v: string | number | undefined) => v === undefined || v === '' ? '—' : String(v);
  switch (f.label) {
    case 'workspace': return [l10n.t('Workspace'), dash(f.value)];
    case 'workspaceId': return [l10n.t('Workspace id'), dash(f.value)];
    case 'created': return [l10n.t('Created'), dash(f.value)];
    case 'role': return [l10n.t('Your role'), dash(f.value)];
    case 'credits': return [l10n.t('Credits'), formatCredits(f.credits, locale)];
    case 'lockedCredits': return [l10n.t('Locked credits'), formatCredits(f.credits, locale)];
    case 'available': return [l10n.t('Available'), formatCredits(f.credits, locale)];
    case 'mode': return [l10n.t('Mode'), f.mode === 'test' ? l10n.t('Test (no real calls, no credits used)') : l10n.t('Live')];
    case 'agents': return [l10n.t('Agents'), dash(f.count)];
    case 'remaining': return [l10n.t('Remaining this window'), dash(f.count)];
    case 'rateLimit': return [l10n.t('Rate limit'), f.perMinute ? l10n.t('{0} requests/min', f.perMinute) : l10n.t('not reported')];
    case 'resets': return [l10n.t('Window resets'), f.at === undefined ? '—' : new Date(f.at).toISOString()];
    case 'plan': return [l10n.t('Plan (from the limit)'), planText(l10n, f.plan)];
    case 'status': return [l10n.t('Status'), f.outcome.state === 'unverifiable' ? l10n.t('Stored, not verifiable') : outcomeText(l10n, f.outcome, locale)];
    case 'campaign': return [l10n.t('Campaign used for checks'), f.campaign ?? l10n.t('none')];
    case 'noAccountEndpoint': return [l10n.t('Note'), l10n.t('Ring Tonic documents no account or workspace endpoint.')];
  }
}
