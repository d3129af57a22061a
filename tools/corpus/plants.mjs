// The planted-key corpus: excerpts of real files from public repositories, each with keys written where a
// person would paste them. `node tools/corpus/build.mjs <dir of checked-out repositories>` rebuilds
// test/fixtures/corpus from these specifications (a repository is looked for as <dir>/<owner>+<name>).
//
// edits: [old, new, 'optional'?] pairs applied to the excerpt; in `new`, {RINGG} / {RINGG2} become fresh UUIDs,
// {TONIC} a Ring Tonic token of an unusual alphabet, {RINGYO} an rg_live_ key. expect: what each planted key must
// be reported as (rule and confidence), in the order of the placeholders.

export const REPOS = {
  'GoogleCloudPlatform/generative-ai': '23b75dab2c25248f352d4c39e3c5984398b4b448',
  'Kong/httpsnippet': '795d98e7f853701396240bcf2e66965a149d8b6b',
  'kubernetes/examples': '279e8e4fe314f6cb7bc55fa3fbc21bbeaa48c0ea',
  'postmanlabs/newman': '74a45548df1bc6632f338e1b5e8239a25f314c5d',
  'postmanlabs/postman-collection': '388fa998b21becb5ccb133666b91a30b22481725',
  'Azure/api-management-policy-snippets': '87225c2090e45add095919e8767c37d9ece42e0c',
  'seanmonstar/reqwest': '065a5ae5209d27d4f4e3c4409725672c49a8aa39',
  'gitleaks/gitleaks': 'b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b',
  'OctopusDeploy/OctopusClients': '26802a14941d4a00aefd6130baed4d13b4b242b3',
  'HubSpot/hubspot-api-nodejs': '395cd9bf3bb21252aefc517e11ea64b7db03bd9d',
  'trufflesecurity/trufflehog': '3ab759fef4bb5935d4fe9ac68b503d05346b8364',
  'dotnet/iot': '3e594b3cf7d27ced9c8ed57e7e11286fc194b5c4',
  'aws-samples/aws-cdk-examples': 'bccff1d2775e4b0bf777721c6b41c0107e122f73',
};

const RINGG_URL = 'https://prod-api.ringg.ai/ca/api/v0/workspace';
const HIGH = { rule: 'ringg-api-key', confidence: 'high' };
const LOW = { rule: 'ringg-api-key', confidence: 'low' };
const TONIC = { rule: 'ringtonic-api-key', confidence: 'high' };

/** httpsnippet's "headers" fixture in one target: the x-foo header becomes X-API-KEY, the URL Ringg's. */
const snippet = (id, target, file, extra = []) => ({
  id, repo: 'Kong/httpsnippet', path: `src/targets/${target}/fixtures/${file}`,
  edits: [['http://mockbin.com/har', RINGG_URL, 'optional'], ['mockbin.com', 'prod-api.ringg.ai', 'optional'], [/x-foo/i, 'X-API-KEY'], ['Bar', '{RINGG}'], ...extra],
  expect: [HIGH],
});

