// Variables in request files: `{{name}}` from the file's `@name = value` lines, then the chosen environment of
// http-client.env.json; the key variables and `{{$processEnv NAME}}` from a resolver callback (the editor:
// SecretStorage; the CLI: the process environment). Names only: `{{…}}` is never evaluated as code.
import { randomUUID } from 'node:crypto';
import { PROVIDERS, PROVIDER_IDS, type ProviderId } from '../providers/catalog';
import type { FileVariable } from './parse';

/** `{{RINGG_API_KEY}}` → ringg, … (the same names the CLI reads from the environment). */
export const KEY_VARIABLES: Readonly<Record<string, ProviderId>> = Object.fromEntries(PROVIDER_IDS.map(p => [PROVIDERS[p].envVar, p]));

export function isKeyVariable(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(KEY_VARIABLES, name);
}

/** A value that must not leave for just any host: a provider's key, or a value from the process environment. */
export type SecretRef =
  | { readonly kind: 'key'; readonly provider: ProviderId; readonly variable: string }
  | { readonly kind: 'env'; readonly name: string };

/** Resolved text and the secrets that went into it (the runner decides where they may go). */
export interface Resolved {
  readonly text: string;
  readonly secrets: ReadonlyArray<{ readonly ref: SecretRef; readonly value: string }>;
}

export class VariableError extends Error {}

/** A resolved value larger than this is refused (a file must not be able to expand itself without bound). */
export const MAX_RESOLVED_CHARS = 8 * 1024 * 1024;
const MAX_DEPTH = 32;
const REF = /\{\{([^{}]*)\}\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PROCESS_ENV = /^\$processEnv\s+([A-Za-z_][A-Za-z0-9_]*)$/;

export interface ResolverOptions {
  /** The file's variables a request sees (defined above it; a later definition wins). */
  readonly fileVariables: readonly FileVariable[];
  /** The chosen environment's public values ($shared merged under it). */
  readonly environment: Readonly<Record<string, string>>;
  /** A key or a process-environment value; undefined when there is none. */
  secret(ref: SecretRef): Promise<string | undefined>;
  readonly uuid?: () => string;
  readonly now?: () => number;
}

/** Resolves the `{{…}}` in the texts of one request. Each name is resolved once per resolver (memoised). */
export class VariableResolver {
  private readonly file = new Map<string, FileVariable>();
  private readonly memo = new Map<string, Resolved>();

  constructor(private readonly opts: ResolverOptions) {
    for (const v of opts.fileVariables) {
      if (isKeyVariable(v.name)) { throw new VariableError(`Line ${v.line + 1}: ${v.name} is a key variable: its value comes from Ring Keys, never from a file.`); }
      this.file.set(v.name, v);
    }
  }

  async resolve(text: string): Promise<Resolved> {
    return this.expand(text, []);
  }

  private async expand(text: string, stack: readonly string[]): Promise<Resolved> {
    if (!text.includes('{{')) { return { text, secrets: [] }; }
    if (stack.length > MAX_DEPTH) { throw new VariableError(`Variables nest more than ${MAX_DEPTH} deep: ${stack.join(' → ')}.`); }
    const secrets: Array<{ ref: SecretRef; value: string }> = [];
    let out = '';
    let last = 0;
    for (const m of text.matchAll(REF)) {
      out += text.slice(last, m.index);
      last = m.index + m[0].length;
      const r = await this.one(m[1].trim(), stack);
      out += r.text;
      secrets.push(...r.secrets);
      if (out.length > MAX_RESOLVED_CHARS) { throw new VariableError(`A value grew past ${MAX_RESOLVED_CHARS / 1024 / 1024} MiB while its variables were resolved.`); }
    }
    out += text.slice(last);
    return { text: out, secrets };
  }

  private async one(expr: string, stack: readonly string[]): Promise<Resolved> {
    const cached = this.memo.get(expr);
    if (cached) { return cached; }
    let r: Resolved;
    const env = PROCESS_ENV.exec(expr);
    if (env) {
      const name = env[1];
      const ref: SecretRef = isKeyVariable(name) ? { kind: 'key', provider: KEY_VARIABLES[name], variable: name } : { kind: 'env', name };
      const value = await this.opts.secret(ref);
      if (value === undefined || value === '') { throw new VariableError(missing(ref)); }
      r = { text: value, secrets: [{ ref, value }] };
    } else if (expr === '$uuid' || expr === '$guid' || expr === '$random.uuid') {
      return { text: (this.opts.uuid ?? randomUUID)(), secrets: [] };   // a new one each time: not memoised
    } else if (expr === '$timestamp') {
      r = { text: String(Math.floor((this.opts.now ?? Date.now)() / 1000)), secrets: [] };
    } else if (NAME.test(expr)) {
      if (stack.includes(expr)) { throw new VariableError(`Variable cycle: ${[...stack, expr].join(' → ')}.`); }
      if (isKeyVariable(expr)) {
        const ref: SecretRef = { kind: 'key', provider: KEY_VARIABLES[expr], variable: expr };
        const value = await this.opts.secret(ref);
        if (value === undefined || value === '') { throw new VariableError(missing(ref)); }
        r = { text: value, secrets: [{ ref, value }] };
      } else if (this.file.has(expr)) {
        r = await this.expand(this.file.get(expr)!.value, [...stack, expr]);
      } else if (Object.prototype.hasOwnProperty.call(this.opts.environment, expr)) {
        r = await this.expand(this.opts.environment[expr], [...stack, expr]);
      } else {
        throw new VariableError(`Variable {{${expr}}} is not defined: define it with "@${expr} = value" above the request or in http-client.env.json.`);
      }
    } else {
      const shown = expr.length > 40 ? `${expr.slice(0, 39)}…` : expr;
      throw new VariableError(`{{${shown}}} is not a variable name. Request files may hold names only: expressions are never evaluated.`);
    }
    this.memo.set(expr, r);
    return r;
  }
}

function missing(ref: SecretRef): string {
  if (ref.kind === 'env') { return `$processEnv ${ref.name} is not set.`; }
  return `No ${PROVIDERS[ref.provider].label} key for {{${ref.variable}}}: add one with Ring Keys (editor) or set ${ref.variable} (CLI).`;
}

/** Every `{{…}}` in a text, with its offset (completions and diagnostics use it). */
export function variableRefs(text: string): Array<{ name: string; index: number; length: number }> {
  return [...text.matchAll(REF)].map(m => ({ name: m[1].trim(), index: m.index, length: m[0].length }));
}
