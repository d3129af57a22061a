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
  // voice-AI SDKs and agents (the held-out plants of bench/heldOut.ts go into their files; the same commits there)
  'VapiAI/server-sdk-typescript': '7ec0a68fa513af0f3e11b55c66fb9f3ab6664317',
  'VapiAI/server-sdk-python': '72303d152b1647e7fdd147745d524cd71dd7ada0',
  'RetellAI/retell-python-sdk': 'a14e5119692c4a64970e9f6b2a8e9025e271812a',
  'pipecat-ai/pipecat': 'acead0507d7de44e216d24533964106ca1d1d044',
  'livekit/agents': 'da6af86ac640a3bc54585764e64321d7048c1c16',
  'Vonage/vonage-node-sdk': 'babd2d8c2e0976b391cdb4677ea784650f3b6376',
  'team-telnyx/telnyx-node': 'b9b12ca781db2dd9fba6ff189d1de2e35c04cd1f',
  'deepgram/deepgram-js-sdk': '1913abc26c95b126661546cf2a9daed60da5efaa',
  'deepgram/deepgram-python-sdk': '7da415db533daac723716455c8a1142c2e39a66b',
  'RetellAI/retell-typescript-sdk': 'b27401320bc2e8a7899522735be25c015fc84e79',
  'livekit/node-sdks': '716859a20a5a6a925241bc33a9352d6c91aa185e',
  'elevenlabs/elevenlabs-js': '87100890798f961a1b93300e9bb443dc35b5de6a',
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
