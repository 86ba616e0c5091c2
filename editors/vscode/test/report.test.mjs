// The webview's policy and refresh, without VS Code: the bundled src/report.ts (npm pretest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";

const require = createRequire(import.meta.url);
const { withContentSecurityPolicy, messagePage, debouncer, REPORT_CSP } = require("../out/report.cjs");

test("the policy is the first thing in the report's head and allows no script", () => {
  const html = withContentSecurityPolicy('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body></body></html>');
  assert.match(html, /<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><meta charset/);
  assert.doesNotMatch(REPORT_CSP, /script-src|unsafe-eval|https?:/);
});

test("a message is escaped and carries the policy too", () => {
  const html = messagePage("<b>server</b> & co");
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /&#60;b&#62;server&#60;\/b&#62; &#38; co/);
});

test("a burst of edits refreshes once, after it settles", async () => {
  const runs = [];
  const later = debouncer(20);
  for (let i = 0; i < 5; i++) later("a", () => runs.push(i));
  later("b", () => runs.push("b"));
  await sleep(60);
  assert.deepEqual(runs.sort(), [4, "b"].sort());
});
