-- End-to-end test of editors/nvim in headless Neovim ≥ 0.11 against the real `offer-notes lsp`.
-- Run by editors/test/e2e-nvim.sh:  nvim --headless -u editors/test/nvim/init.lua -c 'luafile …/e2e.lua'
--
--   E2E_JOURNAL       the journal to open (copied to a scratch dir first: code actions edit it)
--   E2E_EXPECT_CODES  comma-separated rule codes that must be among the diagnostics
--   OFFER_NOTES_BIN   the server binary (also run as `check --format json` to compare)
--
-- Prints PASS/FAIL/SKIP lines and a final "N passed, N failed[, N skipped]"; exits non-zero on failure.

local results = { passed = 0, failed = 0, skipped = 0 }
local started = vim.uv.hrtime()

local function say(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

local function elapsed()
  return ("%.1fs"):format((vim.uv.hrtime() - started) / 1e9)
end

local function skip(reason)
  results.skipped = results.skipped + 1
  say("SKIP: " .. reason)
end

--- Runs one named check; an error inside is that check's failure, not the whole run's.
local function check(name, body)
  local ok, err = xpcall(body, function(e)
    return tostring(e)
  end)
  if ok then
    results.passed = results.passed + 1
    say(("PASS %s (%s)"):format(name, elapsed()))
  else
    results.failed = results.failed + 1
    say(("FAIL %s: %s (%s)"):format(name, err, elapsed()))
  end
  return ok
end

local function finish()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop()
  end
  vim.wait(1000, function()
    return #vim.lsp.get_clients() == 0
  end, 50)
  local skipped = results.skipped > 0 and (", %d skipped"):format(results.skipped) or ""
  say(("%d passed, %d failed%s"):format(results.passed, results.failed, skipped))
  if results.failed > 0 or results.passed == 0 then
    vim.cmd("cquit 1")
  else
    vim.cmd("qall!")
  end
end

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
end

-- ---- the journal, in a scratch copy --------------------------------------------------------------
local source = assert(os.getenv("E2E_JOURNAL"), "E2E_JOURNAL is not set")
local scratch = vim.fn.tempname()
vim.fn.mkdir(scratch, "p")
local journal = scratch .. "/" .. vim.fs.basename(source)
assert(vim.uv.fs_copyfile(source, journal))
local expect_codes = vim.split(os.getenv("E2E_EXPECT_CODES") or "below-floor", ",", { trimempty = true })

check("*.offer and *.offer.md are filetype offer (and *.md stays markdown)", function()
  assert(vim.filetype.match({ filename = "a.offer" }) == "offer", "a.offer")
  assert(vim.filetype.match({ filename = "a.offer.md" }) == "offer", "a.offer.md")
  assert(vim.filetype.match({ filename = "a.md" }) == "markdown", "a.md")
end)

vim.cmd.edit(vim.fn.fnameescape(journal))
local buf = vim.api.nvim_get_current_buf()

check(("%s opens with filetype offer"):format(vim.fs.basename(journal)), function()
  assert(vim.bo[buf].filetype == "offer", "filetype is " .. vim.bo[buf].filetype)
end)

check("syntax/offer.vim highlights the floor's amount (for when semantic tokens are off)", function()
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = line:match("^%s*[Ff]loor%s*:%s*()")
    if col then
      local group = vim.fn.synIDattr(vim.fn.synID(i, col, 1), "name")
      assert(group == "offerMoney", ("line %d col %d is %q"):format(i, col, group))
      return
    end
  end
  error("no floor: line in the journal")
end)

local client
local attached = check("the offer_notes client starts `offer-notes lsp` and attaches", function()
  local ok = vim.wait(15000, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = "offer_notes" })[1]
    return client ~= nil and client.initialized == true
  end, 50)
  assert(ok, "no initialized offer_notes client within 15 s")
end)

if not attached then
  return finish()
end

local function codes_of(diagnostics)
  local seen = {}
  for _, d in ipairs(diagnostics) do
    seen[d.code] = true
  end
  return seen
end

--- "code@line:character" from the LSP diagnostic itself (0-based, UTF-16, as the server sent it).
local function positions(diagnostics)
  local out = {}
  for _, d in ipairs(diagnostics) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local start = lsp.range and lsp.range.start or { line = d.lnum, character = d.col }
    table.insert(out, ("%s@%d:%d"):format(tostring(d.code), start.line, start.character))
  end
  table.sort(out)
  return out
