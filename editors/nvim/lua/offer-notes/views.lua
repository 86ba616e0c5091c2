-- What the server's links and commands show in Neovim: a rule's page (`offer-notes://rule/CODE`, the
-- link every diagnostic carries) and the comparison (the compare code lens), each a read-only
-- Markdown scratch buffer filled from the server's `workspace/executeCommand` answer.

local M = {}

M.NAME = "offer_notes"
M.SCHEME = "offer-notes"
M.EXPLAIN = "offer-notes.explain"
M.COMPARE = "offer-notes.compare"
M.REPORT = "offer-notes.report"

local function client_for(bufnr)
  local clients = vim.lsp.get_clients({ bufnr = bufnr, name = M.NAME })
  if #clients == 0 then
    clients = vim.lsp.get_clients({ name = M.NAME })
  end
  return clients[1]
end

local function notify(message)
  vim.notify("offer-notes: " .. message, vim.log.levels.WARN)
end

--- Ask the server to run `command`; `on_result(markdown)` with its answer.
---@param command string
---@param arguments any[]
---@param bufnr integer|nil
---@param on_result fun(markdown: string)
function M.execute(command, arguments, bufnr, on_result)
  local client = client_for(bufnr or vim.api.nvim_get_current_buf())
  if not client then
    notify("the language server is not running; open a journal first")
    return
  end
  local params = { command = command, arguments = arguments }
  local function handler(err, result)
    if err then
      notify(err.message or tostring(err))
    elseif type(result) ~= "string" then
      notify(("%s gave no text"):format(command))
    else
      on_result(result)
    end
  end
  if vim.fn.has("nvim-0.11") == 1 then
    client:request("workspace/executeCommand", params, handler, bufnr)
  else
    client.request("workspace/executeCommand", params, handler, bufnr)
  end
end

local function buffer_named(name)
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(buf) == name then
      return buf
    end
  end
end

--- Put `markdown` in `buf`: read-only, filetype markdown, not a file.
function M.fill(buf, markdown)
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].swapfile = false
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(markdown, "\n", { plain = true, trimempty = true }))
  vim.bo[buf].modifiable = false
  vim.bo[buf].modified = false
  vim.bo[buf].filetype = "markdown"
end

--- Show `markdown` in the scratch buffer called `name` (in a split, or the window already showing it).
---@return integer buf
function M.show(name, markdown)
  local buf = buffer_named(name)
  if not buf then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, name)
  end
  M.fill(buf, markdown)
  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd("split")
    vim.api.nvim_win_set_buf(0, buf)
  else
    vim.api.nvim_set_current_win(win)
  end
  return buf
end

--- The rule code an `offer-notes://rule/CODE` link (or a bare code) names.
function M.rule_code(link)
  return (link:gsub("^" .. vim.pesc(M.SCHEME .. "://rule/"), ""):gsub("%.md$", ""))
end

--- Open a rule's page: `code` is a code or an `offer-notes://rule/CODE` link.
function M.explain(code)
  code = M.rule_code(vim.trim(code))
  M.execute(M.EXPLAIN, { code }, nil, function(markdown)
    M.show(("%s://rule/%s"):format(M.SCHEME, code), markdown)
  end)
end

--- The rule of the diagnostic under the cursor (its link's code), if any.
function M.rule_at_cursor()
  local row = vim.api.nvim_win_get_cursor(0)[1] - 1
  for _, d in ipairs(vim.diagnostic.get(0, { lnum = row })) do
    local lsp = d.user_data and d.user_data.lsp or {}
    if d.source == "offer-notes" and d.code then
      local href = lsp.codeDescription and lsp.codeDescription.href
      return href and href:find("^" .. vim.pesc(M.SCHEME) .. "://") and href or tostring(d.code)
    end
  end
end

--- The comparison of the journal in `bufnr` (what the compare lens runs).
function M.compare(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local uri = vim.uri_from_bufnr(bufnr)
  M.execute(M.COMPARE, { uri }, bufnr, function(markdown)
    local name = vim.fs.basename(vim.api.nvim_buf_get_name(bufnr))
    M.show(("%s://compare/%s.md"):format(M.SCHEME, name), markdown)
  end)
end

--- The decision report of the journal in `bufnr` (`:OfferNotesReport`): the server's HTML written
--- to a temporary file, opened with `vim.ui.open` (the system's browser).
function M.report(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local uri = vim.uri_from_bufnr(bufnr)
  M.execute(M.REPORT, { uri }, bufnr, function(html)
    local path = vim.fn.tempname() .. "-offer-notes-report.html"
    local file, err = io.open(path, "w")
    if not file then
      notify(("cannot write the report to %s: %s"):format(path, err))
      return
    end
    file:write(html)
    file:close()
    local _, open_err = vim.ui.open(path)
    if open_err then
      notify(("the report is in %s, but it could not be opened: %s"):format(path, open_err))
    end
  end)
end

--- Commands, the code lens's command, `:edit offer-notes://rule/CODE` and `gx` on such a link.
function M.register()
  vim.api.nvim_create_user_command("OfferNotesExplain", function(args)
    local code = args.args ~= "" and args.args or M.rule_at_cursor()
    if not code then
      notify("no rule code given and no offer-notes diagnostic on this line")
      return
    end
    M.explain(code)
  end, {
    nargs = "?",
    desc = "Show an offer-notes rule's page (default: the diagnostic's rule on this line)",
  })
  vim.api.nvim_create_user_command("OfferNotesCompare", function()
    M.compare(0)
  end, { desc = "Compare the journal's offers side by side" })
  vim.api.nvim_create_user_command("OfferNotesReport", function()
    M.report(0)
  end, { desc = "Open the journal's decision report (HTML) in the browser" })

  -- The compare code lens (`vim.lsp.codelens.run()`): show the server's answer.
  vim.lsp.commands[M.COMPARE] = function(command, ctx)
    local uri = command.arguments and command.arguments[1]
    local bufnr = uri and vim.uri_to_bufnr(uri) or ctx.bufnr
    M.compare(bufnr)
  end

  local group = vim.api.nvim_create_augroup("offer-notes-links", { clear = true })
  vim.api.nvim_create_autocmd("BufReadCmd", {
    group = group,
    pattern = M.SCHEME .. "://rule/*",
    callback = function(args)
      local code = M.rule_code(args.match)
      M.execute(M.EXPLAIN, { code }, nil, function(markdown)
        if vim.api.nvim_buf_is_valid(args.buf) then
          M.fill(args.buf, markdown)
        end
      end)
    end,
  })

  if not M.original_open then
    M.original_open = vim.ui.open
    ---@diagnostic disable-next-line: duplicate-set-field
    vim.ui.open = function(path, opt)
      if type(path) == "string" and path:find("^" .. vim.pesc(M.SCHEME) .. "://rule/") then
        M.explain(path)
        return nil, nil
      end
      return M.original_open(path, opt)
    end
  end
end

return M
