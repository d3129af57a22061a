// The page every Ring Keys webview starts from: a strict Content Security Policy with a fresh nonce, the
// extension's own style sheets and one bundled script, and an empty root element the script fills in.
// Plain TypeScript (no `vscode` import), so the unit tier checks what a page may load.
import { randomBytes } from 'node:crypto';

/** 128 random bits, base64: a new one for every page, so a script from anywhere else cannot guess it. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/**
 * Nothing loads but this extension's files (`cspSource`: the webview's origin for its local resources):
 * scripts only with this page's nonce, no inline script or style, no network (the webview never talks to a
 * provider: the extension host does), no forms, no frames, no <base>.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  if (!NONCE.test(nonce)) { throw new Error('a webview nonce is base64 of at least 96 random bits'); }
  // The source list comes from VS Code (desktop: one origin; code-server: `'self' https://*.vscode-cdn.net`).
  // Anything but 'self' and origins (a bare `*`, a scheme, a keyword, whatever could end the directive or the
  // attribute) is refused all the same.
  const sources = cspSource.split(' ');
  if (!cspSource || !sources.every(t => t === "'self'" || /^[a-z][a-z0-9+.-]*:\/\/[^\s;,'"<>]+$/i.test(t))) { throw new Error(`not a webview resource source: ${cspSource}`); }
  return [
    `default-src 'none'`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `connect-src 'none'`,
    `form-action 'none'`,
    `base-uri 'none'`,
    `frame-src 'none'`,
  ].join('; ');
}

export interface PageParts {
  /** The display language (`vscode.env.language`). */
  readonly lang: string;
  readonly title: string;
  /** `webview.cspSource` */
  readonly cspSource: string;
  readonly nonce: string;
  /** Webview URIs of the style sheets. */
  readonly styles: readonly string[];
  /** The webview URI of the script bundle. */
  readonly script: string;
  /** The id of the element the script renders into. */
  readonly rootId: string;
}

/** The page's HTML; every value in it is escaped. */
export function pageHtml(p: PageParts): string {
  const a = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${a(p.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${p.styles.map(href => `<link rel="stylesheet" href="${a(href)}">`).join('\n')}
<title>${a(p.title)}</title>
</head>
<body>
<div id="${a(p.rootId)}" aria-busy="true"></div>
<script nonce="${a(p.nonce)}" src="${a(p.script)}"></script>
</body>
</html>`;
}

/** Text or an attribute value made inert in HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
