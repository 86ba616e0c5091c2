; extends
; offer-notes: hovers write amounts as `\$178,000` so that two of them on a line are never read as
; `$…$` maths; where the float conceals (conceallevel 2), show them as `$178,000`, as
; nvim-treesitter's own markdown_inline queries do for every backslash escape.
((backslash_escape) @conceal
  (#offset! @conceal 0 0 0 -1)
  (#set! conceal ""))
