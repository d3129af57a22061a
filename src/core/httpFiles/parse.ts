// Request files (.http / .rest): the portable syntax REST Client, httpyac and JetBrains' HTTP Client share.
// Parsing only: no I/O, no variables resolved, nothing evaluated. A file from a cloned repository is data:
// scripts (`> {% … %}`, `< {% … %}`) are reported, never run; `{{ … }}` holds a name, never an expression.
//
//   @host = https://prod-api.ringg.ai/ca/api/v0        file variable (seen by the requests below it)
//   # @ringKeys profile=Staging                        which stored key profile the editor uses
//   ### List agents                                    request separator (the text is a default name)
//   # @name agents                                     the request's name
//   GET {{host}}/agent/all?limit=5                      request line (METHOD URL [HTTP/x])
//       &offset=0                                      query continuation
//   x-api-key: {{RINGG_API_KEY}}                        headers, up to the first blank line
//                                                      body after the blank line (JSON, form, multipart, `< ./file`)
//   ?? status == 200                                   assertions (parsed, never evaluated: see assertions.ts)
import { type Assertion, parseAssertion } from './assertions';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RequestMethod = (typeof HTTP_METHODS)[number];

/** Lines longer than this are an error (a minified blob is not a request file; it also bounds the work per line). */
export const MAX_LINE_CHARS = 1024 * 1024;

export interface FileVariable {
  readonly name: string;
  /** The raw value; `{{…}}` in it is resolved when a request uses it. */
  readonly value: string;
  /** 0-based line. */
  readonly line: number;
}

/** One piece of a body: literal text, or the contents of a file next to the request file. */
export type BodyPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string; readonly line: number };

export interface ParsedHeader { readonly name: string; readonly value: string; readonly line: number }

export interface ParsedRequest {
  /** `# @name`, else the separator's text, else undefined. */
  readonly name?: string;
  /** 0-based line of the request line (CodeLens goes there). */
  readonly line: number;
  /** 0-based line where the block starts (its separator, or 0). */
  readonly startLine: number;
  readonly method: RequestMethod;
  /** Raw URL with `{{…}}` unresolved (query continuations joined). */
  readonly url: string;
  readonly headers: readonly ParsedHeader[];
  /** In order; text parts keep their line breaks (joined with CRLF for multipart, LF otherwise). */
  readonly body: readonly BodyPart[];
  readonly assertions: readonly Assertion[];
  /** `# @ringKeys profile=Name` on this request, else the file's. */
  readonly profile?: string;
  /** How many of the file's variables are defined above this request line (it sees those; a later one wins). */
  readonly variablesBefore: number;
}

export interface ParseProblem { readonly line: number; readonly message: string }

export interface ParsedFile {
  readonly requests: readonly ParsedRequest[];
  readonly variables: readonly FileVariable[];
  /** `# @ringKeys profile=Name` before the first request. */
  readonly profile?: string;
  /** Problems that make a request unusable; the request is left out and the rest still parse. */
  readonly problems: readonly ParseProblem[];
}

