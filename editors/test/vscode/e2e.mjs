// End-to-end test of the VS Code extension in real VS Code: code-server serves the workbench,
// Debian's Chromium (driven by playwright-core) is the user. Run by editors/test/e2e-vscode.sh,
// which installs everything and passes paths through the environment:
//
//   E2E_HARNESS      dir whose node_modules holds playwright-core
//   E2E_CODE_SERVER  the code-server executable
//   E2E_VSIX         the packaged extension
//   E2E_WORK         a scratch dir (recreated): user data, extensions, workspace
//   E2E_JOURNAL      the journal to open (copied into the workspace)
//   E2E_SCREENSHOT   where to save the final screenshot
//   OFFER_NOTES_BIN  the server binary (absolute), the one bundled in the .vsix; it is NOT on the
//                    PATH code-server gets, and offerNotes.server.path is not set
//   E2E_CAPABILITIES the server's initialize capabilities as JSON (from lsp-probe.mjs)
//   CHROMIUM         browser executable (default /usr/bin/chromium)

import { spawn, spawnSync, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, rmSync, writeFileSync, readFileSync, copyFileSync, readdirSync, statSync, existsSync } from "node:fs";
import * as path from "node:path";
import * as net from "node:net";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const harness = env("E2E_HARNESS");
const { chromium } = createRequire(path.join(harness, "package.json"))("playwright-core");
const codeServer = env("E2E_CODE_SERVER");
const vsix = env("E2E_VSIX");
const work = env("E2E_WORK");
const journalSource = env("E2E_JOURNAL");
const screenshot = env("E2E_SCREENSHOT");
const serverBin = env("OFFER_NOTES_BIN");
const capabilities = JSON.parse(env("E2E_CAPABILITIES", "{}"));
const browserPath = env("CHROMIUM", "/usr/bin/chromium");

const results = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

function pass(name) {
  results.passed++;
  console.log(`PASS ${name} (${elapsed()})`);
}
function fail(name, why) {
  results.failed++;
  console.log(`FAIL ${name}: ${why} (${elapsed()})`);
}
function skip(reason) {
  results.skipped++;
  console.log(`SKIP: ${reason}`);
}

/** Runs one named check; a thrown error is that check's failure, not the whole run's. */
async function check(name, body) {
  try {
    await body();
    pass(name);
    return true;
  } catch (error) {
    fail(name, error instanceof Error ? error.message.split("\n")[0] : String(error));
    if (currentPage) {
      const shot = path.join(work, `failure-${results.failed}.png`);
      await currentPage.screenshot({ path: shot }).catch(() => undefined);
      console.log(`  screenshot of the failure: ${shot}`);
    }
    return false;
  }
}

/**
 * The environment code-server runs in: no directory on PATH holds an `offer-notes`, and CARGO_HOME
 * is empty, so the extension can only find the server it bundles.
 */
function serverlessEnv() {
  const bare = path.join(work, "empty-cargo-home");
  mkdirSync(bare, { recursive: true });
  const PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir !== "" && !existsSync(path.join(dir, "offer-notes")))
    .join(path.delimiter);
  return { ...process.env, PATH, CARGO_HOME: bare };
}

