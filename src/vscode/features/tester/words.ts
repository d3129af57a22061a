// The Request Tester's words for what the core reports as data: the provider's documented meaning of a status,
// the gate before a send (test-key note, confirmation, refusal), form problems, and a result as the webview
// shows it. Through l10n.t; no `vscode` import at run time (panel.ts hands in vscode.l10n, unit tests a fake).
import type { Endpoint } from '../../../core/tester/catalog';
import type { PresentedResponse } from '../../../core/tester/present';
import type { ResponseView, ResultView } from '../../../core/tester/protocol';
import type { FormProblem, Gate } from '../../../core/tester/request';
import type { TesterResult } from '../../../core/tester/tester';
import { errorText } from '../../../words/messages';
import { statusMeaningText } from '../../../words/statusMeaning';

export { meaningRowText, ringyoCodeText, statusMeaningText } from '../../../words/statusMeaning';
// Type only, so that `npm run l10n` extracts the strings of this file's `l10n.t` calls.
import type { l10n } from 'vscode';

type L10n = Pick<typeof l10n, 't'>;

/**
 * The catalogue as the webview shows it: the docs' words (summary, note, effect, parameter descriptions and
 * placeholders) through l10n.t. They are data, not literal calls: tools/l10n-catalog.cjs adds them to the bundle.
 */
export function localisedEndpoint(l10n: L10n, e: Endpoint): Endpoint {
  const t = (s: string) => l10n.t(s);
  return {
    ...e, summary: t(e.summary), note: t(e.note), effect: e.effect === undefined ? undefined : t(e.effect),
    params: e.params.map(p => ({ ...p, description: p.description === undefined ? undefined : t(p.description), placeholder: p.placeholder === undefined ? undefined : t(p.placeholder) })),
  };
}

/** What an endpoint does: the catalogue's words (in the bundle), else what its risk implies. */
function effectText(l10n: L10n, g: { risk: 'spends' | 'irreversible'; effect?: string }): string {
  return g.effect !== undefined ? l10n.t(g.effect) : g.risk === 'spends' ? l10n.t('spends credits') : l10n.t('cannot be undone');
}

export function testKeyNoteText(l10n: L10n, g: Extract<Gate, { kind: 'testKey' }>): string {
  return l10n.t('"{0}" ({1}) is a test key: {2} places no real call and uses no credits for test keys.', g.key.name, g.key.tail, g.provider);
}

/** The question before a send: message (names the request and key) and detail (what it does). */
export function confirmText(l10n: L10n, g: Extract<Gate, { kind: 'confirm' }>): { message: string; detail: string } {
  const effect = effectText(l10n, g);
  if (g.test) {
    return {
      message: l10n.t('Send {0} with the test key "{1}" ({2})?', g.what, g.key.name, g.key.tail),
      detail: l10n.t("This is a test key. {0}'s docs promise that test keys place no real calls and use no credits; they do not say that this is simulated. If it is not, this {1}.", g.provider, effect),
    };
  }
  const parts = [
    l10n.t('This {0}.', effect),
    g.risk === 'spends' ? l10n.t('Credits spent are not refunded.') : l10n.t('It cannot be undone from here.'),
    g.noTestKeys ? l10n.t('{0} has no test keys: every request is real.', g.provider) : undefined,
  ];
  return { message: l10n.t('Send {0} with the live key "{1}" ({2})?', g.what, g.key.name, g.key.tail), detail: parts.filter(Boolean).join(' ') };
}

export function refuseText(l10n: L10n, g: Extract<Gate, { kind: 'refuse' }>): { message: string; detail: string } {
  return {
    message: l10n.t('The Request Tester does not send {0}: it {1}.', g.what, g.effect !== undefined ? l10n.t(g.effect) : l10n.t('rotates the key')),
    detail: l10n.t('The answer holds the only copy of the new key. Use Rotate Key: it stores the new key in SecretStorage before anything else, and tells you how to recover if the answer is lost.'),
  };
}

export function formProblemText(l10n: L10n, p: FormProblem): string {
  switch (p.code) {
    case 'unknownEndpoint': return l10n.t('Unknown endpoint {0}.', p.endpointId);
    case 'noKey': return l10n.t('Choose a {0} key (add one with Add Key).', p.provider);
    case 'wrongProvider': return l10n.t('"{0}" is a {1} key; {2} is a {3} endpoint.', p.profile, p.keyProvider, p.endpoint, p.endpointProvider);
    case 'missingPathParam': return l10n.t('Fill in the path parameter {0}.', p.name);
    case 'dotPathParam': return l10n.t('{0} cannot be "{1}".', p.name, p.value);
    case 'missingQueryParam': return l10n.t('Fill in the query parameter {0}.', p.name);
    case 'bodyNotAllowed': return l10n.t('{0} requests are sent without a body.', p.method);
    case 'badJson': return l10n.t('The body is not valid JSON: {0}', p.detail);
  }
}

export function responseView(l10n: L10n, r: PresentedResponse): ResponseView {
  const { meaning, fix } = statusMeaningText(l10n, r.meaning);
  return { ...r, meaning, fix, note: r.note && testKeyNoteText(l10n, r.note) };
}

/** A result as the webview shows it, in the display language. */
export function resultView(l10n: L10n, r: TesterResult): ResultView {
  switch (r.kind) {
    case 'response': return { kind: 'response', response: responseView(l10n, r.response) };
    case 'error': return { kind: 'error', requestId: r.requestId, request: r.request, ...errorText(l10n, r.error) };
    case 'notSent': {
      const { message, detail } = refuseText(l10n, r.gate);
      return { kind: 'notSent', requestId: r.requestId, request: r.request, message, detail };
    }
  }
}
