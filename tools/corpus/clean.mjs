// The clean real-code corpus of `npm run bench`: public repositories with no Ringg, Ringyo or Ring Tonic key in
// them, pinned to the commits measured in docs/detection.md. Clones each into <dir>/<owner>+<name> (needs git and
// network access to github.com), then: RING_KEYS_CLEAN_CORPUS=<dir> npm run bench
//
//   node tools/corpus/clean.mjs <dir>
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CLEAN_REPOS = {
  'Azure/api-management-policy-snippets': '87225c2090e45add095919e8767c37d9ece42e0c',
  'Azure-Samples/cognitive-services-quickstart-code': '3fc2adce24a3b59f5fdbe4c1ec724240e115f289',
  'aws-samples/aws-cdk-examples': 'bccff1d2775e4b0bf777721c6b41c0107e122f73',
  'hashicorp/terraform-provider-azuread': 'f0169e0ecec4a7f87c0a512fd989368a182306c1',
  'GoogleCloudPlatform/generative-ai': '23b75dab2c25248f352d4c39e3c5984398b4b448',
  'HubSpot/hubspot-api-nodejs': '395cd9bf3bb21252aefc517e11ea64b7db03bd9d',
  'Kong/httpsnippet': '795d98e7f853701396240bcf2e66965a149d8b6b',
  'OctopusDeploy/OctopusClients': '26802a14941d4a00aefd6130baed4d13b4b242b3',
  'dotnet/iot': '3e594b3cf7d27ced9c8ed57e7e11286fc194b5c4',
  'gitleaks/gitleaks': 'b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b',
  'hashicorp/terraform-provider-heroku': '2239be55b21556c7e87aa27f386dce437b31c078',
  'hashicorp/terraform-provider-kubernetes': '3a33fb6cc6055853584af1731b1369164c35ffc7',
  'kubernetes/examples': '279e8e4fe314f6cb7bc55fa3fbc21bbeaa48c0ea',
  'npm/cli': '780afc50e3a345feb1871a28e33fa48235bc3bd5',
  'postmanlabs/newman': '74a45548df1bc6632f338e1b5e8239a25f314c5d',
  'postmanlabs/postman-collection': '388fa998b21becb5ccb133666b91a30b22481725',
  'seanmonstar/reqwest': '065a5ae5209d27d4f4e3c4409725672c49a8aa39',
  'sitespeedio/chrome-har': 'bb599c6d78715ac752bee17dc642173b38caf1d1',
  'trufflesecurity/trufflehog': '3ab759fef4bb5935d4fe9ac68b503d05346b8364',
};

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
