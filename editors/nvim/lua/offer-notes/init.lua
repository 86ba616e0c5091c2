-- offer-notes for Neovim: starts `offer-notes lsp` for `offer` buffers (`*.offer`, `*.offer.md`).
-- Neovim ≥ 0.11 uses vim.lsp.config/vim.lsp.enable; 0.10 falls back to vim.lsp.start on FileType.

local config = require("offer-notes.config")
local views = require("offer-notes.views")

local M = {}

--- The options in force after setup(), for :checkhealth.
---@type OfferNotesOptions|nil
M.options = nil

local NAME = "offer_notes"

---@param bufnr integer
---@param lsp_config vim.lsp.Config
---@return integer|nil client id
local function start_0_10(bufnr, lsp_config)
  local root = vim.fs.root(bufnr, lsp_config.root_markers)
    or vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr))
  return vim.lsp.start({
    name = NAME,
    cmd = lsp_config.cmd,
    root_dir = root,
    init_options = lsp_config.init_options,
    settings = lsp_config.settings,
    on_attach = lsp_config.on_attach,
    capabilities = lsp_config.capabilities,
  }, { bufnr = bufnr })
end

--- How an offer buffer shows what the server says: diagnostics' messages in the text (per the
--- `diagnostics` option, for this client's namespace only) and the code lenses.
---@param options OfferNotesOptions
local function on_attach_views(options)
  local group = vim.api.nvim_create_augroup("offer-notes-attach", { clear = true })
  vim.api.nvim_create_autocmd("LspAttach", {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if not client or client.name ~= NAME then
        return
      end
      if options.diagnostics then
        -- pushed or pulled, whichever the server and the capabilities settled on
        for _, is_pull in ipairs({ false, true }) do
          local ns = vim.lsp.diagnostic.get_namespace(client.id, is_pull)
          vim.diagnostic.config({
            virtual_text = options.diagnostics.virtual_text,
            virtual_lines = options.diagnostics.virtual_lines,
          }, ns)
        end
      end
      if options.codelens and client.server_capabilities.codeLensProvider then
        vim.lsp.codelens.refresh({ bufnr = args.buf })
        vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
          group = group,
          buffer = args.buf,
          callback = function()
            vim.lsp.codelens.refresh({ bufnr = args.buf })
          end,
        })
      end
    end,
  })
end

---@param opts? OfferNotesOptions
function M.setup(opts)
  local options = vim.tbl_deep_extend("force", config.defaults, opts or {})
  M.options = options
  local lsp_config = config.lsp_config(options)
  views.register()
  on_attach_views(options)

  local bin = lsp_config.cmd[1]
  if vim.fn.executable(bin) ~= 1 then
    vim.notify(
      ("offer-notes: the language server `%s` was not found. %s"):format(bin, config.install_hint),
      vim.log.levels.WARN
    )
    return
  end

  if vim.fn.has("nvim-0.11") == 1 then
    vim.lsp.config(NAME, lsp_config)
    vim.lsp.enable(NAME)
    return
  end

  local group = vim.api.nvim_create_augroup("offer-notes", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      start_0_10(args.buf, lsp_config)
    end,
  })
  -- Buffers opened before setup() ran (e.g. `nvim journal.offer` with a lazy-loaded plugin).
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(options.filetypes, vim.bo[buf].filetype) then
      start_0_10(buf, lsp_config)
    end
  end
end

M.client_name = NAME

return M
