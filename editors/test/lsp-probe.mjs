#!/usr/bin/env node
// Asks an `offer-notes lsp` binary what it can do: sends `initialize`, prints its result
// (capabilities and serverInfo) as one JSON line, then shuts it down. The e2e tests use it to decide whether the
// hover and code-action assertions can run yet (the server grows features step by step).
//
//   node lsp-probe.mjs /path/to/offer-notes   →   {"capabilities":{"hoverProvider":true,...},"serverInfo":{...}}

import { spawn } from "node:child_process";

const bin = process.argv[2];
if (!bin) {
  console.error("usage: lsp-probe.mjs OFFER_NOTES_BIN");
  process.exit(2);
}

const server = spawn(bin, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}

function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const header = buffer.subarray(0, headerEnd).toString("ascii");
    const match = /Content-Length:\s*(\d+)/i.exec(header);
    if (!match) throw new Error(`bad header: ${header}`);
    const length = Number(match[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.subarray(headerEnd + 4 + length);
    if (message.id !== undefined && pending.has(message.id) && message.method === undefined) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
    } else if (message.id !== undefined && message.method !== undefined) {
      // A request from the server (workspace/configuration, registerCapability…): answer emptily.
      const result = message.method === "workspace/configuration" ? (message.params?.items ?? []).map(() => ({})) : null;
      send({ id: message.id, result });
    }
  }
});

const timeout = setTimeout(() => {
  console.error("lsp-probe: no answer to initialize within 20 s");
  server.kill();
  process.exit(1);
}, 20_000);

server.on("error", (error) => {
  console.error(`lsp-probe: cannot start ${bin}: ${error.message}`);
  process.exit(1);
});

try {
  const result = await request("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { hover: { contentFormat: ["markdown", "plaintext"] } } },
    initializationOptions: {},
  });
  send({ method: "initialized", params: {} });
  console.log(JSON.stringify(result ?? {}));
  await request("shutdown", null).catch(() => undefined);
  send({ method: "exit", params: null });
  clearTimeout(timeout);
  setTimeout(() => server.kill(), 500).unref();
} catch (error) {
  console.error(`lsp-probe: initialize failed: ${error.message}`);
  server.kill();
  process.exit(1);
}
