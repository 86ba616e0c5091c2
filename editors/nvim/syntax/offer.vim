" Vim syntax file
" Language:    offer-notes journal (*.offer, *.offer.md)
" Used when the server's semantic tokens are off or the server is not running; the same pieces as
" the VS Code TextMate grammar (editors/vscode/syntaxes/offer-notes.tmLanguage.json).

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syntax case ignore

" Values (contained in key lines and drafts)
syntax match offerMoney /\%([$€£¥]\s\?\d\%([0-9,._ ]*\d\)\?\%(\s\?[km]\>\)\?\)/ contained
syntax match offerMoney /\<\%(USD\|EUR\|GBP\|CHF\|CAD\|AUD\|NZD\|JPY\|SEK\|NOK\|DKK\|PLN\|CZK\|INR\|SGD\|HKD\|CNY\|BRL\|MXN\|ZAR\|ILS\)\s\?\d\%([0-9,._]*\d\)\?\%(\s\?[km]\>\)\?/ contained
syntax match offerMoney /\<\d\%([0-9,._]*\d\)\?\%(\s\?[km]\)\?\s\?\%(USD\|EUR\|GBP\|CHF\|CAD\|AUD\|NZD\|JPY\|SEK\|NOK\|DKK\|PLN\|CZK\|INR\|SGD\|HKD\|CNY\|BRL\|MXN\|ZAR\|ILS\)\>/ contained
syntax match offerNumber   /\<\d\%([0-9,._]*\d\)\?\%(\s\?[km]\>\)\?/ contained
syntax match offerPercent  /\<\d\+\%(\.\d\+\)\?\s\?%/ contained
syntax match offerDuration /\<\d\+\%(\.\d\+\)\?\s\?\%(days\?\|weeks\?\|months\?\|years\?\|yrs\?\|mo\|[ywd]\)\>/ contained
syntax match offerDate     /\<\d\{4}-\d\{2}-\d\{2}\>/ contained
syntax match offerBasis   /\%(\%(\d\|[km]\)\s\+\)\@<=\%(base\|total\)\>/ contained
syntax keyword offerVesting over contained
syntax match offerVesting   +/\s\?\%(yr\|year\)\>+ contained

syntax cluster offerValues contains=offerMoney,offerPercent,offerDuration,offerDate,offerBasis,offerVesting,offerNumber

" Headings: `#` title, `##` an offer section (optional `Offer:` prefix), `###`+ prose headings
syntax match offerTitle   /^#\s.*$/
syntax match offerSection /^##\s.*$/ contains=offerSectionPrefix
syntax match offerSectionPrefix /^##\s\+\zsoffer\s*:/ contained
syntax match offerHeading /^###\+\s.*$/

" Key lines: optional list marker, key, colon. Only recognised keys; `word: text` prose stays plain.
let s:lead = '^\s*\%([-*+]\s\+\)\?'
execute 'syntax match offerValueLine /' . s:lead . '\%(floor\|wish\|runway\|decision[-_]date\|raise[-_]rate\|anchor[-_]years\|today\|role\|recruiter\|hiring[-_]manager\|referred[-_]by\|location\|base\|bonus\|equity\|sign[-_]on\|pto\|review\)\s*:.*$/ contains=offerKey,@offerValues'
execute 'syntax match offerKey /' . s:lead . '\zs[a-z][a-z_-]*\ze\s*:/ contained'

execute 'syntax match offerStatusLine /' . s:lead . 'status\s*:.*$/ contains=offerKey,offerStatusOpen,offerStatusCommitted,offerStatusClosed'
syntax keyword offerStatusOpen      current live interviewing contained
syntax keyword offerStatusCommitted accepted signed started contained
syntax keyword offerStatusClosed    declined withdrawn rescinded contained

execute 'syntax match offerRatingLine /' . s:lead . '\%(scope\|manager\|team\|growth\|location[-_]fit\|equity[-_]quality\)\s*:.*$/ contains=offerKey,offerRatingStrong,offerRatingOk,offerRatingWeak'
syntax match offerRatingStrong /:\s*\zs\%(strong\|+\)\ze\s*$/ contained
syntax match offerRatingOk     /:\s*\zs\%(ok\|=\)\ze\s*$/ contained
syntax match offerRatingWeak   /:\s*\zs\%(weak\|-\)\ze\s*$/ contained

execute 'syntax match offerYesNoLine /' . s:lead . 'in[-_]writing\s*:.*$/ contains=offerKey,offerBoolean'
syntax keyword offerBoolean yes no contained

