-- :checkhealth offer-notes

local M = {}

function M.check()
  local health = vim.health
  local config = require("offer-notes.config")
  health.start("offer-notes")

  if vim.fn.has("nvim-0.11") == 1 then
    health.ok("Neovim ≥ 0.11: using vim.lsp.config / vim.lsp.enable")
  elseif vim.fn.has("nvim-0.10") == 1 then
    health.ok("Neovim 0.10: using vim.lsp.start on FileType")
  else
    health.error("Neovim 0.10 or newer is required")
  end

  local options = require("offer-notes").options
  if not options then
    health.warn("setup() has not been called", { "require('offer-notes').setup()" })
    options = config.defaults
  end

  local cmd = config.command(options)
  if vim.fn.executable(cmd[1]) == 1 then
    local version = vim.trim(vim.fn.system({ cmd[1], "--version" }))
    health.ok(("server: %s (%s)"):format(vim.fn.exepath(cmd[1]), version))
  else
    health.error(("server `%s` not found"):format(cmd[1]), { config.install_hint })
  end

  local ft = vim.filetype.match({ filename = "journal.offer.md" })
  if ft == "offer" then
    health.ok("*.offer and *.offer.md are detected as filetype `offer`")
  else
    health.warn(("*.offer.md is detected as `%s`"):format(ft or "nothing"), {
      "Make sure editors/nvim is on 'runtimepath' before filetype detection runs",
    })
  end
end

return M
