// Places an outbound call with Ringg AI. The key comes from the environment, never from this file.
const BASE = 'https://prod-api.ringg.ai/ca/api/v0';

async function call(mobileNumber) {
  const res = await fetch(`${BASE}/calling/outbound/individual`, {
    method: 'POST',
    headers: { 'X-API-KEY': process.env.RINGG_API_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: 'Demo', mobile_number: mobileNumber,
      agent_id: '830f767a-397e-4b39-82ff-235cd344e2f9',   // an id, not a key
      from_number_id: 'd079bcb3-72a3-42dc-9586-edf0328e2973',
    }),
  });
  return res.json();
}

module.exports = { call };
