#!/bin/sh
# Seed the fuzz corpora from the example journals (and the rule fixtures): run from fuzz/.
# check: each journal as it is. edits: each journal, then 0xFF and a short edit script
# (see `EditScript::decode` in tests/props/mod.rs): an encoding byte, then edits of
# flags, start line, start column, end line, end column and an insert.
set -eu
mkdir -p corpus/check corpus/edits
for f in ../examples/*.offer ../tests/fixtures/rules/*.offer; do
    name=$(basename "$f" .offer)
    cp "$f" "corpus/check/seed-$name"
done
for f in ../examples/*.offer; do
    name=$(basename "$f" .offer)
    for enc in 0 1 2; do
        # insert an emoji on line 3, a line break inside it, a range past the end, a full replace
        { cat "$f"; printf '\377'; printf "\\$(printf %03o "$enc")"; \
          printf '\001\003\005\003\005\005\200\003\006\003\007\002\001\077\077\000\000\016'; } \
            > "corpus/edits/seed-$name-$enc"
    done
done
# wire: mutation scripts (see `mangle` in tests/props/wire.rs); the empty script is the
# session as it is, the others cut a length, insert a huge one, and add a lone surrogate
mkdir -p corpus/wire
printf '' > corpus/wire/seed-session
printf '\005\000\040\000\000' > corpus/wire/seed-length
printf '\002\100\000\002' > corpus/wire/seed-huge-length
printf '\003\200\000\013' > corpus/wire/seed-surrogate
