// `ring-keys scan --build-output`: the folders bundlers write and servers or app stores ship, scanned too (a
// repository usually ignores them, so a plain scan leaves them out), and each key found in one said to be
// shipped: whatever a build output holds, every visitor or app user can read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFindings } from '../core/scanner/sarif';

/** App archives a build output may hold (zip files, opened by archives.ts). */
const ARCHIVE = /\.(?:apk|aab|ipa)$/i;

/**
 * The build output folders looked for under each folder scanned: Vite, Rollup, webpack and esbuild (`dist`),
 * Create React App and Gatsby's `public` peer (`build`), Next.js (`.next/static` for the client chunks, `out`
 * for a static export), Nuxt (`.output/public`), SvelteKit (`.svelte-kit/output/client`), Expo web (`web-build`,
 * `dist`) and Storybook (`storybook-static`).
 */
export const BUILD_OUTPUT_DIRS = ['dist', 'build', 'out', '.next/static', '.output/public', '.svelte-kit/output/client', 'web-build', 'storybook-static'];

/**
 * The build output folders under the folders named: each one that is a real folder (a symbolic link is not
 * followed: what it leads to is not this project's output), as a path relative to `cwd` with `/` separators.
 */
export function findBuildOutput(folders: readonly string[], cwd: string): string[] {
  const found: string[] = [];
  for (const folder of folders) {
    for (const dir of BUILD_OUTPUT_DIRS) {
      const abs = path.join(folder, ...dir.split('/'));
      let st: fs.Stats;
      try { st = fs.lstatSync(abs); } catch { continue; }
      if (!st.isDirectory()) { continue; }
      const rel = path.relative(cwd, abs).split(path.sep).join('/');
      if (!found.includes(rel)) { found.push(rel); }
    }
  }
  return found;
}

/** Is `file` (relative to cwd, `/` separators) inside one of `dirs`? */
function inside(file: string, dirs: readonly string[]): boolean {
  return dirs.some(d => d === '' || d === '.' || file.startsWith(`${d}/`));
}

/** Each finding in a build output folder, its context saying the key ships with the build. */
export function markShipped(files: readonly FileFindings[], dirs: readonly string[]): FileFindings[] {
  if (!dirs.length) { return [...files]; }
  return files.map(f => inside(f.path, dirs)
    ? { ...f, findings: f.findings.map(x => ({ ...x, context: `${x.context ? `${x.context}; ` : ''}in build output, shipped to every client` })) }
    : f);
}

/** The app archives (`.apk`, `.aab`, `.ipa`) among the files listed in build output: absolute, and as shown. */
export function archivesIn(paths: readonly string[], dirs: readonly string[], cwd: string): Array<{ abs: string; shown: string }> {
  // a file can be listed twice (a folder named and the build folder in it): each archive is opened once
  return [...new Set(paths.filter(p => ARCHIVE.test(p)))]
    .map(abs => ({ abs, shown: path.relative(cwd, abs).split(path.sep).join('/') }))
    .filter(a => inside(a.shown, dirs));
}
