---@brief
---
--- offer-notes: diagnostics, hovers and drafts for plain-text job-offer decision journals
--- (`*.offer`, `*.offer.md`).
---
--- Install the server with `cargo install --locked offer-notes` (or `:MasonInstall offer-notes`), and
--- make `*.offer` files filetype `offer`:
--- ```lua
--- vim.filetype.add({ extension = { offer = "offer" }, pattern = { [".*%.offer%.md"] = "offer" } })
--- ```
--- (the offer-notes Neovim plugin, `editors/nvim`, does this and more: rule pages, the compare lens,
--- diagnostics' text in the buffer).
---
--- Settings (`settings.offerNotes`, also sent as `init_options`): `raiseRate`, `anchorYears`,
--- `smallGapPercent`, `disabledRules`, `severity`, and `docsUrl` (init_options only) to point rule
--- links somewhere other than `offer-notes://rule/CODE`.
---
--- Standalone, in nvim-lspconfig's style: Neovim ≥ 0.11 reads it from 'runtimepath' for
--- `vim.lsp.enable("offer_notes")`; `require("offer-notes").setup()` merges its options over it.

---@type vim.lsp.Config
return {
  cmd = { "offer-notes", "lsp" },
  filetypes = { "offer" },
  root_markers = { "offer-notes.toml", ".git" },
  init_options = vim.empty_dict(),
  -- Push, not pull: the server pulls-or-pushes per client, and Neovim 0.10/0.11 pulls only the
  -- buffers it has open (no automatic `workspace/diagnostic`), so pulling would hide the
  -- workspace's unopened journals, which the server pushes to a push client.
  capabilities = { textDocument = { diagnostic = vim.NIL } },
  settings = { offerNotes = vim.empty_dict() },
}