end

local below_floor
check('diagnostics arrive: below-floor says "below your floor", every one from source offer-notes', function()
  local ok = vim.wait(20000, function()
    return codes_of(vim.diagnostic.get(buf))["below-floor"] == true
  end, 100)
  local diagnostics = vim.diagnostic.get(buf)
  assert(ok, ("no below-floor diagnostic within 20 s; got: %s"):format(table.concat(positions(diagnostics), " ")))
  for _, d in ipairs(diagnostics) do
    assert(d.source == "offer-notes", ("source %q on %s"):format(tostring(d.source), tostring(d.code)))
    if d.code == "below-floor" then
      below_floor = below_floor or d
    end
  end
  assert(below_floor.message:find("below your floor", 1, true), "below-floor message: " .. below_floor.message)
  say("  below-floor: " .. below_floor.message)
end)

check("the editor shows what `offer-notes check` reports (codes and LSP positions)", function()
  local run = vim.system({ os.getenv("OFFER_NOTES_BIN"), "check", "--format", "json", journal }, { text = true }):wait()
  assert(run.code == 0 or run.code == 1, ("check exited %d: %s"):format(run.code, run.stderr))
  local cli = {}
  for _, d in ipairs(vim.json.decode(run.stdout)) do
    table.insert(cli, ("%s@%d:%d"):format(d.code, d.range.start.line, d.range.start.character))
  end
  table.sort(cli)
  local editor = positions(vim.diagnostic.get(buf))
  say("  editor: " .. table.concat(editor, " "))
  assert(vim.deep_equal(cli, editor), "check --format json says: " .. table.concat(cli, " "))
end)

check(("the journal's expected codes are reported: %s"):format(table.concat(expect_codes, ", ")), function()
  local seen = codes_of(vim.diagnostic.get(buf))
  local missing = {}
  for _, code in ipairs(expect_codes) do
    if not seen[code] then
      table.insert(missing, code)
    end
  end
  assert(#missing == 0, "missing " .. table.concat(missing, ", "))
end)

check("diagnostics show their message in the buffer by default (virtual text)", function()
  assert(below_floor, "no below-floor diagnostic")
  local want = below_floor.message:sub(1, 20)
  local ok = vim.wait(5000, function()
    for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(buf, -1, 0, -1, { details = true, type = "virt_text" })) do
      for _, chunk in ipairs(mark[4].virt_text or {}) do
        if chunk[1]:find(want, 1, true) then
          return true
        end
      end
    end
    return false
  end, 50)
  assert(ok, ("no virtual text with %q on line %d"):format(want, below_floor.lnum + 1))
end)

-- ---- hover on an amount ----------------------------------------------------------------------------
local function first_amount()
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = line:match("^%s*[-*]?%s*[Bb]ase%s*:%s*()")
    if col then
      return i, col - 1
    end
  end
end

local function floating_text()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= "" then
      return buffer_text(vim.api.nvim_win_get_buf(win)), win
    end
  end
end

if not client.server_capabilities.hoverProvider then
  skip("server has no hover yet (initialize did not advertise hoverProvider)")
