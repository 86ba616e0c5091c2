-- Journals are `*.offer` and `*.offer.md`; the second must beat Markdown's `*.md`, hence a pattern
-- with a priority above the extension table.
vim.filetype.add({
  extension = { offer = "offer" },
  pattern = { [".*%.offer%.md"] = { "offer", { priority = 10 } } },
})
