// "Move to SecretStorage and read it from the environment": the text that replaces a key literal, in the
// file's own language (process.env.X, os.environ["X"], os.Getenv("X"), $X, {{X}}, …). Pure: it gets a line
// and the key's columns, and returns the replacement. No `vscode` import.

export interface LineEdit {
  /** Columns on the key's line: [start, end) is replaced by text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface EnvRewrite {
  readonly edits: readonly LineEdit[];
  /** A line to add at the top of the file (Python's `import os`), when the file lacks it. */
  readonly importLine?: string;
  /** The reference as it reads in code, for messages. */
  readonly reference: string;
}

type Family = 'js' | 'python' | 'go' | 'java' | 'csharp' | 'ruby' | 'php' | 'rust' | 'shell' | 'powershell' | 'http' | 'dotenv' | 'bat' | 'config';

const FAMILY: Record<string, Family> = {
  javascript: 'js', typescript: 'js', javascriptreact: 'js', typescriptreact: 'js', vue: 'js', svelte: 'js',
  python: 'python', go: 'go', java: 'java', kotlin: 'java', scala: 'java', groovy: 'java', csharp: 'csharp', fsharp: 'csharp',
  ruby: 'ruby', php: 'php', rust: 'rust', shellscript: 'shell', dockerfile: 'shell', makefile: 'shell',
  powershell: 'powershell', http: 'http', dotenv: 'dotenv', env: 'dotenv', bat: 'bat',
};

export function languageFamily(languageId: string, fileName = ''): Family {
  if (/(?:^|[\\/])\.env(?:\.[\w.-]+)?$/.test(fileName)) { return 'dotenv'; }
  if (/\.(?:http|rest)$/i.test(fileName)) { return 'http'; }
  return FAMILY[languageId] ?? 'config';
}

/** The expression that reads `envVar` from the environment. */
export function envReference(family: Family, envVar: string): string {
  switch (family) {
    case 'js': return `process.env.${envVar}`;
    case 'python': return `os.environ["${envVar}"]`;
    case 'go': return `os.Getenv("${envVar}")`;
    case 'java': return `System.getenv("${envVar}")`;
    case 'csharp': return `Environment.GetEnvironmentVariable("${envVar}")`;
    case 'ruby': return `ENV.fetch("${envVar}")`;
    case 'php': return `getenv('${envVar}')`;
    case 'rust': return `std::env::var("${envVar}").expect("${envVar} is not set")`;
    case 'shell': return `\${${envVar}}`;
    case 'powershell': return `$env:${envVar}`;
    case 'http': return `{{${envVar}}}`;
    case 'dotenv': return `\${${envVar}}`;
    case 'bat': return `%${envVar}%`;
    case 'config': return `\${${envVar}}`;
  }
}

const CODE: ReadonlySet<Family> = new Set(['js', 'python', 'go', 'java', 'csharp', 'ruby', 'php', 'rust']);

/** Where a string literal around [start, end) opens and closes, if the key sits inside one. */
export function enclosingString(line: string, start: number, end: number): { open: number; close: number; quote: string } | undefined {
  let quote = ''; let open = -1;
  for (let i = 0; i < start; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote !== "'") { i++; continue; }
      if (c === quote) { quote = ''; }
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c; open = i;
    }
  }
  if (!quote) { return undefined; }
  for (let i = end; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quote !== "'") { i++; continue; }
    if (c === quote) { return { open, close: i, quote }; }
  }
  return undefined;
}

/**
 * The edits that replace the key at [start, end) of `line` with a read of `envVar`. A key that is a whole
 * string literal becomes the expression; a key inside a longer string is concatenated (template literals and
 * shell double quotes interpolate instead).
 */
export function rewriteForEnv(opts: { line: string; start: number; end: number; languageId: string; fileName?: string; envVar: string; fileText?: string }): EnvRewrite {
  const family = languageFamily(opts.languageId, opts.fileName);
  const ref = envReference(family, opts.envVar);
  const { line, start, end } = opts;
  const str = enclosingString(line, start, end);
  const importLine = family === 'python' && opts.fileText !== undefined && !/^\s*(?:import\s+os\b|from\s+os\s+import\b|import\s+[\w.,\s]*\bos\b)/m.test(opts.fileText)
    ? 'import os' : undefined;
  const result = (edits: LineEdit[]): EnvRewrite => ({ edits, reference: ref, ...(importLine ? { importLine } : {}) });

  if (!CODE.has(family)) {
    if ((family === 'shell' || family === 'powershell') && str?.quote === "'") {
      // single quotes do not expand variables: switch the string to double quotes
      return result([{ start: str.open, end: str.open + 1, text: '"' }, { start, end, text: ref }, { start: str.close, end: str.close + 1, text: '"' }]);
    }
    return result([{ start, end, text: ref }]);
  }
  if (!str) { return result([{ start, end, text: ref }]); }
  if (str.open + 1 === start && str.close === end) {
    return result([{ start: str.open, end: str.close + 1, text: ref }]);
  }
  if (family === 'js' && str.quote === '`') { return result([{ start, end, text: `\${${ref}}` }]); }
  const before = line.slice(str.open + 1, start);
  const after = line.slice(end, str.close);
  const q = str.quote;
  if (family === 'rust') {
    return result([{ start: str.open, end: str.close + 1, text: `&format!(${q}${before}{}${after}${q}, ${ref})` }]);
  }
  const plus = family === 'php' ? ' . ' : ' + ';
  const text = `${before ? `${q}${before}${q}${plus}` : ''}${ref}${after ? `${plus}${q}${after}${q}` : ''}`;
  return result([{ start: str.open, end: str.close + 1, text }]);
}
