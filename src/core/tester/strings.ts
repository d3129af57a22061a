// The keys of every string the Request Tester's webview shows. The extension host fills them in with
// vscode.l10n.t (src/vscode/features/tester/strings.ts) and posts them with `init`, so the webview holds no
// text of its own and the l10n bundle holds them all.
export interface WebviewStringTable {
  readonly title: string;
  readonly provider: string;
  readonly key: string;
  readonly noKey: string;
  readonly addKey: string;
  readonly testBadge: string;
  readonly activeBadge: string;
  readonly endpoint: string;
  readonly filterPlaceholder: string;
  readonly noMatch: string;
  readonly riskRead: string;
  readonly riskSpends: string;
  readonly riskIrreversible: string;
  readonly confirmFirst: string;
  readonly confirmTitle: string;
  readonly dontSend: string;
  readonly rotateRefused: string;
  readonly testKeyNote: string;
  readonly docs: string;
  readonly parameters: string;
  readonly noParameters: string;
  readonly pathParam: string;
  readonly queryParam: string;
  readonly required: string;
  readonly body: string;
  readonly resetBody: string;
  readonly bodyKeys: string;
  readonly jsonOk: string;
  readonly jsonBad: string;
  readonly send: string;
  readonly sendHint: string;
  readonly cancel: string;
  readonly copyCurl: string;
  readonly saveHttp: string;
  readonly copyHttp: string;
  readonly curlCopied: string;
  readonly response: string;
  readonly noResponse: string;
  readonly sending: string;
  readonly notSent: string;
  readonly failed: string;
  readonly time: string;
  readonly size: string;
  readonly attempts: string;
  readonly rateLimit: string;
  readonly headers: string;
  readonly responseBody: string;
  readonly redactedNote: string;
  readonly truncated: string;
  readonly emptyBody: string;
  readonly history: string;
  readonly historyEmpty: string;
  readonly clearHistory: string;
  readonly rerun: string;
  readonly load: string;
  readonly showLogs: string;
}

export type StringKey = keyof WebviewStringTable;
