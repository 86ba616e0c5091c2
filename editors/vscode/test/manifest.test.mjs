// The extension's manifest and its server-finding logic: what a user configures is what the server
// receives, and a missing server produces the install hint.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync, chmodSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";

const require = createRequire(import.meta.url);
const here = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", here), "utf8"));
// Built by `npm test`'s pretest step from src/server.ts.
const server = require("../out/server.cjs");
const properties = manifest.contributes.configuration.properties;

test("the language covers *.offer and *.offer.md", () => {
  const language = manifest.contributes.languages.find((l) => l.id === "offer-notes");
  assert.deepEqual(language.extensions, [".offer", ".offer.md"]);
  for (const file of [language.configuration, ...manifest.contributes.grammars.map((g) => g.path),
    ...manifest.contributes.snippets.map((s) => s.path)]) {
    assert.ok(existsSync(new URL(file, here)), file);
  }
});

test("the settings mirror the server's configuration with its defaults", () => {
  assert.equal(properties["offerNotes.raiseRate"].default, 3.5);
  assert.equal(properties["offerNotes.anchorYears"].type, "integer");
  assert.equal(properties["offerNotes.anchorYears"].default, 4);
  assert.equal(properties["offerNotes.anchorYears"].minimum, 1);
  assert.equal(properties["offerNotes.anchorYears"].maximum, 10);
  assert.equal(properties["offerNotes.smallGapPercent"].default, 5);
  assert.equal(properties["offerNotes.disabledRules"].type, "array");
  assert.deepEqual(properties["offerNotes.trace.server"].enum, ["off", "messages", "verbose"]);
  const severityLevels = Object.values(properties["offerNotes.severity"].properties).map((p) => p.enum);
  for (const levels of severityLevels) {
    assert.deepEqual(levels, ["error", "warning", "information", "hint", "off"]);
  }
});

test("every rule code is both disable-able and has a severity override", () => {
  const disable = properties["offerNotes.disabledRules"].items.enum;
  const severity = Object.keys(properties["offerNotes.severity"].properties);
  assert.deepEqual([...disable].sort(), [...severity].sort());
  assert.ok(disable.includes("below-floor"));
  for (const code of disable) assert.match(code, /^[a-z]+(-[a-z]+)*$/);
});

test("server keys are exactly the settings that are not client-only", () => {
  const serverSide = Object.keys(properties)
    .map((k) => k.replace(/^offerNotes\./, ""))
    .filter((k) => !k.startsWith("server.") && !k.startsWith("trace."));
  assert.deepEqual([...server.SERVER_KEYS].sort(), serverSide.sort());
});

test("initializationOptions drop the client-only keys", () => {
  const values = { raiseRate: 4, anchorYears: 2, disabledRules: ["quadrant"], "server.path": "/x", "trace.server": "verbose" };
  const settings = server.serverSettings({ get: (k) => values[k] });
  assert.deepEqual(settings, { raiseRate: 4, anchorYears: 2, disabledRules: ["quadrant"] });
});

test("only settings the person set reach the server, so offer-notes.toml is not hidden by defaults", () => {
  const inspected = {
    raiseRate: { defaultValue: 3.5 },
    anchorYears: { defaultValue: 4, globalValue: 3 },
    smallGapPercent: { defaultValue: 5, globalValue: 4, workspaceValue: 6 },
    disabledRules: { defaultValue: [], workspaceFolderValue: ["quadrant"], workspaceValue: ["small-gap"] },
    "server.path": { globalValue: "/x" },
  };
  const config = { get: (k) => inspected[k]?.defaultValue, inspect: (k) => inspected[k] };
  assert.deepEqual(server.serverSettings(config), { anchorYears: 3, smallGapPercent: 6, disabledRules: ["quadrant"] });
});

test("server.path expands ~ and ${workspaceFolder}, and resolves relative paths", () => {
  const ctx = { workspaceFolder: "/ws", env: {} };
  assert.equal(server.expandPath("~/bin/offer-notes", ctx), path.join(os.homedir(), "bin/offer-notes"));
  assert.equal(server.expandPath("${workspaceFolder}/target/release/offer-notes", ctx), "/ws/target/release/offer-notes");
  assert.equal(server.expandPath("target/release/offer-notes", ctx), "/ws/target/release/offer-notes");
});