export const PLANTS = [
  // --- JSON-escaped code: notebooks store each line as a JSON string
  {
    id: 'ipynb-environ', repo: 'GoogleCloudPlatform/generative-ai', format: 'Jupyter notebook',
    path: 'agents/agent_engine/tutorial_mcp_on_agent_engine.ipynb', lines: [200, 240],
    edits: [['"os.environ[\\"GOOGLE_CLOUD_LOCATION\\"] = LOCATION\\n",', '"os.environ[\\"GOOGLE_CLOUD_LOCATION\\"] = LOCATION\\n",\n        "os.environ[\\"RINGG_API_KEY\\"] = \\"{RINGG}\\"\\n",']],
    expect: [HIGH],
  },
  {
    id: 'ipynb-generic', repo: 'GoogleCloudPlatform/generative-ai', format: 'Jupyter notebook',
    path: 'agents/agent_engine/tutorial_mcp_on_agent_engine.ipynb', lines: [200, 240],
    edits: [['"os.environ[\\"GOOGLE_CLOUD_LOCATION\\"] = LOCATION\\n",', '"os.environ[\\"GOOGLE_CLOUD_LOCATION\\"] = LOCATION\\n",\n        "api_key = \\"{RINGG}\\"\\n",']],
    expect: [LOW],
  },
  // --- key/value pair structures
  {
    id: 'har-headers', repo: 'Kong/httpsnippet', format: 'HAR request', path: 'src/fixtures/requests/headers.json',
    edits: [['http://mockbin.com/har', RINGG_URL], ['x-foo', 'X-API-KEY'], ['"Bar"', '"{RINGG}"']], expect: [HIGH],
  },
  {
    id: 'postman-header', repo: 'postmanlabs/newman', format: 'Postman collection', path: 'test/fixtures/overrides/pmcollection.json', lines: [1, 60],
    edits: [['"header": [],', '"header": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"key": "X-API-KEY",\n\t\t\t\t\t\t"value": "{RINGG}",\n\t\t\t\t\t\t"type": "text"\n\t\t\t\t\t}\n\t\t\t\t],']],
    // X-API-KEY, but the request goes to postman-echo.com: reported as possibly a Ringg key
    expect: [LOW],
  },
  {
    id: 'postman-apikey-auth', repo: 'postmanlabs/newman', format: 'Postman collection', path: 'test/fixtures/overrides/pmcollection.json', lines: [1, 60],
    edits: [['"header": [],', '"auth": {\n\t\t\t\t\t"type": "apikey",\n\t\t\t\t\t"apikey": [\n\t\t\t\t\t\t{"key": "value", "value": "{RINGG}", "type": "string"},\n\t\t\t\t\t\t{"key": "key", "value": "X-API-KEY", "type": "string"}\n\t\t\t\t\t]\n\t\t\t\t},\n\t\t\t\t"header": [],'], ['https://postman-echo.com/get?key={{dummyVar}}', `${RINGG_URL}?key={{dummyVar}}`]],
    expect: [HIGH],
  },
  {
    id: 'postman-raw-body', repo: 'postmanlabs/newman', format: 'Postman collection (JSON-escaped body)', path: 'test/fixtures/overrides/pmcollection.json', lines: [1, 60],
    edits: [['"raw": ""', '"raw": "{\\"ringg_api_key\\": \\"{RINGG}\\"}"']],
    expect: [HIGH],
  },
  {
    id: 'k8s-env-array', repo: 'kubernetes/examples', format: 'Kubernetes YAML', path: 'web/guestbook/frontend-deployment.yaml',
    edits: [['        - name: GET_HOSTS_FROM\n          value: dns', '        - name: GET_HOSTS_FROM\n          value: dns\n        - name: RINGG_API_KEY\n          value: "{RINGG}"']],
    expect: [HIGH],
  },
  {
    id: 'apim-set-header', repo: 'Azure/api-management-policy-snippets', format: 'XML policy',
    path: 'examples/Add correlation id to inbound request.policy.xml',
    edits: [['        <base />\n', '        <base />\n        <set-header name="X-API-KEY" exists-action="override">\n            <value>{RINGG}</value>\n        </set-header>\n']],
    expect: [HIGH],
  },
  {
    id: 'js-header-after-value', repo: 'postmanlabs/postman-collection', format: 'JavaScript (Postman SDK)', path: 'examples/console-readout.js',
    edits: [[/\n*$/, "\n\n// authenticate against the Ringg API\nrequest.headers.add({ value: '{RINGG}', key: 'X-API-KEY' });\n"]],
    expect: [HIGH],
  },
  // --- infrastructure defaults and environment fallbacks
  {
    id: 'terraform-default', repo: 'GoogleCloudPlatform/generative-ai', format: 'Terraform',
    path: 'gemini/agents/genai-experience-concierge/langgraph-demo/terraform/variables.tf', lines: [1, 40],
    edits: [['variable "project_id" {\n  type = string\n}', 'variable "project_id" {\n  type = string\n}\n\nvariable "ringg_api_key" {\n  type      = string\n  sensitive = true\n  default   = "{RINGG}"\n}']],
    expect: [HIGH],
  },
  {
    id: 'python-env-fallback', repo: 'GoogleCloudPlatform/generative-ai', format: 'Python',
    path: 'agents/adk/new-hire-onboarding/app/fast_api_app.py', lines: [1, 60],
    edits: [['logs_bucket_name = os.environ.get("LOGS_BUCKET_NAME")', 'logs_bucket_name = os.environ.get("LOGS_BUCKET_NAME")\nringg_key = os.environ.get("RINGG_API_KEY") or "{RINGG}"']],
    expect: [HIGH],
  },
  {
    id: 'rust-env-fallback', repo: 'seanmonstar/reqwest', format: 'Rust', path: 'examples/simple.rs',
    edits: [['    let res = reqwest::get(url).await?;', '    let key = std::env::var("RINGG_API_KEY").unwrap_or_else(|_| "{RINGG}".to_string());\n    let res = reqwest::Client::new().get(url).header("X-API-KEY", key).send().await?;']],
    expect: [HIGH],
  },
  {
    id: 'shell-default-expansion', repo: 'kubernetes/examples', format: 'Shell', path: 'web/guestbook/redis-slave/run.sh',
    edits: [['if [[ ${GET_HOSTS_FROM:-dns} == "env" ]]; then', 'RINGG_API_KEY="${RINGG_API_KEY:-{RINGG}}"\nif [[ ${GET_HOSTS_FROM:-dns} == "env" ]]; then']],
    expect: [HIGH],
  },
  {
    id: 'dotenv-generic', repo: 'GoogleCloudPlatform/generative-ai', format: '.env', path: 'search/cloud-function/python/.env.example',
    edits: [['LOCATION=global', 'LOCATION=global\nAPI_KEY={RINGG}']],
    expect: [LOW],
  },
  {
    id: 'dotenv-tonic-alphabet', repo: 'GoogleCloudPlatform/generative-ai', format: '.env', path: 'search/cloud-function/python/.env.example',
    edits: [['LOCATION=global', 'LOCATION=global\nRINGTONIC_API_KEY={TONIC}']],
    expect: [TONIC],
  },
  {
    id: 'workflow-env', repo: 'gitleaks/gitleaks', format: 'GitHub Actions YAML', path: '.github/workflows/test.yml',
    edits: [[/^(on:)/m, 'env:\n  RINGG_API_KEY: {RINGG}\n\n$1']],
    expect: [HIGH],
  },
  {
    id: 'dockerfile-env', repo: 'gitleaks/gitleaks', format: 'Dockerfile', path: 'Dockerfile',
    edits: [[/^(FROM [^\n]*\n)/m, '$1ENV RINGG_API_KEY={RINGG}\n']],
    expect: [HIGH],
  },
  // --- Bearer tokens to Ring Tonic, any alphabet, scheme as its own argument
  {
    id: 'csharp-bearer-argument', repo: 'OctopusDeploy/OctopusClients', format: 'C#', path: 'source/Octopus.Server.Client/OidcAuthenticationHandler.cs',
    edits: [[/^(using [^\n]*\n)/m, '$1// Ring Tonic geo data: https://ringtonic.app/api/v1\n'], [/(\n\s*}\s*\n\s*}\s*)$/, '\n        static void RingTonic(System.Net.Http.HttpClient http) =>\n            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "{TONIC}");$1']],
    expect: [TONIC],
  },
  {
    id: 'python-bearer-tonic', repo: 'GoogleCloudPlatform/generative-ai', format: 'Python', path: 'agents/adk/new-hire-onboarding/app/fast_api_app.py', lines: [1, 60],
    edits: [['logs_bucket_name = os.environ.get("LOGS_BUCKET_NAME")', 'logs_bucket_name = os.environ.get("LOGS_BUCKET_NAME")\nTONIC_HEADERS = {"Authorization": "Bearer {TONIC}", "Accept": "application/json"}  # https://ringtonic.app/api/v1']],
    expect: [TONIC],
  },
  // --- httpsnippet: the same header in twenty languages
  snippet('python-requests', 'python/requests', 'headers.py'),
  snippet('python-http-client', 'python/python3', 'headers.py'),
  snippet('node-fetch', 'node/fetch', 'headers.js'),
  snippet('node-axios', 'node/axios', 'headers.js'),
  snippet('go-native', 'go/native', 'headers.go'),
  snippet('java-okhttp', 'java/okhttp', 'headers.java'),
  snippet('kotlin-okhttp', 'kotlin/okhttp', 'headers.kt'),
  snippet('csharp-httpclient', 'csharp/httpclient', 'headers.cs'),
  snippet('php-curl', 'php/curl', 'headers.php'),
  snippet('php-http2', 'php/http2', 'headers.php'),
  snippet('ruby-net-http', 'ruby/native', 'headers.rb'),
  snippet('rust-reqwest', 'rust/reqwest', 'headers.rs'),
  snippet('swift-urlsession', 'swift/nsurlsession', 'headers.swift'),
  snippet('objc-urlsession', 'objc/nsurlsession', 'headers.m'),
  snippet('ocaml-cohttp', 'ocaml/cohttp', 'headers.ml'),
  snippet('clojure-clj-http', 'clojure/clj_http', 'headers.clj'),
  snippet('c-libcurl', 'c/libcurl', 'headers.c'),
  snippet('r-httr', 'r/httr', 'headers.r'),
  snippet('crystal', 'crystal/native', 'headers.cr'),
  snippet('powershell-webrequest', 'powershell/webrequest', 'headers.ps1'),
  snippet('shell-curl', 'shell/curl', 'headers.sh'),
  snippet('shell-httpie', 'shell/httpie', 'headers.sh'),
  snippet('shell-wget', 'shell/wget', 'headers.sh'),
  snippet('http-file', 'http/http1.1', 'headers'),
  // --- other places people paste keys
  {
    id: 'ts-ringyo-live', repo: 'HubSpot/hubspot-api-nodejs', format: 'TypeScript', path: 'codegen/crm/contacts/apis/BasicApi.ts', lines: [1, 40],
    edits: [[/^(import [^\n]*\n)/m, "$1const RINGYO_API_KEY = '{RINGYO}';\n"]],
    expect: [{ rule: 'ringyo-live-key', confidence: 'high' }],
  },
  {
    id: 'go-generic-const', repo: 'trufflesecurity/trufflehog', format: 'Go', path: 'pkg/common/http.go', lines: [1, 40],
    edits: [[/^(import [^\n]*\n|import \([^)]*\)\n)/m, '$1\n// voice agent integration\nconst voiceAPIKey = "{RINGG}"\n']],
    expect: [LOW],
  },
  {
    id: 'markdown-curl', repo: 'kubernetes/examples', format: 'Markdown', path: 'README.md', lines: [1, 30],
    edits: [[/\n*$/, `\n\n\`\`\`sh\ncurl ${RINGG_URL} -H "X-API-KEY: {RINGG}"\n\`\`\`\n`]],
    expect: [HIGH],
  },
  {
    id: 'gradle-properties', repo: 'GoogleCloudPlatform/generative-ai', format: 'Gradle properties',
    path: 'gemini/sample-apps/photo-discovery/app/android/gradle.properties',
    edits: [['android.useAndroidX=true', 'android.useAndroidX=true\nringg.apiKey={RINGG}']],
    expect: [HIGH],
  },
  {
    id: 'android-build-config', repo: 'GoogleCloudPlatform/generative-ai', format: 'Gradle (Groovy)',
    path: 'gemini/sample-apps/photo-discovery/app/android/app/build.gradle', lines: [30, 50],
    edits: [['        applicationId = "com.example.app"', '        applicationId = "com.example.app"\n        buildConfigField "String", "RINGG_API_KEY", "\\"{RINGG}\\""']],
    expect: [HIGH],
  },
  {
    id: 'java-properties', repo: 'aws-samples/aws-cdk-examples', format: 'Java properties',
    path: 'java/alb-multi-rule-response/src/main/resources/mydata.properties',
    edits: [['rest.mobile = mobile.mydomain.com', 'rest.mobile = mobile.mydomain.com\nvoice.api.key = {RINGG}']],
    expect: [LOW],
  },
  {
    id: 'yaml-section', repo: 'kubernetes/examples', format: 'YAML configuration (nested section)', path: 'web/guestbook/redis-master-deployment.yaml',
    edits: [[/\n*$/, '\n---\n# application settings\nringg:\n  base-url: https://prod-api.ringg.ai/ca/api/v0\n  api-key: {RINGG}\n']],
    expect: [HIGH],
  },
  {
    id: 'appsettings-section', repo: 'dotnet/iot', format: 'JSON (.NET settings)', path: 'global.json',
    edits: [[/^\{/, '{\n  "Ringg": {\n    "ApiKey": "{RINGG}"\n  },']],
    expect: [HIGH],
  },
];
