// The VS Code client for offer-notes: finds the `offer-notes` binary, starts `offer-notes lsp`
// over stdio, and passes the `offerNotes` settings through. All analysis lives in the server.

import * as vscode from "vscode";
import {
  CancellationToken,
  DidChangeConfigurationNotification,
  ErrorHandler,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  MessageSignature,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { isRestartNoise, resolveServerPath, serverSettings, INSTALL_HINT } from "./server";
import { debouncer, messagePage, withContentSecurityPolicy } from "./report";

const LANGUAGE_ID = "offer-notes";
// The client id also names the trace setting: `offerNotes.trace.server`.
const CLIENT_ID = "offerNotes";
// Rule links (`offer-notes://rule/CODE`) and the comparison (`offer-notes://compare/…?<journal URI>`)
// are virtual Markdown documents whose text the server gives (`workspace/executeCommand`).
const SCHEME = "offer-notes";
const EXPLAIN_COMMAND = "offer-notes.explain";
const COMPARE_COMMAND = "offer-notes.compare";
const REPORT_COMMAND = "offer-notes.report";
// Open decision reports, by their journal's URI; each refreshes when its journal changes.
const reports = new Map<string, vscode.WebviewPanel>();
const refreshLater = debouncer(400);

let client: LanguageClient | undefined;

/**
 * The language client, quiet about its own restarts: when the server path setting changes (or
 * Restart Server runs) the old client is stopped while VS Code still has requests in flight
 * (code lenses, hovers), and the stock client shows each one that fails as an error
 * ("Request textDocument/codeLens failed."). Those failures go to the output channel instead;
 * any other failure is shown as before.
 */
class OfferNotesClient extends LanguageClient {
  private restartNoise(error: unknown): boolean {
    return isRestartNoise(error, { current: client === this, stopped: this.state === State.Stopped });
  }

  override handleFailedRequest<T>(
    type: MessageSignature,
    token: CancellationToken | undefined,
    error: unknown,
    defaultValue: T,
    showNotification?: boolean,
  ): T {
    if (this.restartNoise(error)) {
      const message = error instanceof Error ? error.message : String(error);
      output?.appendLine(`offer-notes: ${type.method} was not answered while the server restarted (${message})`);
      return defaultValue;
    }
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification);
  }

  // Writing to a server that is being stopped can fail too ("connection to server is erroring"):
  // logged, not shown, when it is the restart's.
  override createDefaultErrorHandler(maxRestartCount?: number): ErrorHandler {
    const stock = super.createDefaultErrorHandler(maxRestartCount);
    return {
      error: async (error, message, count) => {
        const result = await stock.error(error, message, count);
        return this.restartNoise(error) ? { ...result, handled: true } : result;
      },
      closed: () => stock.closed(),
    };
  }
}
let output: vscode.OutputChannel | undefined;
let extensionPath: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Offer Notes");
  extensionPath = context.extensionPath;
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand("offerNotes.restartServer", async () => {
      await stopClient();
      await startClient();
    }),
    vscode.commands.registerCommand("offerNotes.showOutput", () => output?.show(true)),
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent }),
    vscode.commands.registerCommand("offerNotes.explainRule", async (code?: string) => {
      const rule = code ?? (await vscode.window.showInputBox({ prompt: "Rule code, e.g. below-floor" }));
      if (rule) {
        await showMarkdown(vscode.Uri.parse(`${SCHEME}://rule/${rule.trim()}`));
      }
    }),
    vscode.commands.registerCommand("offerNotes.openReport", (uri?: vscode.Uri) => openReport(uri)),
    // Only the open report's refresh waits for a pause in typing; diagnostics never do.
    vscode.workspace.onDidChangeTextDocument((event) => {
      const key = event.document.uri.toString();
      const panel = reports.get(key);
      if (panel) refreshLater(key, () => void showReport(key, panel));
    }),
    // A rule link followed from the Problems panel or a hover opens the page as a text document:
    // show it rendered as well.
    vscode.workspace.onDidOpenTextDocument((document) => void renderIfOurs(document)),
    { dispose: () => void stopClient() },
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("offerNotes.server.path")) {
        await stopClient();
        await startClient();
      } else if (event.affectsConfiguration("offerNotes") && client?.isRunning()) {
        // The server asks for the section again (`workspace/configuration`, answered below).
        const asked = client;
        await asked.sendNotification(DidChangeConfigurationNotification.type, { settings: null }).catch((error) => {
          if (!isRestartNoise(error, { current: client === asked, stopped: asked.state === State.Stopped })) {
            throw error;
          }
        });
      }
    }),
  );

  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration("offerNotes");
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolved = await resolveServerPath(config.get<string | null>("server.path") ?? null, {
    workspaceFolder,
    env: process.env,
    extensionPath: extensionPath,
  });

  if (resolved.kind === "missing") {
    output?.appendLine(`offer-notes: ${resolved.reason}`);
    void showMissingServer(resolved.reason);
    return;
  }

  const from = {
    setting: "from the setting offerNotes.server.path",
    bundled: "bundled with this extension",
    PATH: "found on PATH",
  }[resolved.source];
  output?.appendLine(`offer-notes: using the server ${from}: ${resolved.path}`);
  output?.appendLine(`offer-notes: starting ${resolved.path} lsp`);
  // No `transport` here: with TransportKind.stdio the client appends `--stdio` to the arguments,
  // and `offer-notes lsp` speaks stdio already (and rejects unknown flags).
  const run = { command: resolved.path, args: ["lsp"] };
  const serverOptions: ServerOptions = { run, debug: run };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: LANGUAGE_ID },
      { scheme: "untitled", language: LANGUAGE_ID },
    ],
    outputChannel: output,
    // The same object the server reads from `workspace/configuration`, minus the client-only keys
    // and VS Code's defaults (so the nearest offer-notes.toml applies where nothing is set).
    initializationOptions: serverSettings(config),
    middleware: {
      // The compare lens: the server answers with Markdown, shown rendered beside the journal.
      executeCommand: async (command, args, next) => {
        if (command === COMPARE_COMMAND && typeof args[0] === "string") {
          const journal = vscode.Uri.parse(args[0]);
          const name = journal.path.split("/").pop() ?? "journal";
          await showMarkdown(
            vscode.Uri.from({ scheme: SCHEME, authority: "compare", path: `/${name}.md`, query: args[0] }),
          );
          return undefined;
        }
        if (command === REPORT_COMMAND && typeof args[0] === "string") {
          await openReport(vscode.Uri.parse(args[0]));
          return undefined;
        }
        return next(command, args);
      },
      workspace: {
        configuration: (params, token, next) => {
          if (!params.items.every((item) => item.section === "offerNotes")) {
            return next(params, token);
          }
          return params.items.map((item) => {
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return serverSettings(vscode.workspace.getConfiguration("offerNotes", scope));
          });
        },
      },
    },
  };

  client = new OfferNotesClient(CLIENT_ID, "Offer Notes", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output?.appendLine(`offer-notes: the server failed to start: ${message}`);
    void vscode.window.showErrorMessage(
      `Offer Notes: the language server at ${resolved.path} failed to start (${message}). ${INSTALL_HINT}`,
    );
    client = undefined;
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch {
      // Already stopped or never started: nothing left to clean up.
    }
  }
}

