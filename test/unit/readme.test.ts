// The README and docs/ document what exists: the settings table matches the manifest's contributed settings,
// every link leads somewhere, and the README stays short enough for a newcomer to read.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const DOCS = fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`);
const PAGES = ['README.md', ...DOCS];   // relative to ROOT, with forward slashes

interface Row { name: string; scope: string; default: string; description: string }

/** The rows of the first table in docs/settings.md, keyed by the setting in the first cell. */
function settingsTable(): Map<string, Row> {
  const file = path.join(ROOT, 'docs', 'settings.md');
  assert.ok(fs.existsSync(file), 'docs/settings.md exists');
  const section = fs.readFileSync(file, 'utf8');
  assert.match(section, /^# Settings$/m, 'docs/settings.md is headed "Settings"');
  const rows = new Map<string, Row>();
  const lines = section.split('\n').filter(l => l.startsWith('|'));
  assert.ok(lines.length > 2, 'docs/settings.md has a table');
  for (const line of lines.slice(2)) {           // skip the header and the |---| line
    const cells = line.split('|').slice(1, -1).map(c => c.trim());
    assert.strictEqual(cells.length, 4, `a settings row has four cells (setting, scope, default, description): ${line}`);
    const names = [...cells[0].matchAll(/`([^`]+)`/g)].map(m => m[1]);
    assert.strictEqual(names.length, 1, `one setting per row: ${line}`);
    const name = names[0];
    assert.ok(!rows.has(name), `${name} is listed twice`);
    rows.set(name, { name, scope: cells[1], default: cells[2], description: cells[3] });
  }
  return rows;
}

const props = pkg.contributes.configuration.properties as Record<string, { scope: string; default: unknown }>;

/** Markdown without fenced code blocks and code spans, where a `[x](y)` is text, not a link. */
function withoutCode(md: string): string {
  return md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** The targets of the page's inline links and images, `[text](target)` and `![alt](target)`. */
function linkTargets(md: string): string[] {
  return [...withoutCode(md).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(m => m[1]);
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')   // a link in a heading counts by its text
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor the page's headings make, with GitHub's `-1`, `-2` … for repeated headings. */
function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutCode(md).matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const base = githubSlug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The problems with one link on `page`: a file that does not exist, or an anchor no heading makes. */
function brokenLink(page: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) { return undefined; }   // https:, mailto:, command: …
  const hash = target.indexOf('#');
  const file = hash < 0 ? target : target.slice(0, hash);
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file)));
  if (resolved.startsWith('../')) { return `${page}: ${target} leads outside the repository`; }
  if (!fs.existsSync(path.join(ROOT, resolved))) { return `${page}: ${target} — ${resolved} does not exist`; }
  if (anchor === undefined) { return undefined; }
  if (!resolved.endsWith('.md')) { return `${page}: ${target} — an anchor in a file that is not Markdown`; }
  const known = anchors(fs.readFileSync(path.join(ROOT, resolved), 'utf8'));
  return known.has(anchor) ? undefined : `${page}: ${target} — ${resolved} has no heading "#${anchor}"`;
}

describe('README.md and docs/', () => {
  it('makes anchors as GitHub does', () => {
    assert.strictEqual(githubSlug('Keys in git: history, commits, pushes, CI'), 'keys-in-git-history-commits-pushes-ci');
    assert.strictEqual(githubSlug('The `ring-keys` CLI'), 'the-ring-keys-cli');
    assert.strictEqual(githubSlug("Where the providers' docs disagree"), 'where-the-providers-docs-disagree');
    assert.strictEqual(githubSlug('Set up (two commands)'), 'set-up-two-commands');
    assert.strictEqual(githubSlug('ringg-api-key'), 'ringg-api-key');
    assert.strictEqual(githubSlug('snake_case and Ümlaut'), 'snake_case-and-ümlaut');
    assert.deepStrictEqual([...anchors('# A\n## A\n```\n# not a heading\n```\n### A\n')], ['a', 'a-1', 'a-2']);
  });

  it('every relative link in README.md and docs/*.md leads to a file that exists, and each #anchor to a heading in it', () => {
    const broken: string[] = [];
    let count = 0;
    for (const page of PAGES) {
      for (const target of linkTargets(fs.readFileSync(path.join(ROOT, page), 'utf8'))) {
        count++;
        const problem = brokenLink(page, target);
        if (problem) { broken.push(problem); }
      }
    }
    assert.ok(count > 40, `the pages have their links (found ${count})`);
    assert.deepStrictEqual(broken, []);
  });

  it('finds a broken link: a missing file, a missing heading, a path that forgot docs/ is one level down', () => {
    assert.match(brokenLink('README.md', 'docs/nothing-here.md') ?? '', /does not exist/);
    assert.match(brokenLink('README.md', 'docs/detection.md#no-such-heading') ?? '', /has no heading/);
    assert.match(brokenLink('docs/leaks.md', 'docs/images/leak-verdict-hover.png') ?? '', /does not exist/);
    assert.match(brokenLink('docs/settings.md', '#rules') ?? '', /has no heading/);
    assert.strictEqual(brokenLink('docs/settings.md', 'detection.md#rules'), undefined);
  });

  it('README.md links every page of docs/', () => {
    const linked = new Set(linkTargets(readme).map(t => t.replace(/#.*/, '')).filter(t => t.startsWith('docs/')));
    assert.deepStrictEqual(DOCS.filter(d => !linked.has(d)), []);
  });

  it('README.md and docs/*.md embed only pictures that exist in docs/images/', () => {
    let count = 0;
    for (const page of PAGES) {
      const images = [...fs.readFileSync(path.join(ROOT, page), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(m => m[1]);
      for (const img of images) {
        count++;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(page), img));
        assert.match(resolved, /^docs\/images\/[\w.-]+\.png$/, `${page}: relative path under docs/images/: ${img}`);
        assert.ok(fs.existsSync(path.join(ROOT, resolved)), `${page}: ${img} exists`);
      }
    }
    assert.ok(count >= 11, `the pages show the pictures (found ${count})`);
  });

  it('README.md is short enough to read: at most 260 lines', () => {
    const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
    assert.ok(lines <= 260, `README.md has ${lines} lines; move detail into docs/ and link it`);
  });

  it('README.md\'s "Set up (two commands)" gives the commands .ci/run and package.json run', () => {
    const setup = readme.split(/^## /m).find(s => s.startsWith('Set up (two commands)\n'));
    assert.ok(setup, 'README.md has a "## Set up (two commands)" section');
    const block = /```sh\n([\s\S]*?)```/.exec(setup);
    assert.ok(block, 'a sh block with the commands');
    const commands = block[1].split('\n').filter(Boolean).map(l => l.replace(/\s+#.*$/, ''));
    assert.deepStrictEqual(commands, ['npm ci && npm run demo', 'npm ci && npm test']);
    assert.ok(pkg.scripts.demo && pkg.scripts.test, 'package.json has the demo and test scripts');
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    assert.match(ci, /^npm ci$/m);
    assert.match(ci, /^npm test$/m);
  });
});

describe('docs/settings.md', () => {
  it('lists every contributed setting in its settings table, and none that does not exist', () => {
    const documented = [...settingsTable().keys()].sort();
    const contributed = Object.keys(props).sort();
    const missing = contributed.filter(n => !documented.includes(n));
    const unknown = documented.filter(n => !contributed.includes(n));
    assert.deepStrictEqual({ missing, unknown }, { missing: [], unknown: [] },
      'docs/settings.md\'s settings table and package.json contributes.configuration.properties differ');
  });

  it('gives each setting the scope, default and a description from package.json', () => {
    const rows = settingsTable();
    for (const [name, p] of Object.entries(props)) {
      const row = rows.get(name);
      if (!row) { continue; }   // reported by the test above
      assert.strictEqual(row.scope, p.scope, `${name}: scope`);
      assert.ok(row.description.length > 10, `${name}: a description`);
      const d = p.default;
      if (d === '') {
        assert.match(row.default, /empty/, `${name}: default is empty`);
      } else if (d !== null && typeof d === 'object' && !Array.isArray(d)) {
        for (const v of new Set(Object.values(d))) { assert.ok(row.default.includes(`\`${String(v)}\``), `${name}: default names \`${String(v)}\``); }
      } else {
        const shown = typeof d === 'string' ? d : JSON.stringify(d);
        assert.ok(row.default.includes(`\`${shown}\``), `${name}: default \`${shown}\`, docs/settings.md says ${row.default}`);
      }
    }
  });
});