execute 'syntax match offerAllowLine /' . s:lead . 'allow\s*:.*$/ contains=offerKey,offerRuleCode'
syntax match offerRuleCode /:\@<!\<[a-z][a-z0-9]*\%(-[a-z0-9]\+\)*\>/ contained

" counter DATE: asked MONEY, got MONEY
execute 'syntax match offerCounterLine /' . s:lead . 'counter\s\+\d\{4}-\d\{2}-\d\{2}\s*:.*$/ contains=offerCounterKey,offerDate,offerMoney,offerCounterWord'
syntax match offerCounterKey /\<counter\>\ze\s\+\d/ contained
syntax keyword offerCounterWord asked got contained

" decision DATE: walk|accept|counter|wait
execute 'syntax match offerDecisionLine /' . s:lead . 'decision\s\+\d\{4}-\d\{2}-\d\{2}\s*:.*$/ contains=offerDecisionKey,offerDate,offerDecisionWalk,offerDecisionAccept,offerDecisionPending'
syntax match offerDecisionKey /\<decision\>\ze\s\+\d/ contained
syntax match offerDecisionWalk    /:\s*\zswalk\>/ contained
syntax match offerDecisionAccept  /:\s*\zsaccept\>/ contained
syntax match offerDecisionPending /:\s*\zs\%(counter\|wait\)\>/ contained

" walk: / stay: reasons
execute 'syntax match offerWalkLine /' . s:lead . 'walk\s*:.*$/ contains=offerWalkKey'
execute 'syntax match offerWalkKey /' . s:lead . '\zswalk\ze\s*:/ contained'
execute 'syntax match offerStayLine /' . s:lead . 'stay\s*:.*$/ contains=offerStayKey'
execute 'syntax match offerStayKey /' . s:lead . '\zsstay\ze\s*:/ contained'

" Inline code first: the fences below are defined later, so they win where a line starts with ```.
syntax region offerInlineCode start=/`/ end=/`/ oneline

" Drafts: ```email decline|renege|resign|counter … ```
syntax region offerCode  matchgroup=offerFence start=/^\s*```.*$/ end=/^\s*```\s*$/ keepend
syntax region offerCode  matchgroup=offerFence start=/^\s*\~\~\~.*$/ end=/^\s*\~\~\~\s*$/ keepend
syntax region offerDraft matchgroup=offerFence start=/^\s*```\s*email\>.*$/ end=/^\s*```\s*$/ keepend contains=offerMoney,offerPercent,offerDate,offerPlaceholder
syntax region offerDraft matchgroup=offerFence start=/^\s*\~\~\~\s*email\>.*$/ end=/^\s*\~\~\~\s*$/ keepend contains=offerMoney,offerPercent,offerDate,offerPlaceholder
syntax match offerPlaceholder /{{\s*[A-Za-z0-9_.-]\+\s*}}/ contained

syntax region offerComment start=/<!--/ end=/-->/

highlight default link offerTitle          Title
highlight default link offerSection        Title
highlight default link offerSectionPrefix  Keyword
highlight default link offerHeading        Title
highlight default link offerKey            Identifier
highlight default link offerMoney          Number
highlight default link offerNumber         Number
highlight default link offerPercent        Number
highlight default link offerDuration       Number
highlight default link offerDate           Constant
highlight default link offerBasis          Keyword
highlight default link offerVesting        Keyword
highlight default link offerStatusOpen     Constant
highlight default link offerStatusCommitted Special
highlight default link offerStatusClosed   Comment
highlight default link offerRatingStrong   DiffAdd
highlight default link offerRatingOk       Constant
highlight default link offerRatingWeak     DiffDelete
highlight default link offerBoolean        Boolean
highlight default link offerRuleCode       Label
highlight default link offerCounterKey     Identifier
highlight default link offerCounterWord    Keyword
highlight default link offerDecisionKey    Identifier
highlight default link offerDecisionWalk   WarningMsg
highlight default link offerDecisionAccept DiffAdd
highlight default link offerDecisionPending Constant
highlight default link offerWalkKey        WarningMsg
highlight default link offerWalkLine       String
highlight default link offerStayKey        Statement
highlight default link offerStayLine       String
highlight default link offerFence          Delimiter
highlight default link offerDraft          String
highlight default link offerPlaceholder    Special
highlight default link offerCode           String
highlight default link offerInlineCode     String
highlight default link offerComment        Comment

" Journals are short, and a draft's fence can be far above: always parse from the top.
syntax sync fromstart

let b:current_syntax = 'offer'

let &cpo = s:cpo_save
unlet s:cpo_save
