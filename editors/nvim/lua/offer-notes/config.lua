-- Options for the offer-notes client, and how they become an LSP client configuration.
-- The server reads the same object from `initializationOptions` and from the `offerNotes`
-- section of `workspace/configuration`.

local M = {}

---@class OfferNotesSettings
---@field raiseRate? number       assumed yearly raise, percent (server default 3.5)
---@field anchorYears? integer    years the accepted number anchors you, 1–10 (server default 4)
---@field smallGapPercent? number a gap up to this percent is "small" (server default 5)
---@field disabledRules? string[] rule codes never reported
---@field severity? table<string, "error"|"warning"|"information"|"hint"|"off">

---@class OfferNotesOptions
---@field cmd? string[]            the server command; default { <server_path or "offer-notes">, "lsp" }
---@field server_path? string      path to the offer-notes binary (default: found on $PATH)
---@field filetypes? string[]
---@field root_markers? string[]
---@field settings? OfferNotesSettings
---@field diagnostics? false|{ virtual_text?: boolean|table, virtual_lines?: boolean|table }
---   how offer buffers show diagnostics (false: leave vim.diagnostic.config alone)
---@field codelens? boolean       show the compare code lens (refreshed on open, save and leaving insert)
---@field on_attach? fun(client: vim.lsp.Client, bufnr: integer)
---@field capabilities? table

---@type OfferNotesOptions
M.defaults = {
  cmd = nil,
  server_path = nil,
  filetypes = { "offer" },
  root_markers = { "offer-notes.toml", ".git" },
  -- Left empty so the server's own defaults (and offer-notes.toml) apply; set keys to override.
  settings = vim.empty_dict(),
  -- The message beside the line it is about; Neovim ≥ 0.11 shows neither by default.
  diagnostics = { virtual_text = true, virtual_lines = false },
  codelens = true,
}

M.install_hint = "Install it from the offer-notes repository with `cargo install --path .`, "
  .. "or run `cargo build --release` and pass server_path = '/path/to/target/release/offer-notes' to setup()."

---@param opts OfferNotesOptions
---@return string[]
function M.command(opts)
  if opts.cmd then
    return opts.cmd
  end
  local bin = opts.server_path and vim.fn.expand(opts.server_path) or "offer-notes"
  return { bin, "lsp" }
end

---@param opts OfferNotesOptions
---@return vim.lsp.Config
function M.lsp_config(opts)
  local settings = opts.settings or vim.empty_dict()
  return {
    cmd = M.command(opts),
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    init_options = settings,
    settings = { offerNotes = settings },
    on_attach = opts.on_attach,
    -- push, as lsp/offer_notes.lua says why (unopened journals reach Neovim only by push)
    capabilities = vim.tbl_deep_extend(
      "force",
      { textDocument = { diagnostic = vim.NIL } },
      opts.capabilities or {}
    ),
  }
end

return M
