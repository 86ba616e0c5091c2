-- A minimal, isolated init for the headless Neovim e2e test: only editors/nvim on 'runtimepath',
-- set up the way the README's plain-runtimepath install says to.
local plugin = assert(os.getenv("E2E_NVIM_PLUGIN"), "E2E_NVIM_PLUGIN is not set")
vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"
vim.cmd("filetype plugin indent on")
vim.cmd("syntax on")

require("offer-notes").setup({
  server_path = assert(os.getenv("OFFER_NOTES_BIN"), "OFFER_NOTES_BIN is not set"),
  settings = { raiseRate = 3.5, anchorYears = 4 },
})