else
  check("hover on an amount shows the anchoring projection (contains \"Year\")", function()
    local row, col = first_amount()
    assert(row, "no `base:` line to hover")
    vim.api.nvim_set_current_buf(buf)
    vim.api.nvim_win_set_cursor(0, { row, col + 1 })
    vim.lsp.buf.hover()
    local text
    local ok = vim.wait(10000, function()
      text = floating_text()
      return text ~= nil and text ~= ""
    end, 50)
    assert(ok, "no hover window within 10 s")
    local _, win = floating_text()
    say("  hover: " .. text:gsub("\n", " ⏎ "):sub(1, 160))
    assert(text:find("Year", 1, true), "hover text has no \"Year\": " .. text)
    -- Amounts are `\$178,000` in the Markdown, so two on a line are never `$…$` maths; the float
    -- conceals the backslash, so the screen reads `$178,000`.
    vim.treesitter.get_parser(vim.api.nvim_win_get_buf(win), "markdown"):parse(true)
    local maths = {}
    vim.treesitter.get_parser(vim.api.nvim_win_get_buf(win), "markdown"):for_each_tree(function(t, ltree)
      if ltree:lang() == "markdown_inline" and t:root():sexpr():find("latex_block", 1, true) then
        table.insert(maths, t:root():sexpr())
      end
    end)
    assert(#maths == 0, "the hover's Markdown has $…$ maths: " .. table.concat(maths, " "))
    -- What shows: the float conceals (conceallevel 2) the backslash of every `\$`.
    local fbuf = vim.api.nvim_win_get_buf(win)
    assert(vim.wo[win].conceallevel >= 2, "the hover float does not conceal")
    local escapes, hidden = 0, 0
    for row, line in ipairs(vim.api.nvim_buf_get_lines(fbuf, 0, -1, false)) do
      for col in line:gmatch("()\\%$") do
        escapes = escapes + 1
        for _, c in ipairs(vim.treesitter.get_captures_at_pos(fbuf, row - 1, col - 1)) do
          if c.metadata.conceal == "" then
            hidden = hidden + 1
            break
          end
        end
      end
    end
    say(("  %d escaped dollars, %d backslashes concealed"):format(escapes, hidden))
    assert(escapes > 0 and hidden == escapes, ("%d of %d backslashes before $ show"):format(escapes - hidden, escapes))
    vim.api.nvim_win_close(win, true)
  end)
end

-- ---- code action: the decline draft ------------------------------------------------------------
if not client.server_capabilities.codeActionProvider then
  skip("server has no code actions yet (initialize did not advertise codeActionProvider)")
else
  check("the decline code action inserts a ```email decline draft", function()
    assert(below_floor, "no below-floor diagnostic to put the cursor on")
    vim.api.nvim_set_current_buf(buf)
    vim.api.nvim_win_set_cursor(0, { below_floor.lnum + 1, below_floor.col })
    local titles, chosen = {}, {}
    local function is_decline(action)
      table.insert(titles, action.title)
      local match = action.title:lower():find("decline", 1, true) ~= nil
      if match then
        table.insert(chosen, action.title)
      end
      return match
    end
    -- Several decline-ish actions would open a picker: choose the first, as a user would.
    vim.ui.select = function(items, _, on_choice)
      for i, item in ipairs(items) do
        local action = item.action or item
        if action.title and action.title:lower():find("decline", 1, true) then
          return on_choice(item, i)
        end
      end
      on_choice(nil, nil)
    end
    vim.lsp.buf.code_action({ filter = is_decline, apply = true })
    local ok = vim.wait(10000, function()
      return buffer_text(buf):find("```email decline", 1, true) ~= nil
    end, 50)
    assert(ok, "no ```email decline block after the action; actions offered: " .. table.concat(titles, " | "))
    say("  offered: " .. table.concat(titles, " | "))
    say("  applied: " .. table.concat(chosen, " | "))
  end)
end


-- ---- rule links and the compare lens --------------------------------------------------------------
local function wait_for_buffer(name, want)
  local found
  local ok = vim.wait(10000, function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_get_name(b) == name and buffer_text(b):find(want, 1, true) then
        found = b
        return true
      end
    end
    return false
  end, 50)
  assert(ok, ("no buffer %s containing %q within 10 s"):format(name, want))
  return found
end

check("a diagnostic's link is offer-notes://rule/CODE and gx on it opens the rule's page from the server", function()
  assert(below_floor, "no below-floor diagnostic")
  local href = below_floor.user_data.lsp.codeDescription.href
  assert(href == "offer-notes://rule/below-floor", "href: " .. tostring(href))
  -- gx on the link, as in a hover or a note: put it in a scratch buffer and press gx on it.
  local note = vim.api.nvim_create_buf(true, true)
  vim.api.nvim_buf_set_lines(note, 0, -1, false, { "see " .. href })
  vim.api.nvim_set_current_buf(note)
  vim.api.nvim_win_set_cursor(0, { 1, 6 })
  vim.cmd("normal gx")
  local page = wait_for_buffer(href, "allow: below-floor")
  assert(vim.bo[page].filetype == "markdown", "filetype " .. vim.bo[page].filetype)
  assert(not vim.bo[page].modifiable, "the page is editable")
  say("  page: " .. vim.api.nvim_buf_get_lines(page, 0, 1, false)[1])
  vim.cmd("only")
  vim.api.nvim_set_current_buf(buf)
end)

check(":OfferNotesExplain on a diagnostic's line opens its rule's page", function()
  vim.api.nvim_set_current_buf(buf)
  vim.api.nvim_win_set_cursor(0, { below_floor.lnum + 1, below_floor.col })
  -- the page from the gx check is gone (bufhidden=wipe); ask again
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(b):find("^offer%-notes://") then
      vim.api.nvim_buf_delete(b, { force = true })
    end
  end
  vim.cmd("OfferNotesExplain")
  local page = wait_for_buffer("offer-notes://rule/below-floor", "Fires when")
  assert(vim.fn.bufwinid(page) ~= -1, "the page is not in a window")
  vim.cmd("only")
  vim.api.nvim_set_current_buf(buf)
end)

check("the compare code lens is shown and running it opens the comparison", function()
  vim.api.nvim_set_current_buf(buf)
  local lenses
  local ok = vim.wait(10000, function()
    lenses = vim.lsp.codelens.get(buf)
    return #lenses > 0
  end, 50)
  assert(ok, "no code lens within 10 s")
  local lens = lenses[1]
  say("  lens: " .. lens.command.title)
  vim.api.nvim_win_set_cursor(0, { lens.range.start.line + 1, 0 })
  vim.lsp.codelens.run()
  local name = ("offer-notes://compare/%s.md"):format(vim.fs.basename(journal))
  local shown = wait_for_buffer(name, "| Offer |")
  local text = buffer_text(shown)
  assert(text:find("%$%d") or text:find("\\%$%d"), "no amounts in the comparison: " .. text)
  vim.cmd("only")
  vim.api.nvim_set_current_buf(buf)
end)

check(":OfferNotesReport writes the decision report to a file and opens it with vim.ui.open", function()
  vim.api.nvim_set_current_buf(buf)
  local opened
  local original = vim.ui.open
  ---@diagnostic disable-next-line: duplicate-set-field
  vim.ui.open = function(path)
    opened = path
    return nil, nil
  end
  vim.cmd("OfferNotesReport")
  local ok = vim.wait(10000, function()
    return opened ~= nil
  end, 50)
  vim.ui.open = original
  assert(ok, "vim.ui.open was not called within 10 s")
  assert(opened:match("%.html$"), "not an HTML file: " .. opened)
  local html = table.concat(vim.fn.readfile(opened), "\n")
  assert(html:find("<h1>Decision report</h1>", 1, true), "no report heading in " .. opened)
  assert(html:find('<meta name="generator" content="offer-notes decision report', 1, true), "no generator marker")
  assert(not html:find("<script", 1, true), "a script in the report")
  say(("  report: %s (%d bytes)"):format(opened, #html))
  os.remove(opened)
end)

-- ---- the rest of the plugin ------------------------------------------------------------------------
check(":checkhealth offer-notes finds the server and the filetype", function()
  vim.cmd("silent checkhealth offer-notes")
  local text = buffer_text(vim.api.nvim_get_current_buf())
  vim.cmd("bwipeout!")
  assert(text:find("server: ", 1, true), "no server line: " .. text)
  assert(not text:find("ERROR", 1, true), text)
  assert(text:find("detected as filetype `offer`", 1, true), text)
end)

check("lsp/offer_notes.lua is a standalone nvim-lspconfig-style config with the plugin's defaults", function()
  local file = vim.api.nvim_get_runtime_file("lsp/offer_notes.lua", false)[1]
  assert(file, "lsp/offer_notes.lua is not on 'runtimepath'")
  local code = vim.tbl_filter(function(line)
    return not line:match("^%s*%-%-")
  end, vim.fn.readfile(file))
  assert(not table.concat(code, "\n"):find("require%("), "it requires the plugin's modules, so it cannot live in nvim-lspconfig")
  local default = dofile(file)
  local plugin = require("offer-notes.config").lsp_config(require("offer-notes.config").defaults)
  for _, key in ipairs({ "cmd", "filetypes", "root_markers", "init_options", "settings" }) do
    assert(vim.deep_equal(default[key], plugin[key]), ("%s: %s vs the plugin's %s"):format(key, vim.inspect(default[key]), vim.inspect(plugin[key])))
  end
  assert(vim.deep_equal(default.cmd, { "offer-notes", "lsp" }), vim.inspect(default.cmd))
end)

check("the mason package installs this version of offer-notes and names the lspconfig config", function()
  local file = os.getenv("E2E_NVIM_PLUGIN") .. "/../mason/packages/offer-notes/package.yaml"
  local yaml = table.concat(vim.fn.readfile(file), "\n")
  local version = vim.system({ os.getenv("OFFER_NOTES_BIN"), "--version" }, { text = true }):wait().stdout
  version = version:match("(%d+%.%d+%.%d+)")
  assert(yaml:find("\nname: offer%-notes\n"), "name")
  local id = yaml:match("\n%s+id: (pkg:cargo/[^\n]+)")
  assert(id == "pkg:cargo/offer-notes@" .. version, ("source id %s, server version %s"):format(tostring(id), version))
  assert(yaml:find("\n%s+offer%-notes: cargo:offer%-notes"), "bin offer-notes")
  local lspconfig = yaml:match("\n%s+lspconfig: (%S+)")
  assert(vim.api.nvim_get_runtime_file(("lsp/%s.lua"):format(lspconfig), false)[1], "no lsp/" .. tostring(lspconfig) .. ".lua")
  for _, key in ipairs({ "description", "homepage", "licenses", "languages", "categories", "source", "bin" }) do
    assert(yaml:find("\n" .. key .. ":"), "no " .. key)
  end
end)

-- The rule the second setup() disables: one the first buffer showed, other than below-floor.
local disabled_rule = "quadrant"
for code in pairs(codes_of(vim.diagnostic.get(buf))) do
  if code ~= "below-floor" then
    disabled_rule = code
    break
  end
end
local legacy_diagnostics

-- Neovim 0.10 has no vim.lsp.config/enable: setup() then starts the client on FileType with
-- vim.lsp.start. Only 0.11 is installable here, so take that path by hiding 0.11 from setup().
check("the Neovim 0.10 path (vim.lsp.start on FileType) attaches and gets diagnostics", function()
  vim.lsp.enable("offer_notes", false)
  for _, c in ipairs(vim.lsp.get_clients({ name = "offer_notes" })) do
    c:stop(true)
  end
  vim.wait(2000, function()
    return #vim.lsp.get_clients({ name = "offer_notes" }) == 0
  end, 50)
  local has = vim.fn.has
  vim.fn.has = function(feature)
    if feature == "nvim-0.11" then
      return 0
    end
    return has(feature)
  end
  local ok, err = pcall(require("offer-notes").setup, {
    server_path = os.getenv("OFFER_NOTES_BIN"),
    settings = { disabledRules = { disabled_rule } },
  })
  vim.fn.has = has
  assert(ok, err)
  local copy = scratch .. "/legacy-" .. vim.fs.basename(journal)
  assert(vim.uv.fs_copyfile(source, copy))
  vim.cmd.edit(vim.fn.fnameescape(copy))
  local legacy_buf = vim.api.nvim_get_current_buf()
  local attached_ok = vim.wait(15000, function()
    return #vim.lsp.get_clients({ bufnr = legacy_buf, name = "offer_notes" }) > 0
      and #vim.diagnostic.get(legacy_buf) > 0
  end, 50)
  assert(attached_ok, "no offer_notes client with diagnostics on the 0.10 path")
  assert(vim.api.nvim_get_autocmds({ group = "offer-notes", event = "FileType" })[1], "no FileType autocmd")
  legacy_diagnostics = vim.diagnostic.get(legacy_buf)
end)

check(("setup({ settings = { disabledRules = { %q } } }) reaches the server"):format(disabled_rule), function()
  assert(legacy_diagnostics, "the 0.10-path buffer got no diagnostics")
  local seen = codes_of(legacy_diagnostics)
  assert(seen["below-floor"], "below-floor is gone too: " .. table.concat(positions(legacy_diagnostics), " "))
  assert(not seen[disabled_rule], disabled_rule .. " is still reported: " .. table.concat(positions(legacy_diagnostics), " "))
end)

finish()
