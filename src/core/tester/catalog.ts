// The request tester's endpoint catalogue: plain, typed data from the provider research (Ringg §1.7/§1.8,
// Ringyo §2.6/§2.8, Ring Tonic §3.3). No `vscode` import, no I/O: the webview receives it as JSON.
//
// Paths are relative to the provider's base URL (which already holds `/ca/api/v0`, `/v1` or `/api/v1`).
// Endpoints that only take multipart uploads (Ringg campaign CSV upload, knowledge-base create/edit) are
// left out: the tester sends JSON bodies only.
import type { ProviderId } from '../providers/catalog';

export type EndpointGroup = 'workspace' | 'agents' | 'calls' | 'phoneNumbers' | 'webhooks' | 'campaigns' | 'analytics' | 'knowledgeBase';
export type EndpointMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * - `read`: reads only; spends nothing.
 * - `spends`: places real calls or starts campaigns, so it spends credits.
 * - `irreversible`: changes the provider's state in a way the tester cannot undo (deletes, terminates,
 *   rotates, overwrites or creates resources).
 */
export type Risk = 'read' | 'spends' | 'irreversible';

export const GROUP_ORDER: readonly EndpointGroup[] = ['workspace', 'agents', 'calls', 'phoneNumbers', 'webhooks', 'campaigns', 'analytics', 'knowledgeBase'];

export interface ParamSpec {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required?: boolean;
  /** Prefilled and sent unless the user clears it (from the docs; e.g. Ringg's limit AND offset). */
  readonly default?: string;
  /** Shown as a placeholder only, never sent. */
  readonly placeholder?: string;
  readonly description?: string;
}

export interface Endpoint {
  /** Stable id: `<provider>.<group>.<name>`. */
  readonly id: string;
  readonly provider: ProviderId;
  readonly group: EndpointGroup;
  readonly method: EndpointMethod;
  /** Path template relative to the base URL, with `{name}` for path parameters. */
  readonly path: string;
  readonly summary: string;
  readonly params: readonly ParamSpec[];
  /** The documented example body (JSON-serialisable), prefilled in the editor. */
  readonly body?: unknown;
  readonly risk: Risk;
  /** For `spends` / `irreversible`: what sending it does, in words a confirmation can use. */
  readonly effect?: string;
  /** What the docs say that matters when trying it (quirks, limits, conflicts). */
  readonly note: string;
  /** Citation key(s) in the research, e.g. "DOC R4": for maintainers, never shown (the tester links docUrl). */
  readonly source: string;
  readonly docUrl?: string;
  /** The tester does not send this itself: a command does it safely (rotation stores the new key first). */
  readonly handledBy?: 'rotateKey';
}

const q = (name: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, in: 'query', ...extra });
const p = (name: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, in: 'path', required: true, ...extra });
/** Ringg's docs disagree on the default page size (spec: 10; parameter text and overview: 20, max 100): send both. */
const ringgPage = (limit = '20'): ParamSpec[] => [
  q('limit', { default: limit, description: 'Page size, max 100. Sent explicitly: the docs disagree on the default (10 vs 20).' }),
  q('offset', { default: '0', description: 'Starts at 0.' }),
];
const ringgAnalytics = (extra: ParamSpec[] = []): ParamSpec[] => [
  q('start_date', { placeholder: 'YYYY-MM-DD' }),
  q('end_date', { placeholder: 'YYYY-MM-DD' }),
  q('agent_id', { placeholder: 'agent UUID' }),
  ...extra,
  q('voicemail', { placeholder: 'true / false' }),
];

const R = 'https://docs.ringg.ai/api-reference/endpoint';
const Y = 'https://docs.ringyo.ai/api-reference';

/** Documented example ids (Ringg §1.2): a workspace's agent, reused by the examples below. */
const RINGG_AGENT = '830f767a-397e-4b39-82ff-235cd344e2f9';

