#!/usr/bin/env node
// A TEST DOUBLE for `offer-notes lsp`, used only to check the editor e2e harnesses themselves
// (editors/test/e2e-*.sh with OFFER_NOTES_BIN=editors/test/stub/offer-notes-stub.mjs) while the
// real server is still growing. It knows one rule (below-floor, from `floor:` and `base:` lines),
// one hover (a projection table) and one code action (a decline draft). It is not the product:
// never point an editor at it for real use.
//
// OFFER_NOTES_STUB_FEATURES=diagnostics  → advertise no hover / code actions (like an early server).

import { readFileSync } from "node:fs";

const command = process.argv[2];
if (command !== "lsp" && command !== "check") {
  console.error("offer-notes-stub: only `lsp` and `check --format json FILE` are supported");
  process.exit(2);
}
const diagnosticsOnly = process.env.OFFER_NOTES_STUB_FEATURES === "diagnostics";
const documents = new Map();
let buffer = Buffer.alloc(0);

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

const money = /\$\s?(\d[\d,]*)(k?)/i;
function parseMoney(text) {
  const m = money.exec(text);
  if (!m) return undefined;
  const value = Number(m[1].replace(/,/g, "")) * (m[2] ? 1000 : 1);
  return { value, start: m.index, end: m.index + m[0].length };
}
const dollars = (n) => `$${Math.round(n).toLocaleString("en-US")}`;

function analyse(text) {
  const lines = text.split(/\r?\n/);
  let floor;
  let section;
  const offers = [];
  lines.forEach((line, i) => {
    const heading = /^##\s+(?:Offer:\s*)?(.*?)\s*$/.exec(line);
    if (heading && !line.startsWith("###")) {
      section = { name: heading[1], line: i, end: lines.length, recruiter: undefined };
      offers.push(section);
      return;
    }
    const kv = /^\s*(?:-\s+)?([a-z][a-z_-]*)\s*:\s*(.*)$/i.exec(line);
    if (!kv) return;
    const key = kv[1].toLowerCase().replace(/_/g, "-");
    if (key === "floor" && !section) floor = parseMoney(kv[2]);
    if (section && key === "recruiter") section.recruiter = kv[2].trim();
    if (section && key === "base") {
      const amount = parseMoney(line);
      if (amount) section.base = { ...amount, line: i };
    }
  });
  offers.forEach((offer, k) => {
    offer.end = k + 1 < offers.length ? offers[k + 1].line : lines.length;
  });
  return { lines, floor, offers };
}

function diagnostics(text) {
  const { floor, offers } = analyse(text);
  const result = [];
  for (const offer of offers) {
    if (!floor || !offer.base || offer.base.value >= floor.value) continue;
    const gap = ((floor.value - offer.base.value) / floor.value) * 100;
    result.push({
      range: {
        start: { line: offer.base.line, character: offer.base.start },
        end: { line: offer.base.line, character: offer.base.end },
      },
      severity: 2,
      code: "below-floor",
      source: "offer-notes",
      message: `${dollars(offer.base.value)} is ${gap.toFixed(1)}% below your floor of ${dollars(floor.value)}`,
    });
  }
  return result;
}

function publish(uri) {
  const doc = documents.get(uri);
  send({
    method: "textDocument/publishDiagnostics",
    params: { uri, version: doc.version, diagnostics: diagnostics(doc.text) },
  });
}

function hover(uri, position) {
  const { lines, floor } = analyse(documents.get(uri).text);
  const amount = parseMoney(lines[position.line] ?? "");
  if (!amount || position.character < amount.start || position.character > amount.end || !floor) return null;
  const rows = [1, 2, 3, 4].map((year) => {
    const gap = (floor.value - amount.value) * Math.pow(1.035, year - 1);
    return `| ${year} | ${dollars(gap)} |`;
  });
  return {
    contents: { kind: "markdown", value: ["(stub) anchoring projection", "", "| Year | gap to floor |", "|---|---|", ...rows].join("\n") },
  };
}

function codeActions(uri, range) {
  const { lines, offers } = analyse(documents.get(uri).text);
  const offer = offers.find((o) => range.start.line >= o.line && range.start.line < o.end);
  if (!offer) return [];
  const name = offer.recruiter ?? "there";
  const draft = [
    "",
    "```email decline",
    `Hi ${name},`,
    "",
    `Thank you for the offer to join ${offer.name}. After careful thought I have decided not to accept it.`,
    "I enjoyed meeting the team and would be glad to stay in touch.",
    "```",
    "",
  ].join("\n");
  const at = { line: offer.end, character: 0 };
  const atEnd = offer.end >= lines.length;
  const insert = atEnd ? { line: lines.length - 1, character: lines[lines.length - 1].length } : at;
  return [
    {
      title: `Insert a decline draft for ${offer.name}`,
      kind: "quickfix",
      edit: { changes: { [uri]: [{ range: { start: insert, end: insert }, newText: atEnd ? `\n${draft}` : draft }] } },
    },
  ];
}

function handle(message) {
  const { id, method, params } = message;
  switch (method) {
    case "initialize":
      return send({
        id,
        result: {
          capabilities: {
            textDocumentSync: 1,
            ...(diagnosticsOnly ? {} : { hoverProvider: true, codeActionProvider: true }),
          },
          serverInfo: { name: "offer-notes-stub", version: "0" },
        },
      });
    case "textDocument/didOpen":
      documents.set(params.textDocument.uri, { text: params.textDocument.text, version: params.textDocument.version });
      return publish(params.textDocument.uri);
    case "textDocument/didChange":
      documents.set(params.textDocument.uri, {
        text: params.contentChanges[params.contentChanges.length - 1].text,
        version: params.textDocument.version,
      });
      return publish(params.textDocument.uri);
    case "textDocument/didClose":
      documents.delete(params.textDocument.uri);
      return send({ method: "textDocument/publishDiagnostics", params: { uri: params.textDocument.uri, diagnostics: [] } });
    case "textDocument/hover":
      return send({ id, result: documents.has(params.textDocument.uri) ? hover(params.textDocument.uri, params.position) : null });
    case "textDocument/codeAction":
      return send({ id, result: documents.has(params.textDocument.uri) ? codeActions(params.textDocument.uri, params.range) : [] });
    case "shutdown":
      return send({ id, result: null });
    case "exit":
      return process.exit(0);
    default:
      if (id !== undefined && method !== undefined) {
        send({ id, error: { code: -32601, message: `stub: ${method} not implemented` } });
      }
  }
}

if (command === "check") {
  // `check --format json FILE…`: the same findings as the server would publish.
  const files = process.argv.slice(3).filter((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--format");
  const severities = { 1: "error", 2: "warning", 3: "information", 4: "hint" };
  const found = files.flatMap((file) =>
    diagnostics(readFileSync(file, "utf8")).map((d) => ({
      file, range: d.range, severity: severities[d.severity], code: d.code, message: d.message,
    })),
  );
  console.log(JSON.stringify(found, null, 2));
  process.exit(found.length > 0 ? 1 : 0);
}

process.stdin.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length:\s*(\d+)/i.exec(buffer.subarray(0, headerEnd).toString("ascii"))[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.subarray(headerEnd + 4 + length);
    handle(message);
  }
});
process.stdin.on("end", () => process.exit(0));
