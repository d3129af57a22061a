// httpyac-compatible assertions, parsed and checked as data: nothing in a request file is ever evaluated.
//
//   ?? status == 200
//   ?? header content-type includes json
//   ?? duration < 2000
//   ?? js response.parsedBody.data.agents[0].id exists
//
// `js` takes a property path only (identifiers, `.name`, `[0]`, `["name"]`) from response.parsedBody,
// response.headers or response.statusCode; anything else (calls, operators, templates) is a parse error.

export const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', 'includes', 'exists'] as const;
export type Operator = (typeof OPERATORS)[number];

export type Subject =
  | { readonly kind: 'status' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'body'; readonly path: ReadonlyArray<string | number> }
  | { readonly kind: 'headers'; readonly path: ReadonlyArray<string | number> };

export interface Assertion {
  /** The line as written, for reports. */
  readonly text: string;
  readonly line: number;
  readonly subject: Subject;
  readonly op: Operator;
  /** The expected value as written (absent for `exists`). */
  readonly expected?: string;
}

export interface AssertionResult {
  readonly assertion: Assertion;
  readonly pass: boolean;
  /** What was found, shortened (already redacted by the caller's redactor when shown). */
  readonly actual: string;
}

/** What an assertion is checked against. */
export interface ResponseFacts {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly durationMs: number;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  readonly json: unknown;
}

const OP_RE = /^(==|!=|<=|>=|<|>|includes|exists)(?:\s+|$)/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*/;

export function parseAssertion(line: string, lineNo: number): Assertion | { error: string } {
  const text = line.trim();
  let rest = text.replace(/^\?\?\s*/, '');
  const fail = (why: string) => ({ error: `Assertion not understood: ${why}. Expected e.g. "?? status == 200", "?? header content-type includes json", "?? duration < 2000" or "?? js response.parsedBody.id exists".` });
  let subject: Subject;
  const word = /^(\S+)\s*/.exec(rest);
  if (!word) { return fail('empty'); }
  rest = rest.slice(word[0].length);
  switch (word[1]) {
    case 'status': subject = { kind: 'status' }; break;
    case 'duration': subject = { kind: 'duration' }; break;
    case 'header': {
      const h = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*/.exec(rest);
      if (!h) { return fail('a header name is missing'); }
      subject = { kind: 'header', name: h[1].toLowerCase() };
      rest = rest.slice(h[0].length);
      break;
    }
    case 'js': {
      const path = parsePropertyPath(rest);
      if ('error' in path) { return fail(path.error); }
      subject = path.subject;
      rest = rest.slice(path.length).trimStart();
      break;
    }
    default: return fail(`unknown subject "${clip(word[1])}" (status, header, duration or js)`);
  }
  const op = OP_RE.exec(rest);
  if (!op) { return fail(`an operator is missing (${OPERATORS.join(' ')})`); }
  const expected = rest.slice(op[0].length).trim();
  if (op[1] === 'exists') {
    if (expected) { return fail('exists takes no value'); }
    return { text, line: lineNo, subject, op: 'exists' };
  }
  if (!expected) { return fail(`${op[1]} needs a value`); }
  return { text, line: lineNo, subject, op: op[1] as Operator, expected };
}

