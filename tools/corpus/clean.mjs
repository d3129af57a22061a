// The clean real-code corpus of `npm run bench`: public repositories with no Ringg, Ringyo or Ring Tonic key in
// them, pinned to the commits measured in docs/detection.md. Clones each into <dir>/<owner>+<name> (needs git and
// network access to github.com), then: RING_KEYS_CLEAN_CORPUS=<dir> npm run bench
//
//   node tools/corpus/clean.mjs <dir>
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The repositories and their commits: repos.json, one list read here and by bench/heldOut.ts (`voiceAi`: the
// voice-AI SDKs and agents whose files the held-out plants go into).
const REPOS = JSON.parse(fs.readFileSync(new URL('./repos.json', import.meta.url), 'utf8'));
export const CLEAN_REPOS = { ...REPOS.general, ...REPOS.voiceAi };

const dir = process.argv[2];
if (dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [repo, commit] of Object.entries(CLEAN_REPOS)) {
    const target = path.join(dir, repo.replace('/', '+'));
    const git = (...args) => {
      const r = spawnSync('git', args, { cwd: target, stdio: 'inherit' });
      if (r.status !== 0) { throw new Error(`git ${args.join(' ')} failed in ${target}`); }
    };
    if (!fs.existsSync(target)) {
      fs.mkdirSync(target);
      git('init', '-q');
      git('fetch', '-q', '--depth', '1', `https://github.com/${repo}.git`, commit);
      git('checkout', '-q', 'FETCH_HEAD');
    }
    console.log(`${repo} ${commit}`);
  }
} else if (process.argv[1]?.endsWith('clean.mjs')) {
  console.error('usage: node tools/corpus/clean.mjs <dir>');
  process.exit(2);
}
