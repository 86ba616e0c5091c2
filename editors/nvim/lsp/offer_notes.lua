-- Default configuration for `vim.lsp.config('offer_notes')` / `vim.lsp.enable('offer_notes')`
-- (Neovim ≥ 0.11 reads `lsp/<name>.lua` from 'runtimepath'). `require('offer-notes').setup()`
-- merges your options over these.
return require("offer-notes.config").lsp_config(require("offer-notes.config").defaults)
