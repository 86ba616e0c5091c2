// The TextMate grammar, tokenized with the same engine VS Code uses (vscode-textmate + oniguruma):
// each case is a journal line and the scope a reader should see on one piece of it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import textmate from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const require = createRequire(import.meta.url);
const here = new URL("..", import.meta.url);

async function loadGrammar() {
  const wasm = await readFile(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => {
      const text = await readFile(new URL("syntaxes/offer-notes.tmLanguage.json", here), "utf8");
      return textmate.parseRawGrammar(text, "offer-notes.tmLanguage.json");
    },
  });
  return registry.loadGrammar("source.offer-notes");
}

/** Tokenize `lines` and return [text, scopes] for every token. */
function tokenize(grammar, lines) {
  let stack = textmate.INITIAL;
  const tokens = [];
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      tokens.push([line.slice(token.startIndex, token.endIndex), token.scopes]);
    }
    stack = result.ruleStack;
  }
  return tokens;
}

function scopesOf(tokens, text) {
  const found = tokens.find(([t]) => t.trim() === text);
  assert.ok(found, `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map(([t]) => t))}`);
  return found[1];
}

const grammar = await loadGrammar();

const cases = [
  // [lines, token text, expected scope prefix]
  [["# Leaving Initech — November 2026"], "Leaving Initech — November 2026", "entity.name.section.title"],
  [["## Acme Robotics"], "Acme Robotics", "entity.name.section.offer"],
  [["## Offer: Acme Robotics"], "Offer", "keyword.other.offer"],
  [["## Offer: Acme Robotics"], "Acme Robotics", "entity.name.section.offer"],
  [["### Notes from the call"], "Notes from the call", "entity.name.section"],
  [["floor: $190k base"], "floor", "variable.other.key"],
  [["floor: $190k base"], "$190k", "constant.numeric.money"],
  [["floor: $190k base"], "base", "keyword.other.basis"],
  [["Floor: $190k base"], "Floor", "variable.other.key"],
  [["- base: $172,000"], "$172,000", "constant.numeric.money"],
  [["base: 172000 USD"], "172000 USD", "constant.numeric.money"],
  [["base: €95.000"], "€95.000", "constant.numeric.money"],
  [["base: £80k"], "£80k", "constant.numeric.money"],
  [["base: 1.2m USD"], "1.2m USD", "constant.numeric.money"],
  [["base: 172_000"], "172_000", "constant.numeric"],
  [["bonus: 10%"], "10%", "constant.numeric.percent"],
  [["raise-rate: 3.5 %"], "3.5 %", "constant.numeric.percent"],
  [["runway: 4 months"], "4 months", "constant.numeric.duration"],
  [["runway: 4y"], "4y", "constant.numeric.duration"],
  [["decision-date: 2026-12-01"], "2026-12-01", "constant.numeric.date"],
  [["decision_date: 2026-12-01"], "decision_date", "variable.other.key"],
  [["equity: $160k over 4 years"], "over", "keyword.other.vesting"],
  [["equity: $160k over 4 years"], "4 years", "constant.numeric.duration"],
  [["status: live"], "live", "constant.language.status.open"],
  [["status: signed"], "signed", "constant.language.status.committed"],
  [["status: declined"], "declined", "constant.language.status.closed"],
  [["scope: strong"], "strong", "constant.language.rating.strong"],
  [["manager: weak"], "weak", "constant.language.rating.weak"],
  [["team: ok"], "ok", "constant.language.rating.ok"],
  [["growth: +"], "+", "constant.language.rating.strong"],
  [["in-writing: yes"], "yes", "constant.language.boolean"],
  [["counter 2026-11-15: asked $195k, got $178k"], "counter", "keyword.other.key.counter"],
  [["counter 2026-11-15: asked $195k, got $178k"], "2026-11-15", "constant.numeric.date"],
  [["counter 2026-11-15: asked $195k, got $178k"], "asked", "keyword.other.counter-round"],
  [["counter 2026-11-15: asked $195k, got $178k"], "$178k", "constant.numeric.money"],
  [["decision 2026-11-21: walk"], "walk", "constant.language.decision.walk"],
  [["decision 2026-11-21: accept"], "accept", "constant.language.decision.accept"],
  [["- walk: I'm tired of interviewing"], "walk", "keyword.control.walk"],
  [["- walk: I'm tired of interviewing"], "I'm tired of interviewing", "string.unquoted.reason.walk"],
  [["- stay: the team is excellent"], "stay", "keyword.control.stay"],
  [["- stay: the team is excellent"], "the team is excellent", "string.unquoted.reason.stay"],
  [["allow: quadrant, small-gap"], "quadrant", "support.constant.rule-code"],
  [["```email decline", "Hi Dana, thank you for the $178k offer.", "```"], "email", "entity.name.type.draft"],
  [["```email decline", "Hi Dana, thank you for the $178k offer.", "```"], "decline", "variable.parameter.draft-kind"],
  [["```email decline", "Hi Dana, thank you for the $178k offer.", "```"], "$178k", "constant.numeric.money"],
];

for (const [lines, text, scope] of cases) {
  test(`${JSON.stringify(lines.at(-1) === "```" ? lines[1] : lines[0])} → ${text} is ${scope}`, () => {
    const scopes = scopesOf(tokenize(grammar, lines), text);
    assert.ok(
      scopes.some((s) => s.startsWith(scope) && s.endsWith(".offer-notes")),
      `${text}: ${scopes.join(" ")}`,
    );
  });
}

test("a prose line with a colon is not a key", () => {
  const tokens = tokenize(grammar, ["Note to self: the recruiter said yes to remote."]);
  for (const [, scopes] of tokens) {
    assert.ok(!scopes.some((s) => s.startsWith("variable.other.key")), scopes.join(" "));
  }
});

test("an email block ends at its closing fence and the grammar resumes", () => {
  const tokens = tokenize(grammar, ["```email decline", "status: live", "```", "status: live"]);
  const statuses = tokens.filter(([t]) => t.includes("live"));
  assert.equal(statuses.length, 2, JSON.stringify(tokens));
  assert.ok(!statuses[0][1].some((s) => s.startsWith("constant.language.status")), "inside the draft: prose");
  assert.ok(statuses[1][1].some((s) => s.startsWith("constant.language.status")), "after the draft: a status");
});
