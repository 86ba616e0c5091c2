// Where the `offer-notes` binary is and which settings it receives. Kept free of the `vscode`
// module's runtime so it can be unit-tested with plain Node (`npm test`).

import { access, constants, stat } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

/**
 * What to do about a missing server, as plain text: VS Code notifications show backticks and most
 * other Markdown raw, so none is used here.
 */
export const INSTALL_HINT =
  "Install the build of this extension made for your platform (it carries the server), " +
  "or put the offer-notes binary on PATH (the offer-notes README says how to build it), " +
  "or set Offer Notes › Server: Path to an offer-notes binary.";

const BINARY = process.platform === "win32" ? "offer-notes.exe" : "offer-notes";

/** Where the server came from, for the output channel. */
export type Source = "setting" | "bundled" | "PATH";

export type Resolved =
  | { kind: "found"; path: string; source: Source }
  | { kind: "missing"; reason: string };

export interface ResolveContext {
  workspaceFolder?: string;
  env: NodeJS.ProcessEnv;
  /** The extension's own folder: a platform build carries the server in `server/`. */
  extensionPath?: string;
}

/** The server shipped inside a platform-specific `.vsix`. */
export function bundledServerPath(extensionPath: string): string {
  return path.join(extensionPath, "server", BINARY);
}

/** The configured path (expanded), else the bundled binary, else `offer-notes` on PATH. */
export async function resolveServerPath(
  configured: string | null,
  context: ResolveContext,
): Promise<Resolved> {
  if (configured && configured.trim() !== "") {
    const expanded = expandPath(configured.trim(), context);
    if (await isExecutable(expanded)) {
      return { kind: "found", path: expanded, source: "setting" };
    }
    return {
      kind: "missing",
      reason: `the setting offerNotes.server.path is ${expanded}, which is not an executable file.`,
    };
  }
  if (context.extensionPath) {
    const bundled = bundledServerPath(context.extensionPath);
    if (await isExecutable(bundled)) {
      return { kind: "found", path: bundled, source: "bundled" };
    }
  }
  const onPath = await findOnPath(BINARY, context.env);
  if (onPath) {
    return { kind: "found", path: onPath, source: "PATH" };
  }
  return {
    kind: "missing",
    reason:
      "the offer-notes language server was not found: offerNotes.server.path is not set, " +
      "this build of the extension carries no server, and there is none on PATH.",
  };
}

export function expandPath(value: string, context: ResolveContext): string {
  let expanded = value;
  if (expanded === "~" || expanded.startsWith("~/")) {
    expanded = path.join(os.homedir(), expanded.slice(1));
  }
  if (context.workspaceFolder) {
    expanded = expanded.replace(/\$\{workspaceFolder\}/g, context.workspaceFolder);
  }
  if (!path.isAbsolute(expanded) && context.workspaceFolder) {
    expanded = path.join(context.workspaceFolder, expanded);
  }
  return expanded;
}

export async function findOnPath(binary: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter((dir) => dir !== "");
  // `cargo install` puts binaries here even when the shell that started VS Code did not add it to PATH.
  const cargoHome = env.CARGO_HOME ?? path.join(os.homedir(), ".cargo");
  dirs.push(path.join(cargoHome, "bin"));
  for (const dir of dirs) {
    const candidate = path.join(dir, binary);
    if (await isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      return false;
    }
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The settings keys the server understands (client-only keys stay here). */
export const SERVER_KEYS = [
  "raiseRate",
  "anchorYears",
  "smallGapPercent",
  "disabledRules",
  "severity",
] as const;

interface SettingsReader {
  get<T>(section: string): T | undefined;
  /** VS Code's `WorkspaceConfiguration.inspect`: where a value was set, if anywhere. */
  inspect?<T>(section: string): { globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined;
}

/**
 * What the server gets (`initializationOptions`, and the answer to `workspace/configuration`):
 * the `offerNotes` section without `server.*` and `trace.*`. With `inspect`, only the values the
 * person set (user, workspace or folder settings): a default sent along would win over the same
 * setting in the nearest `offer-notes.toml`, which editor settings rank above.
 */
export function serverSettings(config: SettingsReader): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const set = config.inspect?.<unknown>(key);
    const value = config.inspect
      ? (set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue)
      : config.get<unknown>(key);
    if (value !== undefined) {
      settings[key] = value;
    }
  }
  return settings;
}

/**
 * vscode-jsonrpc's codes for a request whose connection went away: ConnectionInactive ("Client
 * is not running") and PendingResponseRejected ("… since connection got disposed").
 */
const CONNECTION_GONE = [-32096, -32097];

/** The language client a failed request came from, as `isRestartNoise` needs to know it. */
export interface RequestingClient {
  /** It is still the extension's client (not one being stopped or already replaced). */
  current: boolean;
  /** It has been stopped or is stopping (not merely still starting). */
  stopped: boolean;
}

/**
 * Whether a failed request is only the noise of a restart — the server path setting changed, or
 * Restart Server ran — and so is logged to the output channel, not shown as an error: it was
 * asked by a client that is stopping or has been replaced (the old server answers whatever it
 * still had after `shutdown` with an error), or it failed because its connection went away.
 * Any other failure is a real one and is shown as before.
 */
export function isRestartNoise(error: unknown, client: RequestingClient): boolean {
  if (!client.current || client.stopped) {
    return true;
  }
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === "number" && CONNECTION_GONE.includes(code)) {
    return true;
  }
  const message = error instanceof Error ? error.message : String(error ?? "");
  return /Client is not running|connection got disposed/i.test(message);
}