test("the server is found from the setting, then the bundled binary, then PATH; a missing one says what to do", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "offer-notes-ext-"));
  const bin = path.join(dir, "offer-notes");
  writeFileSync(bin, "#!/bin/sh\n");
  chmodSync(bin, 0o755);
  const empty = mkdtempSync(path.join(os.tmpdir(), "offer-notes-empty-"));
  const noCargo = { PATH: empty, CARGO_HOME: empty };
  // an extension folder whose platform build carries the server in server/
  const extension = mkdtempSync(path.join(os.tmpdir(), "offer-notes-extension-"));
  const bundled = server.bundledServerPath(extension);
  mkdirSync(path.dirname(bundled), { recursive: true });
  writeFileSync(bundled, "#!/bin/sh\n");
  chmodSync(bundled, 0o755);
  const onPath = { PATH: dir, CARGO_HOME: empty };

  assert.deepEqual(await server.resolveServerPath(bin, { env: noCargo, extensionPath: extension }), {
    kind: "found",
    path: bin,
    source: "setting",
  });
  assert.deepEqual(await server.resolveServerPath(null, { env: onPath, extensionPath: extension }), {
    kind: "found",
    path: bundled,
    source: "bundled",
  });
  assert.deepEqual(await server.resolveServerPath(null, { env: onPath, extensionPath: empty }), {
    kind: "found",
    path: bin,
    source: "PATH",
  });
  const missing = await server.resolveServerPath(null, { env: noCargo, extensionPath: empty });
  assert.equal(missing.kind, "missing");
  const notExecutable = await server.resolveServerPath(path.join(dir, "nope"), { env: noCargo, extensionPath: extension });
  assert.equal(notExecutable.kind, "missing");
  assert.match(notExecutable.reason, /not an executable/);
  // notifications show Markdown raw: the notice is plain text
  for (const text of [server.INSTALL_HINT, missing.reason, notExecutable.reason]) {
    assert.doesNotMatch(text, /`/, text);
  }
  assert.match(server.INSTALL_HINT, /offerNotes|Server: Path/);
});

test("snippets include a new journal and a new offer section", () => {
  const snippets = JSON.parse(readFileSync(new URL("snippets/offer-notes.json", here), "utf8"));
  const journal = snippets["New journal"].body.join("\n");
  const section = snippets["New offer section"].body.join("\n");
  assert.match(journal, /^floor: /m);
  assert.match(journal, /^## /m);
  assert.match(section, /^## /);
  assert.match(section, /^status: /m);
});

test("the server's semantic-token modifiers real and feeling are declared, so themes can colour them", () => {
  const declared = manifest.contributes.semanticTokenModifiers.map((m) => m.id).sort();
  assert.deepEqual(declared, ["feeling", "real"]);
  const scopes = manifest.contributes.semanticTokenScopes.find((s) => s.language === "offer-notes").scopes;
  assert.ok(scopes["*.real"]?.length && scopes["*.feeling"]?.length, JSON.stringify(scopes));
});

test("a platform build ships the bundled server (server/ is packaged)", () => {
  const ignore = readFileSync(new URL(".vscodeignore", here), "utf8").split("\n");
  assert.ok(ignore.includes("!server/**"), ".vscodeignore must keep server/");
});

test("a request failing because the client restarts is not shown as an error; others still are", () => {
  const live = { current: true, stopped: false };
  const codeLensAfterShutdown = Object.assign(new Error("Invalid request"), { code: -32600 });
  // the old client, stopping after the server path changed: whatever it had in flight is noise
  assert.equal(server.isRestartNoise(codeLensAfterShutdown, { current: false, stopped: true }), true);
  assert.equal(server.isRestartNoise(codeLensAfterShutdown, { current: false, stopped: false }), true);
  assert.equal(server.isRestartNoise(codeLensAfterShutdown, { current: true, stopped: true }), true);
  // the connection went away under a request
  const inactive = Object.assign(new Error("Client is not running"), { code: -32096 });
  const disposed = Object.assign(new Error("Pending response rejected since connection got disposed"), { code: -32097 });
  assert.equal(server.isRestartNoise(inactive, live), true);
  assert.equal(server.isRestartNoise(disposed, live), true);
  assert.equal(server.isRestartNoise(new Error("Client is not running"), live), true);
  // a running client's real failure is still shown
  assert.equal(server.isRestartNoise(codeLensAfterShutdown, live), false);
  const internal = Object.assign(new Error("offer-notes hit an internal error answering hover"), { code: -32603 });
  assert.equal(server.isRestartNoise(internal, live), false);
  assert.equal(server.isRestartNoise(undefined, live), false);
});
