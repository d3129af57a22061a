// Lists the agents of a Ringg AI workspace, with the key pasted in the way keys leak.
// This key is live in the demo: `npm run demo` starts its sandbox with exactly this Ringg key (a made-up UUID
// that no real Ringg AI account has). Ring Keys underlines it; "Check whether this key works" finds it live,
// "Move to SecretStorage" stores it and reads it from the environment, "Rotate this leaked key" replaces it.
const RINGG_API_KEY = 'cdf05cc5-37d8-4300-9c11-a74077179e26';

async function agents() {
  const res = await fetch('https://prod-api.ringg.ai/ca/api/v0/agent/all?limit=10&offset=0', {
    headers: { 'X-API-KEY': RINGG_API_KEY },
  });
  return res.json();
}

module.exports = { agents };
