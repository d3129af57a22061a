// What every Ring Keys webview script shares: the typed VS Code API object, DOM building with text nodes only
// (no innerHTML, so nothing a provider answers can run), and `{0}` placeholders in localised strings.

/** The API VS Code gives a webview script once: `Send` is what the script may post, `State` what it saves. */
export interface VsCodeApi<Send, State> {
  postMessage(message: Send): void;
  /** What this webview saved last time; unchecked (an older version of the script may have written it). */
  getState(): unknown;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): unknown;

/** The API, typed by what this script posts and saves (VS Code allows one call per page). */
export function vsCodeApi<Send, State>(): VsCodeApi<Send, State> {
  return acquireVsCodeApi() as VsCodeApi<Send, State>;
}

export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | undefined | false;

/** An element with attributes (`class` sets className) and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) { continue; }
    if (k === 'class') { el.className = String(v); } else { el.setAttribute(k, v === true ? '' : String(v)); }
  }
  for (const c of children) {
    if (c === undefined || c === false) { continue; }
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** replaceChildren, skipping the `false`/`undefined` of conditional children. */
export function fill(el: HTMLElement, ...children: Child[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => c !== undefined && c !== false));
}
