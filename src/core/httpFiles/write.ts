// "Save as .http" / "Copy as .http": a Request Tester request (or a history entry's) as a request file that
// names the key and never holds it. The file keeps the documented base URL (a configured one is applied when it
// runs) and uses only the portable syntax, so httpyac runs it too with the key in the environment.
// No `vscode` import.
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import { endpointById } from '../tester/catalog';
import type { HistoryEntry } from '../tester/protocol';
import { type BuiltRequest, buildRequest, type FormProblem } from '../tester/request';

export interface HttpTextOptions {
  readonly provider: ProviderId;
  readonly request: BuiltRequest;
  /** `# @name` (letters, digits, - and _ kept). */
  readonly name?: string;
  /** A title after `###` (e.g. the catalogue's summary). */
  readonly title?: string;
  /** Extra headers (never the key's: those are written as variables). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Applied to the path, header values and the body (the HTTP layer's redactor: known keys, api_key fields). */
  readonly redact?: (text: string) => string;
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();

export function toHttpText(opts: HttpTextOptions): string {
  const redact = opts.redact ?? (s => s);
  const p = PROVIDERS[opts.provider];
  const { method, path, body } = opts.request;
  const lines = [`### ${oneLine(opts.title ?? `${method} ${path.split('?')[0]}`)}`];
  const name = opts.name?.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (name) { lines.push(`# @name ${name}`); }
  // `{{` in a value would be read back as a variable: a path or header from the form never needs one
  const literal = (s: string) => redact(s).replace(/\{\{/g, '{ {');
  lines.push(`${method} ${p.defaultBaseUrl}${literal(path)}`);
  lines.push(p.auth === 'x-api-key' ? `x-api-key: {{${p.envVar}}}` : `Authorization: Bearer {{${p.envVar}}}`);
  lines.push('Accept: application/json');
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (/^(x-api-key|authorization|accept|content-type)$/i.test(k) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) { continue; }
    lines.push(`${k}: ${oneLine(literal(v))}`);
  }
  if (body !== undefined) {
    lines.push('Content-Type: application/json', '');
    let text = literal(body);
    try { text = JSON.stringify(JSON.parse(text), null, 2); } catch { /* as sent */ }
    // a body line that reads as a separator, an assertion or a file part would change the file's meaning
    lines.push(...text.split('\n').map(l => /^\s*(###|\?\?|<\s|[<>]\s*\{%)/.test(l) ? ` ${l}` : l));
  }
  lines.push('', '?? status < 400', '');
  return lines.join('\n');
}

/**
 * "Copy as .http" on a Request Tester history entry: the request as it was sent (the entry's form, already
 * redacted when it was stored, and redacted again here) as a request file. Not ok when the endpoint is no longer in
 * the catalogue (errors empty) or the stored form no longer builds.
 */
export function historyEntryHttpText(entry: HistoryEntry, redact?: (text: string) => string): { ok: true; text: string } | { ok: false; errors: FormProblem[] } {
  const endpoint = endpointById(entry.endpointId);
  if (!endpoint || endpoint.provider !== entry.provider) { return { ok: false, errors: [] }; }
  const built = buildRequest(endpoint, entry.form);
  if (!built.ok) { return built; }
  return { ok: true, text: toHttpText({ provider: endpoint.provider, request: built.request, title: endpoint.summary, name: endpoint.id.split('.').pop(), redact }) };
}
