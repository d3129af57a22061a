// What the editor says about a request file without sending anything: parse problems, an endpoint the
// catalogue does not know, a missing required query parameter, a key variable next to another provider's
// address; and what it offers to complete (catalogue endpoints, key variables, the file's variables).
// Static: variables are resolved with placeholders for keys; nothing is read or sent. No `vscode` import.
import { PROVIDERS } from '../providers/catalog';
import { ENDPOINTS } from '../tester/catalog';
import type { ParsedFile } from './parse';
import { matchEndpoint, routeUrl } from './run';
import { KEY_VARIABLES, VariableResolver } from './variables';

export type LintCode = 'parse' | 'unknownEndpoint' | 'missingQueryParam' | 'keyForOtherHost';

export interface LintFinding {
  readonly line: number;
  readonly code: LintCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Findings for a parsed file, in line order. `environment`: the public values the editor would use. */
export async function lintHttpFile(file: ParsedFile, environment: Readonly<Record<string, string>> = {}): Promise<LintFinding[]> {
  const out: LintFinding[] = file.problems.map(p => ({ line: p.line, code: 'parse' as const, severity: 'error' as const, message: p.message }));
  for (const req of file.requests) {
    let url: string;
    try {
      const resolver = new VariableResolver({
        fileVariables: file.variables.slice(0, req.variablesBefore), environment,
        // placeholders: a lint never reads a key
        secret: async ref => ref.kind === 'key' ? `{{${ref.variable}}}` : `{{$processEnv ${ref.name}}}`,
      });
      url = (await resolver.resolve(req.url)).text;
    } catch {
      continue;   // an undefined variable is reported when the request is sent
    }
    const route = routeUrl(url, {});
    const used = new Set<string>();
    const texts = [req.url, ...req.headers.map(h => h.value), ...req.body.flatMap(b => b.kind === 'text' ? [b.text] : [])];
    for (const t of texts) {
      for (const m of t.matchAll(/\{\{\s*(?:\$processEnv\s+)?([A-Z_]+)\s*\}\}/g)) { if (m[1] in KEY_VARIABLES) { used.add(m[1]); } }
    }
    for (const v of used) {
      const p = KEY_VARIABLES[v];
      if (route.provider !== p && /^https?:\/\//.test(url)) {
        let host = url;
        try { host = new URL(url).host; } catch { /* as written */ }
        out.push({ line: req.line, code: 'keyForOtherHost', severity: 'error',
          message: `{{${v}}} is a ${PROVIDERS[p].label} key: it is only sent to ${PROVIDERS[p].defaultBaseUrl} (or your configured base URL), not to ${host}. Sending this request is refused.` });
      }
    }
    if (route.provider) {
      const e = matchEndpoint(route.provider, req.method, route.relative!);
      if (!e) {
        out.push({ line: req.line, code: 'unknownEndpoint', severity: 'warning',
          message: `${req.method} ${route.relative!.split('?')[0]} is not a documented ${PROVIDERS[route.provider].label} endpoint (not in the Request Tester's catalogue).` });
      } else {
        const query = new URLSearchParams(route.relative!.split('?')[1] ?? '');
        for (const param of e.params.filter(x => x.in === 'query' && x.required && !query.has(x.name))) {
          out.push({ line: req.line, code: 'missingQueryParam', severity: 'warning', message: `${e.method} ${e.path} needs the query parameter ${param.name}.` });
        }
      }
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

export interface CompletionEntry {
  readonly label: string;
  readonly insert: string;
  readonly detail?: string;
  /** How many characters before the cursor the insert replaces. */
  readonly replace: number;
  readonly kind: 'variable' | 'key' | 'endpoint';
}

/**
 * What to offer at the end of `linePrefix`: after `{{`, the key variables and the file's variables; on a request
 * line (`METHOD ` then a URL being typed), the catalogue's endpoints for that method under their base URL.
 */
export function completionsAt(linePrefix: string, fileVariables: readonly string[]): CompletionEntry[] {
  const v = /\{\{\s*([\w$.-]*)$/.exec(linePrefix);
  if (v) {
    const replace = v[1].length;
    const keys = Object.entries(KEY_VARIABLES).map(([name, p]): CompletionEntry => ({
      label: name, insert: `${name}}}`, replace, kind: 'key', detail: `${PROVIDERS[p].label} key from Ring Keys (never written to the file)`,
    }));
    const vars = [...new Set(fileVariables)].filter(n => !(n in KEY_VARIABLES)).map((name): CompletionEntry => ({ label: name, insert: `${name}}}`, replace, kind: 'variable' }));
    return [...keys, ...vars];
  }
  const r = /^(GET|POST|PUT|PATCH|DELETE)\s+(\S*)$/.exec(linePrefix);
  if (!r) { return []; }
  const [, method, typed] = r;
  return ENDPOINTS.filter(e => e.method === method && !e.handledBy).map(e => {
    const url = `${PROVIDERS[e.provider].defaultBaseUrl}${e.path.replace(/\{(\w+)\}/g, '{{$1}}')}`;
    const query = e.params.filter(x => x.in === 'query' && (x.required || x.default !== undefined))
      .map(x => `${x.name}=${x.default ?? ''}`).join('&');
    return { label: url, insert: query ? `${url}?${query}` : url, replace: typed.length, kind: 'endpoint' as const, detail: e.summary };
  }).filter(c => c.label.startsWith(typed) || !typed);
}