async function showMissingServer(reason: string): Promise<void> {
  const settings = "Open Setting";
  const choice = await vscode.window.showErrorMessage(`Offer Notes: ${reason} ${INSTALL_HINT}`, settings);
  if (choice === settings) {
    // A machine-overridable setting is listed under "Remote" when the extension runs remotely.
    const query = "offerNotes.server.path";
    if (vscode.env.remoteName) {
      await vscode.commands.executeCommand("workbench.action.openRemoteSettings", { query });
    } else {
      await vscode.commands.executeCommand("workbench.action.openSettings", query);
    }
  }
}

/** The text of an `offer-notes:` document, from the running server. */
async function provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
  if (!client?.isRunning()) {
    return `# Offer Notes\n\nThe offer-notes language server is not running, so ${uri.toString(true)} cannot be shown.\n`;
  }
  try {
    if (uri.authority === "rule") {
      const code = uri.path.replace(/^\/+/, "");
      return await client.sendRequest(ExecuteCommandRequest.type, { command: EXPLAIN_COMMAND, arguments: [code] });
    }
    if (uri.authority === "compare") {
      return await client.sendRequest(ExecuteCommandRequest.type, { command: COMPARE_COMMAND, arguments: [uri.query] });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `# Offer Notes\n\n${uri.toString(true)}: ${message}\n`;
  }
  return `# Offer Notes\n\nNothing is shown at ${uri.toString(true)}.\n`;
}

const rendered = new Set<string>();

/** An `offer-notes:` document: Markdown, shown as a preview (once per opening). */
async function renderIfOurs(document: vscode.TextDocument): Promise<void> {
  if (document.uri.scheme !== SCHEME) {
    return;
  }
  if (document.languageId !== "markdown") {
    await vscode.languages.setTextDocumentLanguage(document, "markdown");
  }
  const key = document.uri.toString();
  if (rendered.has(key)) {
    return;
  }
  rendered.add(key);
  setTimeout(() => rendered.delete(key), 2000);
  await vscode.commands.executeCommand("markdown.showPreview", document.uri);
}

/** Open an `offer-notes:` document (the server fills it) and show it rendered. */
async function showMarkdown(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
  await renderIfOurs(document);
}

/** The decision report of `uri` (default: the active journal) in a webview beside it. */
async function openReport(uri?: vscode.Uri): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const journal = uri ?? (active?.languageId === LANGUAGE_ID ? active.uri : undefined);
  if (!journal) {
    void vscode.window.showInformationMessage("Offer Notes: open an offer journal, then run Open Decision Report.");
    return;
  }
  // the server reports on open documents: open it (without showing it) if it is not
  await vscode.workspace.openTextDocument(journal);
  const key = journal.toString();
  let panel = reports.get(key);
  if (panel) {
    panel.reveal(vscode.ViewColumn.Beside, true);
  } else {
    const name = journal.path.split("/").pop() ?? "journal";
    const created = vscode.window.createWebviewPanel(
      "offerNotes.report",
      `Decision report: ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableCommandUris: false, enableFindWidget: true, localResourceRoots: [] },
    );
    reports.set(key, created);
    created.onDidDispose(() => {
      if (reports.get(key) === created) reports.delete(key);
    });
    panel = created;
  }
  await showReport(key, panel);
}

/** Ask the server for the report of the journal `key` and show it under the strict policy. */
async function showReport(key: string, panel: vscode.WebviewPanel): Promise<void> {
  if (!client?.isRunning()) {
    panel.webview.html = messagePage("The offer-notes language server is not running, so the report cannot be made.");
    return;
  }
  try {
    const html: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
      command: REPORT_COMMAND,
      arguments: [key],
    });
    panel.webview.html =
      typeof html === "string" ? withContentSecurityPolicy(html) : messagePage("The server gave no report.");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    panel.webview.html = messagePage(`The report could not be made: ${message}`);
  }
}
