// The decision report in a webview: the server's HTML (`offer-notes.report`) under a content
// security policy that allows nothing but the page's own inline styles and `data:` images, so no
// script runs and nothing is fetched, whatever the page holds.

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;

/** `html` with the policy as the first thing in its `<head>` (a page without one gets one). */
export function withContentSecurityPolicy(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return html.slice(0, at) + CSP_META + html.slice(at);
  }
  return `<!DOCTYPE html><html lang="en"><head>${CSP_META}<meta charset="utf-8"></head><body>${html}</body></html>`;
}

/** A page that says one thing (the server is not running, the journal could not be read). */
export function messagePage(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return withContentSecurityPolicy(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Decision report</title></head>` +
      `<body><h1>Decision report</h1><p>${escaped}</p></body></html>`,
  );
}

/** Run a key's task once `delayMs` after its last call: the report refreshes once a burst of edits settles. */
export function debouncer(delayMs: number): (key: string, task: () => void) => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return (key, task) => {
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        task();
      }, delayMs),
    );
  };
}
