// Where the `offer-notes` binary is and which settings it receives. Kept free of the `vscode`
// module's runtime so it can be unit-tested with plain Node (`npm test`).

import { access, constants, stat } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

export const INSTALL_HINT =
  "Install it from the offer-notes repository with `cargo install --path .`, " +
  "or run `cargo build --release` and set `offerNotes.server.path` to target/release/offer-notes.";

const BINARY = process.platform === "win32" ? "offer-notes.exe" : "offer-notes";

export type Resolved = { kind: "found"; path: string } | { kind: "missing"; reason: string };

export interface ResolveContext {
  workspaceFolder?: string;
  env: NodeJS.ProcessEnv;
}

/** The configured path (expanded), else `offer-notes` on PATH. */
export async function resolveServerPath(
  configured: string | null,
  context: ResolveContext,
): Promise<Resolved> {
  if (configured && configured.trim() !== "") {
    const expanded = expandPath(configured.trim(), context);
    if (await isExecutable(expanded)) {
      return { kind: "found", path: expanded };
    }
    return {
      kind: "missing",
      reason: `offerNotes.server.path is set to ${expanded}, which is not an executable file.`,
    };
  }
  const onPath = await findOnPath(BINARY, context.env);
  if (onPath) {
    return { kind: "found", path: onPath };
  }
  return { kind: "missing", reason: "the `offer-notes` language server was not found on PATH." };
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
