// The Request Tester's pipeline without any UI: check a form against the catalogue, decide the gate
// (send, test-key note, confirm, refuse), send through ProviderClients (the one HTTP layer: checked origin,
// timeouts, rate limiter, GET-only retries, redaction), present the answer and record it in history.
// The VS Code panel adds the modal and the key from SecretStorage. No `vscode` import.
import { randomUUID } from 'node:crypto';
import { describeError, type ErrorAdvice } from '../http/errors';
import { PROVIDERS } from '../providers/catalog';
import type { ProviderClients } from '../providers/clients';
import type { KeyProfile } from '../vault';
import { type Endpoint, endpointById } from './catalog';
import { toCurl } from './curl';
import type { RequestHistory } from './history';
import { type PresentedResponse, presentResponse } from './present';
import { scrubKey } from '../http/redact';
import { errorMessage } from '../errorMessage';
import type { FormState } from './protocol';
import { type BuiltRequest, buildRequest, type FormProblem, type Gate, gateFor } from './request';

export interface Prepared {
  readonly endpoint: Endpoint;
  readonly profile: KeyProfile;
  readonly form: FormState;
  readonly request: BuiltRequest;
  /** Extra headers (Ringyo POSTs get an Idempotency-Key, as its docs suggest). */
  readonly headers: Readonly<Record<string, string>>;
  readonly gate: Gate;
  /** `POST /calling/outbound/individual` */
  readonly label: string;
  readonly profileLabel: string;
}

export type PrepareResult = { ok: true; prepared: Prepared } | { ok: false; errors: FormProblem[] };

/** What came of a send, as data: the panel words it (src/vscode/features/tester/words.ts) for the webview. */
export type TesterResult =
  | { readonly kind: 'response'; readonly response: PresentedResponse }
  | { readonly kind: 'error'; readonly requestId: number; readonly request: string; readonly error: ErrorAdvice }
  | { readonly kind: 'notSent'; readonly requestId: number; readonly request: string; readonly gate: Extract<Gate, { kind: 'refuse' }> };

export class RequestTester {
  constructor(
    private readonly clients: ProviderClients,
    private readonly history: RequestHistory,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Checks the form: a catalogue endpoint, a profile of the same provider, parameters and body. */
  prepare(form: FormState, profile: KeyProfile | undefined): PrepareResult {
    const endpoint = endpointById(form.endpointId);
    if (!endpoint) { return { ok: false, errors: [{ code: 'unknownEndpoint', endpointId: form.endpointId }] }; }
    if (!profile) { return { ok: false, errors: [{ code: 'noKey', provider: PROVIDERS[endpoint.provider].label }] }; }
    if (profile.provider !== endpoint.provider) {
      return { ok: false, errors: [{ code: 'wrongProvider', profile: profile.name, keyProvider: PROVIDERS[profile.provider].label,
        endpoint: `${endpoint.method} ${endpoint.path}`, endpointProvider: PROVIDERS[endpoint.provider].label }] };
    }
    const built = buildRequest(endpoint, form);
    if (!built.ok) { return built; }
    const headers = this.extraHeaders(endpoint);
    return {
      ok: true,
      prepared: {
        endpoint, profile, form, request: built.request, headers,
        gate: gateFor(endpoint, profile),
        label: `${built.request.method} ${built.request.path}`,
        profileLabel: `${profile.name} (${profile.tail})`,
      },
    };
  }

  /**
   * The request as cURL, the key as $RINGG_API_KEY / $RINGYO_API_KEY / $RINGTONIC_API_KEY. Needs no key
   * profile. Throws OriginNotAllowedError for a base URL that may not receive keys.
   */
  curl(form: FormState): { ok: true; text: string } | { ok: false; errors: FormProblem[] } {
    const endpoint = endpointById(form.endpointId);
    if (!endpoint) { return { ok: false, errors: [{ code: 'unknownEndpoint', endpointId: form.endpointId }] }; }
    const built = buildRequest(endpoint, form);
    if (!built.ok) { return built; }
    return {
      ok: true,
      text: toCurl({
        provider: endpoint.provider, baseUrl: this.clients.baseUrl(endpoint.provider), request: built.request,
        headers: this.extraHeaders(endpoint), redact: s => this.clients.http.redactor.text(s),
      }),
    };
  }

  private extraHeaders(endpoint: Endpoint): Record<string, string> {
    return endpoint.provider === 'ringyo' && endpoint.method === 'POST' ? { 'Idempotency-Key': this.newId() } : {};
  }

  /** Sends (the gate has been passed), presents the answer and records it. Never throws for a failed request. */
  async execute(p: Prepared, key: string, requestId: number, signal?: AbortSignal): Promise<TesterResult> {
    const { endpoint, request } = p;
    if (p.gate.kind === 'refuse') {   // defence in depth: the panel never gets here for these
      return { kind: 'notSent', requestId, request: p.label, gate: p.gate };
    }
    const note = p.gate.kind === 'testKey' ? p.gate : undefined;
    const base = { provider: endpoint.provider, profileId: p.profile.id, profileLabel: p.profileLabel, endpointId: endpoint.id,
      method: request.method, path: request.path, form: p.form };
    try {
      // retry is left to the HTTP layer: GETs are retried, nothing else ever is
      const res = await this.clients.call(endpoint.provider, key, request.method, request.path, {
        body: request.body, headers: { accept: 'application/json', ...p.headers }, signal,
      });
      const response = presentResponse(res, {
        provider: endpoint.provider, redactor: this.clients.http.redactor, key, requestId, endpointId: endpoint.id,
        request: p.label, profileLabel: p.profileLabel, note,
      });
      await this.history.add({ ...base, status: res.status, timeMs: response.timeMs, size: response.size });
      return { kind: 'response', response };
    } catch (err) {
      const scrub = (s: string) => this.clients.http.redactor.text(scrubKey(s, key));
      // the error's data holds outside text (server words, hosts): scrubbed of the key like everything shown
      const advice = JSON.parse(scrub(JSON.stringify(describeError(err, PROVIDERS[endpoint.provider].label)))) as ErrorAdvice;
      await this.history.add({ ...base, error: scrub(errorMessage(err)) });
      return { kind: 'error', requestId, request: p.label, error: advice };
    }
  }
}
