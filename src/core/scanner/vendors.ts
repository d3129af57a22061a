// Voice-AI, speech and telephony vendors whose credentials a Ringg AI project sits next to. Several take UUIDs
// (Vapi's private keys are UUIDs, as Ringg's are), so a UUID credential bound to one of them (its name, its SDK
// on the line or in the statement, its API host in the same request) is that vendor's key, never a Ringg key,
// whatever else the project mentions. Data only, with where each entry was read; no `vscode` import.

export interface VendorEntry {
  readonly vendor: string;
  /** Lower-case words as names and code spell them (`VAPI_API_KEY` → vapi, `VapiClient` → vapi). */
  readonly words: readonly string[];
  /** API hosts: a request to one (or a subdomain) binds the credential sent with it. */
  readonly hosts: readonly string[];
  /** Where the words and hosts were read (SDK repositories, the vendor's API reference). */
  readonly source: string;
}

export const VOICE_VENDORS: readonly VendorEntry[] = [
  { vendor: 'Vapi', words: ['vapi'], hosts: ['api.vapi.ai'], source: 'github.com/VapiAI/server-sdk-typescript, github.com/VapiAI/server-sdk-python (VapiClient, api.vapi.ai)' },
  { vendor: 'Retell AI', words: ['retell', 'retellai'], hosts: ['api.retellai.com'], source: 'github.com/RetellAI/retell-python-sdk (Retell, api.retellai.com)' },
  { vendor: 'Bland AI', words: ['bland', 'blandai'], hosts: ['api.bland.ai'], source: 'github.com/pipecat-ai/pipecat env.example (BLAND_API_KEY), api.bland.ai' },
  { vendor: 'Synthflow', words: ['synthflow'], hosts: ['api.synthflow.ai'], source: 'docs.synthflow.ai API reference (api.synthflow.ai)' },
  { vendor: 'ElevenLabs', words: ['elevenlabs', 'eleven'], hosts: ['api.elevenlabs.io'], source: 'github.com/pipecat-ai/pipecat env.example (ELEVENLABS_API_KEY), api.elevenlabs.io' },
  { vendor: 'Deepgram', words: ['deepgram'], hosts: ['api.deepgram.com'], source: 'github.com/pipecat-ai/pipecat env.example (DEEPGRAM_API_KEY), api.deepgram.com' },
  { vendor: 'AssemblyAI', words: ['assemblyai'], hosts: ['api.assemblyai.com'], source: 'github.com/pipecat-ai/pipecat env.example (ASSEMBLYAI_API_KEY), api.assemblyai.com' },
  { vendor: 'Cartesia', words: ['cartesia'], hosts: ['api.cartesia.ai'], source: 'github.com/pipecat-ai/pipecat env.example (CARTESIA_API_KEY), api.cartesia.ai' },
  { vendor: 'PlayHT', words: ['playht'], hosts: ['api.play.ht'], source: 'github.com/livekit/agents plugins (PLAYHT_API_KEY), api.play.ht' },
  { vendor: 'Twilio', words: ['twilio'], hosts: ['api.twilio.com'], source: 'github.com/pipecat-ai/pipecat env.example (TWILIO_AUTH_TOKEN), api.twilio.com' },
  { vendor: 'Vonage (Nexmo)', words: ['vonage', 'nexmo'], hosts: ['api.nexmo.com', 'api.vonage.com', 'rest.nexmo.com'], source: 'github.com/Vonage/vonage-node-sdk (new Vonage(…), api.nexmo.com)' },
  { vendor: 'Plivo', words: ['plivo'], hosts: ['api.plivo.com'], source: 'github.com/pipecat-ai/pipecat env.example (PLIVO_AUTH_TOKEN), api.plivo.com' },
  { vendor: 'Telnyx', words: ['telnyx'], hosts: ['api.telnyx.com'], source: 'github.com/team-telnyx/telnyx-node (new Telnyx(…), api.telnyx.com)' },
  { vendor: 'LiveKit', words: ['livekit'], hosts: ['livekit.cloud'], source: 'github.com/livekit/agents (LIVEKIT_API_KEY, LIVEKIT_API_SECRET, *.livekit.cloud)' },
  { vendor: 'Daily', words: ['daily', 'dailyco'], hosts: ['api.daily.co'], source: 'github.com/pipecat-ai/pipecat env.example (DAILY_API_KEY), api.daily.co' },
  { vendor: 'Ultravox', words: ['ultravox'], hosts: ['api.ultravox.ai'], source: 'github.com/pipecat-ai/pipecat env.example (ULTRAVOX_API_KEY), api.ultravox.ai' },
  { vendor: 'Gladia', words: ['gladia'], hosts: ['api.gladia.io'], source: 'github.com/pipecat-ai/pipecat env.example (GLADIA_API_KEY), api.gladia.io' },
  { vendor: 'Speechmatics', words: ['speechmatics'], hosts: ['asr.api.speechmatics.com'], source: 'github.com/pipecat-ai/pipecat env.example (SPEECHMATICS_API_KEY)' },
  { vendor: 'Hume', words: ['hume'], hosts: ['api.hume.ai'], source: 'github.com/pipecat-ai/pipecat env.example (HUME_API_KEY), api.hume.ai' },
  { vendor: 'LMNT', words: ['lmnt'], hosts: ['api.lmnt.com'], source: 'github.com/pipecat-ai/pipecat env.example (LMNT_API_KEY), api.lmnt.com' },
  { vendor: 'Rime', words: ['rime'], hosts: ['users.rime.ai'], source: 'github.com/pipecat-ai/pipecat env.example (RIME_API_KEY)' },
  { vendor: 'Sarvam', words: ['sarvam'], hosts: ['api.sarvam.ai'], source: 'github.com/pipecat-ai/pipecat env.example (SARVAM_API_KEY), api.sarvam.ai' },
  { vendor: 'Soniox', words: ['soniox'], hosts: ['api.soniox.com'], source: 'github.com/pipecat-ai/pipecat env.example (SONIOX_API_KEY)' },
  { vendor: 'Smallest AI', words: ['smallestai'], hosts: ['api.smallest.ai'], source: 'github.com/pipecat-ai/pipecat env.example (SMALLEST_API_KEY), api.smallest.ai' },
  { vendor: 'Neuphonic', words: ['neuphonic'], hosts: ['api.neuphonic.com'], source: 'github.com/pipecat-ai/pipecat env.example (NEUPHONIC_API_KEY), api.neuphonic.com' },
  { vendor: 'Speechify', words: ['speechify'], hosts: ['api.sws.speechify.com'], source: 'github.com/pipecat-ai/pipecat env.example (SPEECHIFY_API_KEY)' },
  { vendor: 'Inworld', words: ['inworld'], hosts: ['api.inworld.ai'], source: 'github.com/pipecat-ai/pipecat env.example (INWORLD_API_KEY), api.inworld.ai' },
  { vendor: 'Tavus', words: ['tavus'], hosts: ['tavusapi.com'], source: 'github.com/pipecat-ai/pipecat env.example (TAVUS_API_KEY)' },
  { vendor: 'Groq', words: ['groq'], hosts: ['api.groq.com'], source: 'github.com/pipecat-ai/pipecat env.example (GROQ_API_KEY), api.groq.com' },
  { vendor: 'Cerebras', words: ['cerebras'], hosts: ['api.cerebras.ai'], source: 'github.com/pipecat-ai/pipecat env.example (CEREBRAS_API_KEY), api.cerebras.ai' },
  { vendor: 'npm registry', words: [], hosts: ['registry.npmjs.org'], source: 'docs.npmjs.com .npmrc (//registry.npmjs.org/:_authToken=)' },
];

/** Every vendor word above (merged into the scanner's other-vendor names). */
export const VOICE_VENDOR_WORDS: readonly string[] = VOICE_VENDORS.flatMap(v => v.words);

const HOSTS = VOICE_VENDORS.flatMap(v => v.hosts);

/** Is `host` (lower case) one of the vendors' API hosts, or a subdomain of one? */
export function isVendorHost(host: string): boolean {
  for (const h of HOSTS) {
    if (host === h || (host.length > h.length && host.endsWith(h) && host.charCodeAt(host.length - h.length - 1) === 46)) { return true; }
  }
  return false;
}
