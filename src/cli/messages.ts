// The CLI's words for what the core reports as data: the extension's (src/words/messages.ts) in English, with
// numbers always in en-US so that the output does not depend on the machine; and the verdicts of live checks,
// which only the CLI words in one line.
import type { ErrorAdvice } from '../core/http/errors';
import type { KeyFormatError, KeyFormatWarning } from '../core/keys';
import type { LiveVerdict, NotFoundHint } from '../core/liveCheck';
import { PROVIDERS } from '../core/providers/catalog';
import type { VerifyNote, VerifySummary } from '../core/providers/clients';
import { formatCredits } from '../core/credits';
import { fillPlaceholders } from '../core/template';
import * as words from '../words/messages';

/** The CLI's number format: fixed, so that output and tests are the same on every machine. */
export const CLI_LOCALE = 'en-US';

/** vscode.l10n.t as it behaves with no translation: the message with {0}, {1}… filled in. */
export const english: words.L10n = { t: ((message: string, ...args: unknown[]) => fillPlaceholders(message, ...args)) as words.L10n['t'] };

export function credits(n: number | undefined): string {
  return formatCredits(n, CLI_LOCALE);
}

/** One line for the error, and what to do about it (from the provider docs' troubleshooting tables). */
export function errorText(a: ErrorAdvice): { message: string; fix: string } {
  const r = words.errorText(english, a);
  // the command line has a way of its own to allow more time
  return a.kind === 'timeout' ? { message: r.message, fix: 'Try again; if the network is slow, allow more time (--timeout, or the setting ringKeys.http.timeoutSeconds).' } : r;
}

export function keyFormatText(code: KeyFormatError | KeyFormatWarning): string {
  return words.keyFormatText(english, code);
}

export function verifySummaryText(s: VerifySummary): string {
  return words.verifySummaryText(english, s, CLI_LOCALE);
}

export function verifyNoteText(n: VerifyNote): string {
  return words.verifyNoteText(english, n);
}

export const UNVERIFIABLE_TEXT = words.unverifiableText(english);

/** A found key's verdict in one line (text output, SARIF, JSON). */
export function verdictText(v: LiveVerdict): string {
  switch (v.reason) {
    case 'accepted':
      return v.workspace
        ? `live: the key opens workspace "${v.workspace.name}"${v.workspace.available !== undefined ? ` (${credits(v.workspace.available)} credits available)` : ''}`
        : `live: the key works${v.summary ? ` (${verifySummaryText(v.summary)})` : ''}`;
    case 'rejected': return 'rejected: the provider refuses the key (401: revoked, rotated or never valid)';
    case 'forbidden': return 'restricted: the key is accepted but may not read what the check asks (403)';
    case 'rateLimited': return 'unknown: rate-limited (429); try again later';
    case 'providerError': return `unknown: the provider had a problem (${v.status ?? '5xx'})`;
    case 'network': return 'unknown: the provider could not be reached';
    case 'timeout': return 'unknown: the provider did not answer in time';
    case 'malformed': return 'unknown: the provider\'s answer was not the documented JSON';
    case 'noCampaign': return 'unknown: Ring Tonic has no endpoint to check a key without a campaign (--ringtonic-campaign)';
    case 'notAllowed': return 'unknown: not sent (the base URL or a redirect would take the key to another origin)';
    case 'notFound': return `unknown: ${notFoundText(PROVIDERS[v.provider].label, v.notFound)}`;
    case 'other': return 'unknown: the check failed';
  }
}

/** A 404 for a key check: the URL asked and what the base URL should look like (a path left out, most often). */
export function notFoundText(label: string, hint: NotFoundHint | undefined): string {
  if (!hint) { return `${label} answered 404 (not found) to the check; is the base URL complete?`; }
  return `${label} answered 404 (not found) to ${hint.tried}; ` +
    (hint.expected ? `the base URL should look like ${hint.expected}` : 'the base URL has no such endpoint');
}