const SEPARATOR = /^###(.*)$/;
const VARIABLE = /^@([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s?(.*)$/;
const META = /^(?:#|\/\/)\s*@([A-Za-z][A-Za-z0-9_-]*)(?:\s+(.*))?$/;
const REQUEST_LINE = /^([A-Za-z]+)\s+(\S.*?)(?:\s+HTTP\/[0-9.]+)?\s*$/;
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/;
const PROFILE = /^profile\s*=\s*(.+)$/;

function isComment(line: string): boolean {
  return line.startsWith('#') || line.startsWith('//');
}

function metaOf(line: string): { key: string; value: string } | undefined {
  const m = META.exec(line);
  return m ? { key: m[1].toLowerCase(), value: (m[2] ?? '').trim() } : undefined;
}

function profileOf(value: string, line: number, problems: ParseProblem[]): string | undefined {
  const m = PROFILE.exec(value);
  if (!m) { problems.push({ line, message: '`# @ringKeys` takes `profile=Name`.' }); return undefined; }
  return m[1].trim();
}

/**
 * Parses a request file. Never throws for bad input: each problem comes back with its 0-based line, and a
 * request with a problem is left out. Linear in the file's size (no backtracking regex runs on a whole file).
 */
export function parseHttpFile(text: string): ParsedFile {
  const problems: ParseProblem[] = [];
  if (text.includes('\u0000')) {
    return { requests: [], variables: [], problems: [{ line: 0, message: 'This is a binary file, not a request file.' }] };
  }
  const lines = text.split(/\r?\n/);
  const variables: FileVariable[] = [];
  const requests: ParsedRequest[] = [];
  let fileProfile: string | undefined;
  const starts = [0];
  for (let i = 1; i < lines.length; i++) { if (lines[i].startsWith('###')) { starts.push(i); } }
  starts.push(lines.length);
  for (let b = 0; b + 1 < starts.length; b++) {
    const start = starts[b];
    const sep = SEPARATOR.exec(lines[start]);
    const block = parseBlock(lines, start, starts[b + 1], sep ? sep[1].trim() || undefined : undefined, variables, problems, b === 0);
    if (block.fileProfile !== undefined) { fileProfile = block.fileProfile; }
    if (block.request) { requests.push(block.request); }
  }
  return {
    requests: requests.map(r => r.profile === undefined && fileProfile !== undefined ? { ...r, profile: fileProfile } : r),
    variables, profile: fileProfile, problems,
  };
}

interface BlockResult { request?: ParsedRequest; fileProfile?: string }

function parseBlock(lines: readonly string[], start: number, end: number, separatorName: string | undefined,
  variables: FileVariable[], problems: ParseProblem[], firstBlock: boolean): BlockResult {
  let i = SEPARATOR.test(lines[start] ?? '') ? start + 1 : start;
  let name = separatorName;
  let profile: string | undefined;
  const out: BlockResult = {};
  // before the request line: blank lines, comments, metadata, variables
  for (; i < end; i++) {
    const raw = lines[i];
    if (raw.length > MAX_LINE_CHARS) { problems.push({ line: i, message: `Line is longer than ${MAX_LINE_CHARS} characters.` }); return out; }
    const line = raw.trim();
    if (!line) { continue; }
    const v = VARIABLE.exec(line);
    if (v) { variables.push({ name: v[1], value: v[2].trim(), line: i }); continue; }
    if (isComment(line)) {
      const meta = metaOf(line);
      if (meta?.key === 'name' && meta.value) { name = meta.value; }
      if (meta?.key === 'ringkeys') { profile = profileOf(meta.value, i, problems); }
      continue;
    }
    break;
  }
  if (i >= end) {
    // no request in this block: a `# @ringKeys` here (before any request) names the file's profile
    if (firstBlock && profile !== undefined) { out.fileProfile = profile; }
    return out;
  }
  if (firstBlock && profile !== undefined && start === 0 && !SEPARATOR.test(lines[0] ?? '')) {
    // `# @ringKeys` at the top of a file whose first request has no separator: the file's profile
    out.fileProfile = profile;
  }
  const requestLineNo = i;
  const rl = REQUEST_LINE.exec(lines[i].trim());
  let method: string;
  let url: string;
  if (rl && (HTTP_METHODS as readonly string[]).includes(rl[1].toUpperCase()) && rl[1] === rl[1].toUpperCase()) {
    method = rl[1];
    url = rl[2];
  } else if (/^(https?:\/\/|\{\{)\S*$/.test(lines[i].trim())) {
    method = 'GET';
    url = lines[i].trim();
  } else {
    const word = /^[A-Za-z]+/.exec(lines[i].trim())?.[0];
    problems.push({ line: i, message: word && /^[A-Z]+$/.test(word) && rl
      ? `Method ${word} is not supported (use ${HTTP_METHODS.join(', ')}).`
      : 'Expected a request line: METHOD URL (e.g. GET https://api.ringyo.ai/v1/agents).' });
    return out;
  }
  i++;
  // query continuations: indented lines starting with ? or &
  for (; i < end && /^\s+[?&]/.test(lines[i]); i++) { url += lines[i].trim(); }
  const headers: ParsedHeader[] = [];
  for (; i < end; i++) {
    const line = lines[i].trim();
    if (!line) { i++; break; }
    if (line.startsWith('??')) { break; }
    if (isComment(line)) { continue; }
    if (line.length > MAX_LINE_CHARS) { problems.push({ line: i, message: `Line is longer than ${MAX_LINE_CHARS} characters.` }); return out; }
    const h = HEADER.exec(line);
    if (!h) { problems.push({ line: i, message: `Expected a header (Name: value) or a blank line before the body, got "${clip(line)}".` }); return out; }
    headers.push({ name: h[1], value: h[2].trim(), line: i });
  }
  // body, then assertions (an assertion line ends the body); trailing blank lines dropped
  const bodyLines: Array<{ text: string; line: number }> = [];
  const assertions: Assertion[] = [];
  let bad = false;
  for (; i < end; i++) {
    const raw = lines[i];
    const line = raw.trim();
    if (raw.length > MAX_LINE_CHARS) { problems.push({ line: i, message: `Line is longer than ${MAX_LINE_CHARS} characters.` }); return out; }
    if (line.startsWith('??')) {
      const a = parseAssertion(line, i);
      if ('error' in a) { problems.push({ line: i, message: a.error }); bad = true; } else { assertions.push(a); }
      continue;
    }
    if (/^[<>]\s*\{%/.test(line)) {
      problems.push({ line: i, message: 'Scripts in request files are not run (a file must not run code): use ?? assertions instead.' });
      bad = true;
      continue;
    }
    if (assertions.length) {
      if (!line || isComment(line)) { continue; }
      problems.push({ line: i, message: 'Only assertions (??) may follow an assertion.' });
      bad = true;
      continue;
    }
    bodyLines.push({ text: raw, line: i });
  }
  while (bodyLines.length && !bodyLines[bodyLines.length - 1].text.trim()) { bodyLines.pop(); }
  if (bad) { return out; }
  const body: BodyPart[] = [];
  let text: string[] = [];
  const flush = () => { if (text.length) { body.push({ kind: 'text', text: text.join('\n') }); text = []; } };
  for (const b of bodyLines) {
    const f = /^<\s+(\S.*)$/.exec(b.text);
    if (f) { flush(); body.push({ kind: 'file', path: f[1].trim(), line: b.line }); } else { text.push(b.text); }
  }
  flush();
  out.request = {
    name, line: requestLineNo, startLine: start, method: method as RequestMethod, url, headers, body, assertions, profile,
    variablesBefore: variables.length,
  };
  return out;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