/** Every file under `dir` whose name passes `want`. */
function findFiles(dir, want) {
  const out = [];
  const walk = (d) => {
    let entries = [];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(d, name);
      let info;
      try {
        info = statSync(full);
      } catch {
        continue;
      }
      if (info.isDirectory()) walk(full);
      else if (want(name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** The text of the webviews (the Markdown preview sits in nested iframes), not the workbench's. */
async function framesText(page) {
  const texts = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    try {
      texts.push(await frame.locator("body").innerText({ timeout: 2000 }));
    } catch {
      // a frame that went away or has no body
    }
  }
  return normalise(texts.join("\n"));
}

/** Wait until some frame shows `want` (a RegExp); the frames' text on time-out is the error. */
async function waitForRendered(page, want, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await framesText(page);
    if (want.test(text)) return text;
    if (Date.now() > deadline) {
      throw new Error(`${what} not shown within ${timeoutMs / 1000} s; the page reads ${JSON.stringify(text.slice(-400))}`);
    }
    await page.waitForTimeout(300);
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

// Chromium renders spaces as U+00A0 in the editor's view lines.
const normalise = (text) => text.replace(/\u00a0/g, " ");

// ---- a fresh VS Code profile, extensions dir and workspace -------------------------------------
rmSync(work, { recursive: true, force: true });
const userData = path.join(work, "user-data");
const extensions = path.join(work, "extensions");
const workspace = path.join(work, "workspace");
mkdirSync(path.join(userData, "User"), { recursive: true });
mkdirSync(extensions, { recursive: true });
mkdirSync(workspace, { recursive: true });
const codeServerConfig = path.join(work, "code-server.yaml");
writeFileSync(codeServerConfig, "auth: none\n");
const journalName = path.basename(journalSource);
const journal = path.join(workspace, journalName);
copyFileSync(journalSource, journal);
// The same journal as Markdown-flavoured `*.offer.md`: it must open as offer-notes, not Markdown.
const markdownName = journalName.replace(/\.offer(\.md)?$/, "") + "-copy.offer.md";
copyFileSync(journalSource, path.join(workspace, markdownName));

writeFileSync(
  path.join(userData, "User", "settings.json"),
  JSON.stringify(
    {
      "workbench.startupEditor": "none",
      "workbench.welcomePage.walkthroughs.openOnInstall": false,
      "workbench.tips.enabled": false,
      "workbench.colorTheme": "Default Dark Modern",
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "extensions.ignoreRecommendations": true,
      "git.enabled": false,
      "files.hotExit": "off",
      "window.restoreWindows": "none",
      "editor.minimap.enabled": false,
      "chat.commandCenter.enabled": false,
      "offerNotes.trace.server": "verbose",
    },
    null,
    2,
  ),
);

let codeServerProcess;
let currentPage;
let browser;
const log = [];

async function main() {
  await check("the .vsix installs into a fresh extensions dir", async () => {
    const out = execFileSync(
      codeServer,
      ["--config", codeServerConfig, "--extensions-dir", extensions, "--user-data-dir", userData, "--install-extension", vsix],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const listed = execFileSync(codeServer, ["--config", codeServerConfig, "--extensions-dir", extensions, "--list-extensions"], {
      encoding: "utf8",
    });
    if (!/offer-notes\.offer-notes/.test(listed)) throw new Error(`not listed after install: ${out} ${listed}`);
  });

  const port = await freePort();
  codeServerProcess = spawn(
    codeServer,
    [
      "--config", codeServerConfig,
      "--bind-addr", `127.0.0.1:${port}`,
      "--auth", "none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--user-data-dir", userData,
      "--extensions-dir", extensions,
      workspace,
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: serverlessEnv() },
  );
  codeServerProcess.stdout.on("data", (d) => log.push(d.toString()));
  codeServerProcess.stderr.on("data", (d) => log.push(d.toString()));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);

  browser = await chromium.launch({
    executablePath: browserPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  currentPage = page;
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);

  const workbench = await check("the workbench loads", async () => {
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await page.locator(".explorer-folders-view").waitFor({ timeout: 30_000 });
  });
  if (!workbench) return;

  const opened = await check(`${journalName} opens as an offer-notes document`, async () => {
    await page.locator(".explorer-folders-view").getByText(journalName, { exact: true }).first().click();
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    // The status bar's language indicator names the language the grammar is registered for.
    await page
      .locator("#status\\.editor\\.mode")
      .filter({ hasText: "Offer Notes" })
      .waitFor({ timeout: 15_000 });
    // The TextMate grammar colours the floor's money token (mtk* classes beyond the default).
    const text = normalise(await page.locator(".monaco-editor .view-lines").first().innerText());
    if (!text.includes("floor:")) throw new Error(`editor shows: ${text.slice(0, 200)}`);
  });
  if (!opened) return;

  let problems = "";
  await check('the Problems panel lists the below-floor diagnostic ("below your floor")', async () => {
    await page.locator(".monaco-editor").first().click();
    await page.keyboard.press("Control+Shift+M");
    const panel = page.locator(".markers-panel");
    await panel.waitFor();
    const deadline = Date.now() + 30_000;
    for (;;) {
      problems = normalise(await panel.innerText());
      if (/below your floor/.test(problems)) break;
      if (Date.now() > deadline) {
        throw new Error(`no "below your floor" in the Problems panel within 30 s; it shows: ${JSON.stringify(problems.slice(0, 300))}`);
      }
      await page.waitForTimeout(250);
    }
    if (!/offer-notes/.test(problems)) throw new Error(`the problem does not name its source: ${problems}`);
    if (!/below-floor/.test(problems)) throw new Error(`the problem does not show its code: ${problems}`);
  });

  await check("with no server on PATH and no setting, the extension uses the server bundled in the .vsix and says so", async () => {
    const deadline = Date.now() + 10_000;
    let text = "";
    for (;;) {
      text = findFiles(userData, (name) => name.endsWith("Offer Notes.log"))
        .map((file) => readFileSync(file, "utf8"))
        .join("\n");
      if (/bundled with this extension/.test(text) || Date.now() > deadline) break;
      await page.waitForTimeout(250);
    }
    const line = text.split("\n").find((l) => l.includes("using the server"));
    console.log(`  output: ${line?.trim() ?? "(no line)"}`);
    if (!/bundled with this extension: \S*\/server\/offer-notes/.test(text)) {
      throw new Error(`the Offer Notes output does not name the bundled server: ${JSON.stringify(text.slice(0, 400))}`);
    }
  });

  await check("the server's semantic-token modifiers are declared in package.json, so themes can colour them", async () => {
    const legend = capabilities.semanticTokensProvider?.legend?.tokenModifiers ?? [];
    const standard = new Set(["declaration", "definition", "readonly", "static", "deprecated", "abstract", "async", "modification", "documentation", "defaultLibrary"]);
    const custom = legend.filter((m) => !standard.has(m));
    const manifests = findFiles(extensions, (name) => name === "package.json").filter((f) => /offer-notes\.offer-notes-[^/]*\/package\.json$/.test(f));
    if (manifests.length === 0) throw new Error("the installed extension has no package.json");
    const declared = (JSON.parse(readFileSync(manifests[0], "utf8")).contributes.semanticTokenModifiers ?? []).map((m) => m.id);
    const missing = custom.filter((m) => !declared.includes(m));
    console.log(`  server modifiers: ${custom.join(", ")}; declared: ${declared.join(", ")}`);
    if (custom.length === 0) throw new Error(`the server's legend has no custom modifiers: ${JSON.stringify(legend)}`);
    if (missing.length > 0) throw new Error(`not declared: ${missing.join(", ")}`);
  });

  await check("the Problems panel matches `offer-notes check` of the folder, file by file (code, line, column; hints are not listed)", async () => {
    // The server checks every journal in the workspace folder, opened or not (the copy beside
    // the opened journal is listed unopened): each file's group in the panel must be what
    // `check` says of that file.
    const run = spawnSync(serverBin, ["check", "--format", "json", workspace], { encoding: "utf8" });
    if (run.status !== 0 && run.status !== 1) throw new Error(`check exited ${run.status}: ${run.stderr}`);
    const expected = {};
    for (const d of JSON.parse(run.stdout)) {
      if (d.severity === "hint") continue;
      (expected[path.basename(d.file)] ??= []).push(`${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
    }
    const key = (byFile) =>
      JSON.stringify(Object.keys(byFile).sort().map((file) => [file, [...byFile[file]].sort()]));
    if (!expected[journalName] || !expected[markdownName]) {
      throw new Error(`check reports nothing for ${journalName} or ${markdownName}: ${JSON.stringify(expected)}`);
    }
    const deadline = Date.now() + 10_000;
    let shown = {};
    for (;;) {
      shown = {};
      for (const row of await problemRows(page)) {
        if (row.marker) (shown[row.file] ??= []).push(`${row.marker.code}@${row.marker.line}:${row.marker.column}`);
      }
      if (key(shown) === key(expected) || Date.now() > deadline) break;
      await page.waitForTimeout(250);
    }
    for (const file of Object.keys(shown).sort()) console.log(`  problems in ${file}: ${[...shown[file]].sort().join(" ")}`);
    if (key(shown) !== key(expected)) throw new Error(`check --format json says ${key(expected)}; the panel lists ${key(shown)}`);
  });

  await check("a settings change reaches the server (offerNotes.disabledRules hides a rule)", async () => {
    // Pick a listed rule other than below-floor, disable it in the workspace settings as a user
    // would, and wait for the Problems panel to drop it while below-floor stays.
    // every file's problems: the rule must go from the unopened journal too
    const listedCodes = async () => (await problemRows(page)).filter((r) => r.marker).map((r) => r.marker.code);
    const victim = (await listedCodes()).find((code) => code !== "below-floor");
    if (!victim) throw new Error("no rule besides below-floor is listed, so there is none to disable");
    const settingsFile = path.join(workspace, ".vscode", "settings.json");
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    const waitFor = async (want, what) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const codes = await listedCodes();
        if (want(codes)) return;
        if (Date.now() > deadline) throw new Error(`${what} within 20 s; listed: ${codes.join(" ")}`);
        await page.waitForTimeout(250);
      }
    };
    writeFileSync(settingsFile, JSON.stringify({ "offerNotes.disabledRules": [victim] }));
    await waitFor((codes) => !codes.includes(victim) && codes.includes("below-floor"), `${victim} not dropped`);
    console.log(`  disabled: ${victim}`);
    // Back to the defaults for the checks that follow.
    writeFileSync(settingsFile, "{}");
    await waitFor((codes) => codes.includes(victim), `${victim} not back after re-enabling it`);
  });

  if (!capabilities.hoverProvider) {
    skip("server has no hover yet (initialize did not advertise hoverProvider): VS Code hover not tested");
  } else {
    await check('hovering an amount shows the anchoring projection (contains "Year")', async () => {
      // The grammar makes the amount its own token, so the mouse can rest on exactly that span.
      // Bring the `base:` line into view (only rendered lines exist in the DOM), then find it.
      const lineNumber = readFileSync(journal, "utf8").split("\n").findIndex((l) => /^\s*(- )?base\s*:/i.test(l)) + 1;
      if (lineNumber === 0) throw new Error("no base: line in the journal");
      await goToLine(page, lineNumber);
      const line = page.locator(".monaco-editor .view-line").filter({ hasText: /^\s*(- )?base:/ }).first();
      const amount = line.locator("span span").filter({ hasText: /^\s*[$€£¥]?\s?\d[\d,._]*\s?[kKmM]?\s*$/ }).first();
      await amount.hover();
      const hover = page.locator(".monaco-hover").filter({ hasText: "Year" }).first();
      await hover.waitFor({ state: "visible", timeout: 15_000 });
      const shown = normalise(await hover.innerText());
      console.log(`  hover: ${shown.replace(/\s+/g, " ").slice(0, 160)}`);
      await page.keyboard.press("Escape");
      // Amounts show as written: "$178,000", never a backslash or typeset maths between two of them.
      if (!/\$\d/.test(shown)) throw new Error(`no $amount in the hover: ${shown.slice(0, 300)}`);
      if (/\\\$/.test(shown)) throw new Error(`a backslash shows before a $: ${shown.slice(0, 300)}`);
      if ((await hover.locator(".katex, math").count()) > 0) throw new Error("the hover typesets maths");
    });
  }

  if (!capabilities.codeActionProvider) {
    skip("server has no code actions yet (initialize did not advertise codeActionProvider): decline quick fix not tested");
  } else {
    await check("the decline code action inserts a ```email decline draft", async () => {
      // Open the opened journal's problem from the Problems panel (the editor takes focus with
      // the flagged amount selected), then ask for quick fixes, as a user would. The panel also
      // lists the copy beside it, whose row would open (and edit) the copy instead.
      await (await problemRow(page, journalName, "below-floor")).dblclick();
      await page.locator(".tab.active").filter({ hasText: journalName }).waitFor();
      await page.locator(".monaco-editor.focused").first().waitFor();
      await page.keyboard.press("Control+.");
      const menu = page.locator(".action-widget");
      await menu.waitFor();
      const item = menu.locator(".monaco-list-row").filter({ hasText: /decline/i }).first();
      await item.waitFor({ timeout: 10_000 });
      console.log(`  quick fix: ${normalise(await item.innerText()).trim()}`);
      await item.click({ force: true });
      await page.waitForTimeout(500);
      await page.keyboard.press("Control+S");
      const deadline = Date.now() + 15_000;
      let onDisk = readFileSync(journal, "utf8");
      while (!onDisk.includes("```email decline") && Date.now() < deadline) {
        await page.waitForTimeout(250);
        onDisk = readFileSync(journal, "utf8");
      }
      if (!onDisk.includes("```email decline")) throw new Error("the saved file has no ```email decline block");
      // And the editor shows it: go to the draft's line and read the rendered lines.
      await goToLine(page, onDisk.split("\n").findIndex((l) => l.includes("```email decline")) + 1);
      const shown = normalise(await page.locator(".monaco-editor .view-lines").first().innerText());
      if (!shown.includes("```email decline")) throw new Error(`the editor does not show the draft: ${shown.slice(0, 300)}`);
    });
  }


  await check("the rule link in the Problems panel opens the rule's page, rendered, from the server", async () => {
    await page.keyboard.press("Control+Shift+M");
    const row = page.locator(".markers-panel .monaco-list-row").filter({ hasText: "below-floor" }).first();
    await row.waitFor();
    const link = row.locator("a, .monaco-link").filter({ hasText: "below-floor" }).first();
    const href = await link.getAttribute("href").catch(() => null);
    console.log(`  link: ${href ?? "(no href attribute)"}`);
    await link.click();
    // Rendered: in the Markdown preview's webview, without Markdown's ** around the words.
    const text = await waitForRendered(page, /Fires when/, "the below-floor page, rendered");
    if (/\*\*Fires when\*\*/.test(text)) throw new Error("the page shows as Markdown source, not rendered");
    if (!/allow: below-floor/.test(text)) throw new Error(`not the below-floor page: ${text.slice(-300)}`);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("W"); // close the preview and the page
  });

  await check("the compare code lens opens the comparison, rendered", async () => {
    await page.locator(".explorer-folders-view").getByText(journalName, { exact: true }).first().click();
    await page.locator(".tab.active").filter({ hasText: journalName }).waitFor();
    await goToLine(page, 1);
    const lens = page.locator(".codelens-decoration a").filter({ hasText: /Show the offer's numbers|Compare \d+ offers/ }).first();
    await lens.waitFor({ timeout: 15_000 });
    console.log(`  lens: ${normalise(await lens.innerText())}`);
    await lens.click();
    const text = await waitForRendered(page, /Offer\s+Status\s+Year 1/, "the comparison table");
    if (/\|\s*Offer\s*\|/.test(text)) throw new Error("the comparison shows as Markdown source, not a table");
    if (/\\\$/.test(text)) throw new Error("a backslash shows before a $ in the comparison");
    await page.keyboard.press("Control+K");
    await page.keyboard.press("W");
    await page.locator(".explorer-folders-view").getByText(journalName, { exact: true }).first().click();
  });

  await check("Offer Notes: Open Decision Report shows the report beside the journal, in a webview", async () => {
    await page.locator(".explorer-folders-view").getByText(journalName, { exact: true }).first().click();
    await page.locator(".tab.active").filter({ hasText: journalName }).waitFor();
    await page.keyboard.press("F1");
    const input = page.locator(".quick-input-widget .quick-input-box input").first();
    await input.waitFor();
    await input.click();
    await input.press("End");
    await input.pressSequentially("Offer Notes: Open Decision Report", { delay: 10 });
    await page.locator(".quick-input-list .monaco-list-row").filter({ hasText: "Open Decision Report" }).first().waitFor();
    await page.keyboard.press("Enter");
    // the webview's page sits in nested iframes: read its <h1> from whichever frame holds it
    const deadline = Date.now() + 30_000;
    let heading;
    while (!heading) {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const h1 = await frame.locator("h1").first().innerText({ timeout: 500 }).catch(() => undefined);
        if (h1 && /Decision report/.test(h1) && (await frame.locator("svg.chart").count()) >= 3) heading = h1;
      }
      if (!heading && Date.now() > deadline) {
        throw new Error(`no report in a webview within 30 s; the frames read ${JSON.stringify((await framesText(page)).slice(-300))}`);
      }
      if (!heading) await page.waitForTimeout(300);
    }
    console.log(`  webview heading: ${heading}`);
    const tab = page.locator(".tab").filter({ hasText: /Decision report/ }).first();
    await tab.waitFor({ timeout: 5000 });
    // an edit to the journal reaches the open report (its title line is shown under the heading)
    await goToLine(page, 1);
    await page.keyboard.press("End");
    await page.keyboard.type(" (edited)");
    await waitForRendered(page, /October 2026 \(edited\)/, "the report refreshed after an edit", 15_000);
    console.log("  refreshed after an edit");
    await page.keyboard.press("Control+Z");
    await page.keyboard.press("Control+K");
    await page.keyboard.press("W");
    await page.locator(".explorer-folders-view").getByText(journalName, { exact: true }).first().click();
  });

  // Show the flagged amount in the editor for the picture, as clicking the problem does.
  await problemRow(page, journalName, "below-floor")
    .then((row) => row.click())
    .catch(() => undefined);
  await page.waitForTimeout(500);
  // The documentation's picture only from a run that passed; otherwise keep it beside the logs.
  const picture = results.failed === 0 ? screenshot : path.join(work, "final.png");
  mkdirSync(path.dirname(picture), { recursive: true });
  await page.screenshot({ path: picture });
  console.log(`screenshot: ${picture}`);

  // Last, so the tabs the checks above use stay as they were.
  await check(`${markdownName} opens as offer-notes too (not Markdown)`, async () => {
    await page.locator(".explorer-folders-view").getByText(markdownName, { exact: true }).first().click();
    await page.locator(".tab.active").filter({ hasText: markdownName }).waitFor();
    await page.locator("#status\\.editor\\.mode").filter({ hasText: "Offer Notes" }).waitFor({ timeout: 15_000 });
  });

  await check("a missing server is one plain-text notice whose action opens the setting", async () => {
    // Point offerNotes.server.path somewhere empty: the extension restarts its client and says what
    // to do instead.
    writeFileSync(
      path.join(workspace, ".vscode", "settings.json"),
      JSON.stringify({ "offerNotes.server.path": path.join(work, "no-such-offer-notes") }),
    );
    const toast = page.locator(".notifications-toasts .notification-toast").filter({ hasText: "offerNotes.server.path" });
    await toast.first().waitFor({ state: "visible", timeout: 20_000 });
    const text = normalise(await toast.first().innerText()).replace(/\s+/g, " ");
    console.log(`  notification: ${text.slice(0, 240)}`);
    if (text.includes("`")) throw new Error(`raw backticks in the notice: ${text}`);
    // one notice about the server; a request the old client had in flight when the setting
    // restarted it can fail on its own ("Request textDocument/codeLens failed."), which is the
    // restart's, not the missing server's (seen once in three CI runs; the extension now logs
    // such failures instead of showing them — OfferNotesClient — and this filter stays as a guard)
    const count = await page
      .locator(".notifications-toasts .notification-toast")
      .filter({ hasText: "Offer Notes" })
      .filter({ hasNotText: /Request \S+ failed/ })
      .count();
    if (count !== 1) throw new Error(`${count} Offer Notes notices`);
    await toast.first().getByRole("button", { name: "Open Setting" }).click();
    const search = page.locator(".settings-editor .suggest-input-container, .settings-editor .settings-header-widget").first();
    await search.waitFor({ timeout: 15_000 });
    await page.locator(".settings-editor").getByText("Server: Path").first().waitFor({ timeout: 15_000 });
  });

}

/**
 * The Problems panel's rows in their order: a file's row (`file`, no `marker`) is followed by
 * its problems' rows, each `{ file, marker: { code, line, column }, index }` with the file it
 * sits under. The list renders rows out of order in the DOM: `data-index` is their place.
 */
async function problemRows(page) {
  const rows = await page.locator(".markers-panel .monaco-list-row").evaluateAll((elements) =>
    elements.map((e) => ({
      index: Number(e.getAttribute("data-index")),
      level: Number(e.getAttribute("aria-level")),
      text: e.innerText,
    })),
  );
  rows.sort((a, b) => a.index - b.index);
  let file;
  return rows.map((row) => {
    const text = normalise(row.text);
    if (row.level === 1) {
      file = text.trim().split(/\s+/)[0]; // the name; its folder, if shown, follows it
      return { index: row.index, file };
    }
    // "… offer-notes(below-floor) [Ln 38, Col 38]"; the code is a link when the rule has a doc page.
    const m = text.match(/offer-notes\s*\(?\s*([a-z0-9-]+)\s*\)?\s*\[Ln (\d+), Col (\d+)\]/);
    return { index: row.index, file, marker: m ? { code: m[1], line: Number(m[2]), column: Number(m[3]) } : undefined };
  });
}

/** The row of `file`'s first problem with this code, as a locator. */
async function problemRow(page, file, code) {
  const row = (await problemRows(page)).find((r) => r.file === file && r.marker?.code === code);
  if (!row) throw new Error(`the Problems panel lists no ${code} under ${file}`);
  return page.locator(`.markers-panel .monaco-list-row[data-index="${row.index}"]`);
}

/** Ctrl+G, as a user would: the editor scrolls the line into view and puts the caret on it. */
async function goToLine(page, line) {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget .quick-input-box input").first().waitFor({ state: "visible" });
  await page.keyboard.type(String(line));
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

try {
  await main();
} catch (error) {
  fail("e2e run", error instanceof Error ? error.stack ?? error.message : String(error));
} finally {
  await browser?.close().catch(() => undefined);
  if (codeServerProcess) {
    codeServerProcess.kill("SIGTERM");
  }
  if (results.failed > 0) {
    console.log("--- code-server log (tail) ---");
    console.log(log.join("").split("\n").slice(-40).join("\n"));
  }
}

const skipped = results.skipped > 0 ? `, ${results.skipped} skipped` : "";
console.log(`${results.passed} passed, ${results.failed} failed${skipped}`);
process.exit(results.failed > 0 || results.passed === 0 ? 1 : 0);
