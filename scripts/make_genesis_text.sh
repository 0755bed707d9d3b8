#!/usr/bin/env bash
# Writes the text that `./vgrad train --model transformer` learns from: the Book of Genesis in the King James Version
# (1611; its copyright has long expired), one verse per line without its reference, taken from Debian's bible-kjv
# package (apt-get install bible-kjv). The result is committed; this script says how it was made.
#
#     scripts/make_genesis_text.sh
set -euo pipefail
dst=$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/dev/vgrad/data/text
mkdir -p "$dst"
# -f turns pretty-printing off: one verse per line, "Ge1:1 In the beginning ..."; the reference is cut away.
bible -f Gen1:1-Gen50:26 | sed -E 's/^Ge[0-9]+:[0-9]+ //' > "$dst/genesis-kjv.txt"
cat > "$dst/COPYRIGHT" <<'NOTE'
genesis-kjv.txt: the Book of Genesis, King James Version (1611), in the public domain (Debian's bible-kjv-text
copyright file: "The copyright for the King James Version text of the Bible is expired"). Made by
scripts/make_genesis_text.sh from Debian's bible-kjv package.
NOTE
wc -c "$dst/genesis-kjv.txt"
