-- Buffer settings for offer journals: Markdown-flavoured prose with `key: value` lines.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = "<!-- %s -->"
vim.bo.comments = "b:-,b:*"
vim.bo.formatoptions = vim.bo.formatoptions:gsub("t", "") .. "nqj"
vim.bo.suffixesadd = ".offer"
vim.opt_local.spell = false

vim.b.undo_ftplugin = "setlocal commentstring< comments< formatoptions< suffixesadd< spell<"
