// The VS Code client for offer-notes: finds the `offer-notes` binary, starts `offer-notes lsp`
// over stdio, and passes the `offerNotes` settings through. All analysis lives in the server.

import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";
import { resolveServerPath, serverSettings, INSTALL_HINT } from "./server";

const LANGUAGE_ID = "offer-notes";
// The client id also names the trace setting: `offerNotes.trace.server`.
const CLIENT_ID = "offerNotes";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Offer Notes");
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand("offerNotes.restartServer", async () => {
      await stopClient();
      await startClient();
    }),
    vscode.commands.registerCommand("offerNotes.showOutput", () => output?.show(true)),
    { dispose: () => void stopClient() },
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("offerNotes.server.path")) {
        await stopClient();
        await startClient();
      } else if (event.affectsConfiguration("offerNotes") && client?.isRunning()) {
        // The server asks for the section again (`workspace/configuration`, answered below).
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
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
  });

  if (resolved.kind === "missing") {
    output?.appendLine(`offer-notes: ${resolved.reason}`);
    void showMissingServer(resolved.reason);
    return;
  }

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

  client = new LanguageClient(CLIENT_ID, "Offer Notes", serverOptions, clientOptions);
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
  const copy = "Copy install command";
  const settings = "Set server path";
  const choice = await vscode.window.showErrorMessage(
    `Offer Notes: ${reason} ${INSTALL_HINT}`,
    copy,
    settings,
  );
  if (choice === copy) {
    await vscode.env.clipboard.writeText("cargo install --path .");
    void vscode.window.showInformationMessage(
      "Copied `cargo install --path .` — run it in the offer-notes repository, then run “Offer Notes: Restart Language Server”.",
    );
  } else if (choice === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "offerNotes.server.path");
  }
}