/** `response.parsedBody.a[0]["b"]` → its subject and how many characters it took. */
function parsePropertyPath(src: string): { subject: Subject; length: number } | { error: string } {
  let pos = 0;
  const segs: Array<string | number> = [];
  const id = IDENT.exec(src);
  if (!id) { return { error: 'js takes a property path such as response.parsedBody.id' }; }
  segs.push(id[0]);
  pos = id[0].length;
  for (;;) {
    const c = src[pos];
    if (c === '.') {
      const m = IDENT.exec(src.slice(pos + 1));
      if (!m) { return { error: 'a property name must follow "."' }; }
      segs.push(m[0]); pos += 1 + m[0].length;
    } else if (c === '[') {
      const m = /^\[(?:(\d{1,9})|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\]/.exec(src.slice(pos, pos + 2048));
      if (!m) { return { error: 'brackets take a number or a quoted name' }; }
      segs.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3]).replace(/\\(.)/g, '$1'));
      pos += m[0].length;
    } else {
      break;
    }
  }
  if (pos < src.length && !/\s/.test(src[pos])) { return { error: 'js takes a property path only (no calls or expressions: nothing in a request file is run)' }; }
  if (segs[0] !== 'response') { return { error: 'the path must start at response (response.parsedBody, response.headers, response.statusCode)' }; }
  if (segs[1] === 'parsedBody' || segs[1] === 'body') { return { subject: { kind: 'body', path: segs.slice(2) }, length: pos }; }
  if (segs[1] === 'headers') { return { subject: { kind: 'headers', path: segs.slice(2).map(s => typeof s === 'string' ? s.toLowerCase() : s) }, length: pos }; }
  if ((segs[1] === 'statusCode' || segs[1] === 'status') && segs.length === 2) { return { subject: { kind: 'status' }, length: pos }; }
  return { error: 'the path must start at response.parsedBody, response.headers or response.statusCode' };
}

/** Checks one assertion against an answer. Pure. */
export function checkAssertion(a: Assertion, r: ResponseFacts): AssertionResult {
  const { found, value } = subjectValue(a.subject, r);
  if (a.op === 'exists') { return { assertion: a, pass: found && value !== null, actual: found ? show(value) : '(absent)' }; }
  const actual = found ? show(value) : '(absent)';
  if (!found) { return { assertion: a, pass: false, actual }; }
  const expected = literal(a.expected!);
  let pass: boolean;
  switch (a.op) {
    case '==': pass = equal(value, expected); break;
    case '!=': pass = !equal(value, expected); break;
    case 'includes': pass = includes(value, expected); break;
    default: {
      const x = toNumber(value);
      const y = toNumber(expected);
      if (x === undefined || y === undefined) { pass = false; break; }
      pass = a.op === '<' ? x < y : a.op === '<=' ? x <= y : a.op === '>' ? x > y : x >= y;
    }
  }
  return { assertion: a, pass, actual };
}

function subjectValue(s: Subject, r: ResponseFacts): { found: boolean; value: unknown } {
  switch (s.kind) {
    case 'status': return { found: true, value: r.status };
    case 'duration': return { found: true, value: r.durationMs };
    case 'header': return s.name in r.headers ? { found: true, value: r.headers[s.name] } : { found: false, value: undefined };
    case 'headers': return walk(r.headers, s.path);
    case 'body': return r.json === undefined ? { found: false, value: undefined } : walk(r.json, s.path);
  }
}

function walk(root: unknown, path: ReadonlyArray<string | number>): { found: boolean; value: unknown } {
  let v: unknown = root;
  for (const seg of path) {
    if (seg === 'length' && (Array.isArray(v) || typeof v === 'string')) { v = v.length; continue; }
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) { return { found: false, value: undefined }; }
    v = (v as Record<string | number, unknown>)[seg];
  }
  return { found: true, value: v };
}

/** The expected value: a JSON literal (number, true, null, "quoted") when it is one, else the text. */
function literal(text: string): unknown {
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null|"(?:[^"\\]|\\.)*")$/.test(text)) {
    try { return JSON.parse(text); } catch { /* the text itself */ }
  }
  if (/^'.*'$/.test(text)) { return text.slice(1, -1); }
  return text;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) { return true; }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a); const y = toNumber(b);
    return x !== undefined && y !== undefined && x === y;
  }
  if (a !== null && typeof a === 'object') { return JSON.stringify(a) === (typeof b === 'string' ? b : JSON.stringify(b)); }
  return String(a) === String(b);
}

function includes(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) { return a.some(x => equal(x, b)); }
  if (typeof a === 'string') { return a.includes(String(b)); }
  if (a !== null && typeof a === 'object') { return typeof b === 'string' && Object.prototype.hasOwnProperty.call(a, b); }
  return false;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') { return v; }
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) { return Number(v); }
  return undefined;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return clip(s, 200);
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