const LISTED: readonly Endpoint[] = [
  // ================================================================== Ringg AI
  // ---------------------------------------------------------------- workspace
  {
    id: 'ringg.workspace.info', provider: 'ringg', group: 'workspace', method: 'GET', path: '/workspace',
    summary: 'Workspace info (the documented key check)', params: [], risk: 'read',
    note: 'Name, credits and locked credits. The answer echoes the key itself in workspace_info.api_key: it is shown redacted.',
    source: 'DOC R1, R4', docUrl: `${R}/workspace/get-workspace-info`,
  },
  {
    id: 'ringg.workspace.all', provider: 'ringg', group: 'workspace', method: 'GET', path: '/workspace/all',
    summary: 'Workspaces you belong to, with your role', params: [], risk: 'read',
    note: 'Each workspace has its own key; credits are per workspace.', source: 'DOC R5', docUrl: `${R}/workspace/get-all-user-workspaces`,
  },
  {
    id: 'ringg.workspace.users', provider: 'ringg', group: 'workspace', method: 'GET', path: '/workspace/users',
    summary: 'Workspace members', params: ringgPage(), risk: 'read',
    note: 'Members with role and invite status (e.g. to pick campaign-completion email recipients).', source: 'DOC R7', docUrl: `${R}/workspace/list-workspace-users`,
  },
  {
    id: 'ringg.workspace.numbers', provider: 'ringg', group: 'workspace', method: 'GET', path: '/workspace/numbers',
    summary: 'Caller-ID numbers (source of from_number_id)', params: ringgPage(), risk: 'read',
    note: 'is_test_number concerns the phone number, not the key.', source: 'DOC R9', docUrl: `${R}/numbers/get-workspace-numbers`,
  },
  {
    id: 'ringg.workspace.rotateKey', provider: 'ringg', group: 'workspace', method: 'PATCH', path: '/workspace/api-key',
    summary: 'Regenerate the API key', params: [], risk: 'irreversible',
    effect: 'rotates the key: the old key dies at once',
    note: 'The answer holds the only copy of the new key. The tester does not send this: the Rotate Key command stores the new key first and recovers a lost answer.',
    source: 'DOC R6', docUrl: `${R}/workspace/regenerate-api-key`, handledBy: 'rotateKey',
  },
  // ---------------------------------------------------------------- agents
  {
    id: 'ringg.agents.list', provider: 'ringg', group: 'agents', method: 'GET', path: '/agent/all',
    summary: 'List assistants', params: ringgPage(), risk: 'read',
    note: 'Live answers come wrapped as {status, data: {agents}}; custom_variables is absent from this list.', source: '3P G1, M1',
  },
  {
    id: 'ringg.agents.get', provider: 'ringg', group: 'agents', method: 'GET', path: '/agent/{agent_id}',
    summary: 'Assistant detail', params: [p('agent_id', { default: RINGG_AGENT, description: 'The docs\' example id; use one from List assistants.' })], risk: 'read',
    note: 'No {status, data} wrapper here. Agents are versioned: the live config sits under version_details.<version_id>.', source: 'DOC R8', docUrl: `${R}/assistant/get-assistant-by-id`,
  },
  {
    id: 'ringg.agents.voices', provider: 'ringg', group: 'agents', method: 'GET', path: '/agent/voices',
    summary: 'Voices', params: [q('language', { default: 'en-US', description: 'Comma-separated, e.g. en-US,hi-IN.' })], risk: 'read',
    note: 'Voice ids for voice_id in agent and call requests.', source: '3P M1',
  },
  {
    id: 'ringg.agents.create', provider: 'ringg', group: 'agents', method: 'POST', path: '/public/agent',
    summary: 'Create an agent', params: [], risk: 'irreversible', effect: 'creates a new agent in the workspace',
    body: {
      agent_name: 'Appointment Reminder',
      introduction_and_objective: 'You are Maya from Acme Clinic. You call patients to confirm tomorrow\'s appointment.',
      response_guidelines: 'Be brief and polite. Confirm the date and time; offer to reschedule.',
      task: 'Confirm or reschedule the appointment.',
      primary_language: 'en-US',
    },
    note: 'Limits: agent_name ≤ 100, introduction_and_objective ≤ 2000, response_guidelines ≤ 3000, task ≤ 1500 characters. primary_language is an enum whose values differ from PATCH /agent/v1\'s.',
    source: 'DOC R10', docUrl: `${R}/agent/create-agent`,
  },
  {
    id: 'ringg.agents.edit', provider: 'ringg', group: 'agents', method: 'PATCH', path: '/agent/v1',
    summary: 'Edit an agent (operation-based)', params: [], risk: 'irreversible',
    effect: 'overwrites agent settings (whole fields are replaced; the old values are lost)',
    body: {
      operation: 'edit_event_subscriptions',
      agent_id: RINGG_AGENT,
      event_subscriptions: [{ event_type: ['call_completed'], callback_url: 'https://example.com/ringg/webhook', headers: { 'X-Webhook-Secret': 'your-shared-secret' }, method_type: 'POST' }],
    },
    note: 'operation selects what changes (edit_prompt, edit_custom_vars, attach_kb, remove_kb, edit_intro_message, edit_event_subscriptions, …). The API replaces whole fields. Webhook subscriptions live here (event_type is a string on the older page, an array on the newer).',
    source: 'DOC R28; 3P G1', docUrl: 'https://docs.ringg.ai/webhooks/initial-setup',
  },
  {
    id: 'ringg.agents.delete', provider: 'ringg', group: 'agents', method: 'DELETE', path: '/agent/{agent_id}',
    summary: 'Delete an assistant', params: [p('agent_id', { placeholder: 'agent UUID' })], risk: 'irreversible',
    effect: 'deletes the assistant permanently', note: 'Listed in the spec; no documentation page is linked.', source: '3P M1',
  },
  // ---------------------------------------------------------------- calls
  {
    id: 'ringg.calls.history', provider: 'ringg', group: 'calls', method: 'GET', path: '/calling/history',
    summary: 'Call history', risk: 'read',
    params: [
      q('limit', { default: '5', description: 'Rows carry full transcripts and are heavy. Sent explicitly (spec default 10).' }),
      q('offset', { default: '0' }),
      q('start_date', { placeholder: '2025-01-01T00:00:00+00:00', description: 'ISO 8601 with time zone. Omit for current results (the spec had stale date defaults).' }),
      q('end_date', { placeholder: '2025-01-31T23:59:59+00:00' }),
      q('agent_id', { placeholder: 'agent UUID' }),
      q('status', { placeholder: 'registered, ongoing, retry, completed, failed, error, cancelled' }),
      q('bulk_list_id', { placeholder: 'bulk list UUID' }),
    ],
    note: 'total may be the string "many". transcript is a JSON string of turns.', source: 'DOC R13h', docUrl: `${R}/history/get-call-history`,
  },
  {
    id: 'ringg.calls.details', provider: 'ringg', group: 'calls', method: 'GET', path: '/calling/call-details', summary: 'One call\'s details', risk: 'read',
    params: [q('id', { required: true, placeholder: 'call UUID' }), q('send_analysis', { default: 'false' })],
    note: 'recording_url is valid for 24 hours after the call; transcription_url is a JSON-encoded string of turns, not a URL.', source: 'DOC R13', docUrl: `${R}/history/get-call-details`,
  },
  {
    id: 'ringg.calls.historyDownload', provider: 'ringg', group: 'calls', method: 'POST', path: '/calling/history/download', summary: 'Download call history (CSV)', risk: 'read',
    params: [q('start_date', { placeholder: '2025-01-01' }), q('end_date', { placeholder: '2025-01-31' }), q('agent_id', { placeholder: 'agent UUID' }),
      q('status'), q('include_analysis', { placeholder: 'true / false' }), q('call_type'), q('call_id')],
    note: 'A POST that only reads: it returns CSV. Not retried (only GETs are).', source: '3P M1',
  },
  {
    id: 'ringg.calls.outbound', provider: 'ringg', group: 'calls', method: 'POST', path: '/calling/outbound/individual', summary: 'Place one outbound call', risk: 'spends',
    effect: 'places a real call and spends credits', params: [],
    body: { name: 'John Doe', mobile_number: '+919876543210', agent_id: RINGG_AGENT, from_number_id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', custom_args_values: { callee_name: 'John Doe' } },
    note: 'Deprecated in the newest docs in favour of v2. mobile_number in E.164; exactly one of from_number_id / from_number (else 422). Two answer shapes are documented.',
    source: 'DOC R11', docUrl: `${R}/calling/initiate-individual-call`,
  },
  {
    id: 'ringg.calls.outboundV2', provider: 'ringg', group: 'calls', method: 'POST', path: '/calling/v2/outbound/individual', summary: 'Place one outbound call (v2, number pools)', risk: 'spends',
    effect: 'places a real call and spends credits', params: [],
    body: { name: 'John Doe', mobile_number: '+919876543210', agent_id: RINGG_AGENT, number_pool_id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', custom_args_values: { callee_name: 'John Doe' } },
    note: 'Exactly one of number_pool_id / from_number_id / from_number. Optional smart_formatter, voice_id, version_id, call_config.', source: 'DOC R12', docUrl: `${R}/calling/initiate-individual-call-v2`,
  },
  // ---------------------------------------------------------------- campaigns
  {
    id: 'ringg.campaigns.all', provider: 'ringg', group: 'campaigns', method: 'GET', path: '/campaign/all', summary: 'List campaigns', risk: 'read',
    params: [q('call_count', { default: 'true' }), ...ringgPage()], note: 'States: Scheduled, Ongoing, Paused, Completed, Failed.', source: '3P M1',
  },
  {
    id: 'ringg.campaigns.start', provider: 'ringg', group: 'campaigns', method: 'POST', path: '/campaign/start', summary: 'Start a campaign', risk: 'spends',
    effect: 'starts a campaign: it places real calls to every contact in the list and spends credits', params: [],
    body: { agent_id: RINGG_AGENT, list_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', from_numbers: ['+14155550123'] },
    note: '400: already started or invalid ids; 402: insufficient credits. The list comes from a CSV upload (multipart, not in the tester).', source: 'DOC R15', docUrl: `${R}/campaign/start-campaign`,
  },
  {
    id: 'ringg.campaigns.startV2', provider: 'ringg', group: 'campaigns', method: 'POST', path: '/campaign/v2/start', summary: 'Start a campaign with a number pool', risk: 'spends',
    effect: 'starts a campaign: it places real calls to every contact in the list and spends credits', params: [],
    body: { agent_id: RINGG_AGENT, list_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', number_pool_id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' },
    note: 'Optional callback_url and email_completion_user_ids[].', source: 'DOC R15b', docUrl: `${R}/campaign/start-campaign-v2`,
  },
  {
    id: 'ringg.campaigns.uploadStatus', provider: 'ringg', group: 'campaigns', method: 'GET', path: '/campaign/upload-status/{bulk_list_id}', summary: 'Large upload status (beta)', risk: 'read',
    params: [p('bulk_list_id', { placeholder: 'bulk list UUID' })], note: 'uploaded → processing/verifying → completed/ready, or failed.', source: 'DOC R16a', docUrl: `${R}/campaign/get-large-campaign-upload-status`,
  },
  {
    id: 'ringg.campaigns.checkBalance', provider: 'ringg', group: 'campaigns', method: 'POST', path: '/campaign/check-balance/{bulk_list_id}', summary: 'Credit check for a large campaign (beta)', risk: 'read',
    params: [p('bulk_list_id', { placeholder: 'bulk list UUID' })], note: 'A POST that only reads. Not retried.', source: 'DOC R16b', docUrl: `${R}/campaign/check-large-campaign-balance`,
  },
  {
    id: 'ringg.campaigns.makeCallAsync', provider: 'ringg', group: 'campaigns', method: 'POST', path: '/campaign/make-call-async', summary: 'Start a large campaign (beta)', risk: 'spends',
    effect: 'schedules calls to every contact of the bulk list and spends credits', params: [],
    body: {
      bulk_list_id: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a', agent_id: RINGG_AGENT, country_code: '+91',
      campaign_start_time: '01/07/2025, 09:00', campaign_end_time: '01/07/2025, 18:00', from_numbers: ['+14155550123'], concurrency_percentage: 50,
    },
    note: 'Exactly one of from_numbers[] / number_pool_id (else 422). Times are DD/MM/YYYY, HH:MM.', source: 'DOC R16', docUrl: `${R}/campaign/make-large-campaign-calls-async`,
  },
  {
    id: 'ringg.campaigns.terminate', provider: 'ringg', group: 'campaigns', method: 'PATCH', path: '/campaign/terminate', summary: 'Terminate queued calls', risk: 'irreversible',
    effect: 'terminates queued and retrying calls: they will not be placed', params: [],
    body: { campaign_id: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b', mobile_numbers: ['+919876543210'] },
    note: 'Any of agent_id, call_ids[], campaign_id, mobile_numbers[] (≤ 100); campaign_id + mobile_numbers narrows to those numbers. 400 when nothing is terminable.', source: 'DOC R17', docUrl: `${R}/terminate/terminate-calls`,
  },
  {
    id: 'ringg.campaigns.terminateCalls', provider: 'ringg', group: 'campaigns', method: 'PATCH', path: '/campaign/terminate/calls', summary: 'Terminate calls by id', risk: 'irreversible',
    effect: 'terminates the listed queued calls: they will not be placed', params: [],
    body: { call_ids: ['f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b9c'] }, note: 'At most 100 ids; invalid ids are ignored.', source: 'DOC R18', docUrl: `${R}/terminate/terminate-by-call-ids`,
  },
  {
    id: 'ringg.campaigns.deleteList', provider: 'ringg', group: 'campaigns', method: 'DELETE', path: '/calling/contact/{list_id}', summary: 'Delete a contact list', risk: 'irreversible',
    effect: 'deletes the contact list permanently', params: [p('list_id', { placeholder: 'list UUID' })], note: 'Listed in the spec; its doc page serves a campaign guide.', source: '3P M1; DOC R14',
  },
  // ---------------------------------------------------------------- analytics
  ...([
    ['platform', '/analytics/platform-analytics', 'Platform analytics'],
    ['number', '/analytics/number-analytics', 'Number analytics'],
    ['classification', '/analytics/classification-analytics', 'Classification analytics'],
    ['duration', '/analytics/duration-distribution', 'Call duration distribution'],
  ] as const).map(([name, path, summary]): Endpoint => ({
    id: `ringg.analytics.${name}`, provider: 'ringg', group: 'analytics', method: 'GET', path, summary, risk: 'read',
    params: ringgAnalytics([q('bulk_list_id', { placeholder: 'bulk list UUID' })]),
    note: 'Dates are YYYY-MM-DD. The answer shape is not detailed in the docs.', source: 'DOC R22; 3P M1',
  })),
  {
    id: 'ringg.analytics.drillDown', provider: 'ringg', group: 'analytics', method: 'GET', path: '/analytics/drill-down-analytics', summary: 'Drill-down analytics', risk: 'read',
    params: ringgAnalytics([q('bulk_list_id', { required: true, placeholder: 'bulk list UUID' })]), note: 'bulk_list_id is required here.', source: 'DOC R22; 3P M1',
  },
  // ---------------------------------------------------------------- knowledge base
  {
    id: 'ringg.knowledgeBase.all', provider: 'ringg', group: 'knowledgeBase', method: 'GET', path: '/external/kb/all', summary: 'List knowledge bases', params: [], risk: 'read',
    note: 'A bare array (kb_id or id, kb_name or name). Treat as limited to 60/hour. Creating and editing upload files (multipart) and are not in the tester.', source: '3P G1, M1',
  },
  {
    id: 'ringg.knowledgeBase.get', provider: 'ringg', group: 'knowledgeBase', method: 'GET', path: '/external/kb/{kb_id}', summary: 'Knowledge base detail', risk: 'read',
    params: [p('kb_id', { placeholder: 'knowledge base UUID' })], note: 'Limited to 60 requests/hour per workspace.', source: 'DOC R26', docUrl: `${R}/kb/get-knowledge-base-by-id`,
  },
  {
    id: 'ringg.knowledgeBase.delete', provider: 'ringg', group: 'knowledgeBase', method: 'DELETE', path: '/external/kb/{kb_id}', summary: 'Delete a knowledge base', risk: 'irreversible',
    effect: 'deletes the knowledge base and its files permanently', params: [p('kb_id', { placeholder: 'knowledge base UUID' })],
    note: 'Limited to 10 requests/minute.', source: 'DOC R27', docUrl: `${R}/kb/delete-knowledge-base`,
  },

  // ================================================================== Ringyo AI (base …/v1)
  {
    id: 'ringyo.agents.list', provider: 'ringyo', group: 'agents', method: 'GET', path: '/agents', summary: 'List agents', risk: 'read',
    params: [q('limit', { default: '10', description: '1–100, default 20.' }), q('cursor', { placeholder: 'next_cursor from the last page' }), q('status', { placeholder: 'active / inactive' }), q('order', { placeholder: 'asc / desc' })],
    note: 'Needs agents:read. Lists are {data, has_more, next_cursor, total} on the endpoint pages and {data, pagination} in the intro.', source: 'DOC Y4', docUrl: `${Y}/agents/list`,
  },
  {
    id: 'ringyo.agents.get', provider: 'ringyo', group: 'agents', method: 'GET', path: '/agents/{agent_id}', summary: 'Agent detail', risk: 'read',
    params: [p('agent_id', { placeholder: 'agent_…' }), q('include', { default: 'stats', description: 'stats, recent_calls' })], note: 'stats: total calls, minutes, average duration, success rate.', source: 'DOC Y5', docUrl: `${Y}/agents/get`,
  },
  {
    id: 'ringyo.agents.create', provider: 'ringyo', group: 'agents', method: 'POST', path: '/agents', summary: 'Create an agent', risk: 'irreversible', params: [],
    effect: 'creates a new agent in the account',
    body: { name: 'Sales Qualifier', system_prompt: 'You are a friendly assistant who qualifies inbound sales leads.', voice_id: 'voice_aria', first_message: 'Hi! Thanks for calling. How can I help?', language: 'en-US', model: 'gpt-4o', temperature: 0.7 },
    note: 'Needs agents:write. model: gpt-4o (default), gpt-4o-mini, claude-3-sonnet. An Idempotency-Key header is added.', source: 'DOC Y5c', docUrl: `${Y}/agents/create`,
  },
  {
    id: 'ringyo.agents.update', provider: 'ringyo', group: 'agents', method: 'PATCH', path: '/agents/{agent_id}', summary: 'Update an agent', risk: 'irreversible',
    effect: 'overwrites the agent\'s settings (the old values are lost)', params: [p('agent_id', { placeholder: 'agent_…' })],
    body: { first_message: 'Hello! You are speaking with our assistant.', temperature: 0.5 }, note: 'Partial update: only the fields sent change.', source: 'DOC Y5u', docUrl: `${Y}/agents/update`,
  },
  {
    id: 'ringyo.calls.list', provider: 'ringyo', group: 'calls', method: 'GET', path: '/calls', summary: 'List calls', risk: 'read',
    params: [q('limit', { default: '10' }), q('cursor'), q('status', { placeholder: 'queued, ringing, in_progress, completed, failed, no_answer, busy' }), q('agent_id', { placeholder: 'agent_…' }),
      q('phone_number', { placeholder: '+14155550123' }), q('from_date'), q('to_date'), q('order', { placeholder: 'asc / desc' })],
    note: 'Needs calls:read.', source: 'DOC Y6', docUrl: `${Y}/calls/list`,
  },
  {
    id: 'ringyo.calls.get', provider: 'ringyo', group: 'calls', method: 'GET', path: '/calls/{call_id}', summary: 'Call detail', risk: 'read',
    params: [p('call_id', { placeholder: 'call_…' }), q('include', { default: 'transcript,recording,analysis' })], note: 'call_not_found (404) for an unknown id.', source: 'DOC Y7', docUrl: `${Y}/calls/get`,
  },
  {
    id: 'ringyo.calls.create', provider: 'ringyo', group: 'calls', method: 'POST', path: '/calls', summary: 'Place an outbound call', risk: 'spends', params: [],
    effect: 'places a real call and spends credits',
    body: { phone_number: '+14155550123', agent_id: 'agent_abc123', metadata: { customer_id: 'cus_123' }, record: true, max_duration: 600 },
    note: 'With an rg_test_ key the docs promise no real call and no credit use. Errors: invalid_phone_number, agent_not_found, insufficient_credits, rate_limit_exceeded (too many concurrent calls), invalid_from_number. An Idempotency-Key header is added.',
    source: 'DOC Y8, Y2', docUrl: `${Y}/calls/create`,
  },
  {
    id: 'ringyo.phoneNumbers.list', provider: 'ringyo', group: 'phoneNumbers', method: 'GET', path: '/phone-numbers', summary: 'List phone numbers', risk: 'read',
    params: [q('limit', { default: '10' }), q('cursor'), q('status', { placeholder: 'active / pending / inactive' }), q('country', { placeholder: 'US' })], note: 'Needs phone_numbers:read.', source: 'DOC Y9', docUrl: `${Y}/phone-numbers/list`,
  },
  {
    id: 'ringyo.phoneNumbers.get', provider: 'ringyo', group: 'phoneNumbers', method: 'GET', path: '/phone-numbers/{id}', summary: 'Phone number detail', risk: 'read',
    params: [p('id', { placeholder: 'pn_…' }), q('include', { default: 'stats' })], note: 'stats: calls and minutes in total and this month.', source: 'DOC Y9g', docUrl: `${Y}/phone-numbers/get`,
  },
  {
    id: 'ringyo.webhooks.list', provider: 'ringyo', group: 'webhooks', method: 'GET', path: '/webhooks', summary: 'List webhooks', risk: 'read',
    params: [q('limit', { default: '10' }), q('cursor'), q('status', { placeholder: 'active / inactive / failing' })], note: 'Needs webhooks:manage.', source: 'DOC Y10', docUrl: `${Y}/webhooks/list`,
  },
  {
    id: 'ringyo.webhooks.create', provider: 'ringyo', group: 'webhooks', method: 'POST', path: '/webhooks', summary: 'Create a webhook', risk: 'irreversible', params: [],
    effect: 'creates a webhook that starts receiving call events at once',
    body: { url: 'https://example.com/ringyo/webhook', events: ['call.completed', 'call.failed'], description: 'Call results' },
    note: 'The answer holds the signing secret (whsec_…) once; it is shown redacted here, so create webhooks whose secret you need in the dashboard. Errors: invalid_url (HTTPS only), invalid_events, webhook_limit_reached, url_unreachable.',
    source: 'DOC Y11', docUrl: `${Y}/webhooks/create`,
  },
  {
    id: 'ringyo.webhooks.update', provider: 'ringyo', group: 'webhooks', method: 'PATCH', path: '/webhooks/{id}', summary: 'Update a webhook', risk: 'irreversible',
    effect: 'changes the webhook (e.g. stops deliveries)', params: [p('id', { placeholder: 'wh_…' })], body: { status: 'inactive' },
    note: '{"status": "inactive"} disables it.', source: 'DOC Y12',
  },
  {
    id: 'ringyo.webhooks.delete', provider: 'ringyo', group: 'webhooks', method: 'DELETE', path: '/webhooks/{id}', summary: 'Delete a webhook', risk: 'irreversible',
    effect: 'deletes the webhook permanently', params: [p('id', { placeholder: 'wh_…' })], note: 'Answers {id, deleted: true}; webhook_not_found for an unknown id.', source: 'DOC Y12', docUrl: `${Y}/webhooks/delete`,
  },

  // ================================================================== Ring Tonic (base …/api/v1)
  {
    id: 'ringtonic.analytics.geoData', provider: 'ringtonic', group: 'analytics', method: 'GET', path: '/campaigns/{campaign_uuid}/geo-data', summary: 'Campaign geo data', risk: 'read',
    params: [p('campaign_uuid', { placeholder: 'campaign UUID' })],
    note: 'The only documented endpoint (Agency plan only); its answer shape is not documented. 403 "plan required" without the Agency plan.', source: 'DOC T1', docUrl: 'https://help.ringtonic.app/guides/api',
  },
];

/** Where an endpoint without a page of its own is documented: the provider's API reference overview. */
export const API_REFERENCE: Readonly<Record<ProviderId, string>> = {
  ringg: 'https://docs.ringg.ai/api-reference/quick-start/api-overview',
  ringyo: 'https://docs.ringyo.ai/api-reference/introduction',
  ringtonic: 'https://help.ringtonic.app/guides/api',
};

/** Every endpoint links its documentation (the tester shows the link, not the research's source tags). */
export const ENDPOINTS: readonly Endpoint[] = LISTED.map(e => e.docUrl ? e : { ...e, docUrl: API_REFERENCE[e.provider] });

export function endpointById(id: string): Endpoint | undefined {
  return ENDPOINTS.find(e => e.id === id);
}

export function endpointsFor(provider: ProviderId): Endpoint[] {
  return ENDPOINTS.filter(e => e.provider === provider)
    .sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

/** Path parameter names in a template, in order. */
export function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(m => m[1]);
}
