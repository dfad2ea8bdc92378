#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET with seeds taken from the test fixtures as they are now, so the
# corpus never drifts from them and no fixture is committed twice. Any extra seeds committed
# under fuzz/seeds/TARGET (inputs no fixture has) are added too.
# Usage: fuzz/corpus.sh TARGET   then   cargo fuzz run TARGET fuzz/corpus/TARGET
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/corpus.sh TARGET}
out=fuzz/corpus/$target
mkdir -p "$out"
add() { for file in "$@"; do [ -f "$file" ] && cp "$file" "$out/$(echo "$file" | tr '/' '_')"; done; return 0; }
shopt -s nullglob globstar
case "$target" in
  check|fix|readers)
    add tests/fixtures/base.yaml plans/**/*.yaml tests/fixtures/rules/**/*.yaml tests/fixtures/rules/**/*.json \
        tests/fixtures/hostile/*.yaml
    # The fixes' outputs: the snapshots beside the fixtures, without insta's header.
    for file in tests/fixtures/rules/*/*.fixed.snap; do
      awk 'n >= 2 { print; next } /^---$/ { n++ }' "$file" > "$out/$(echo "$file" | tr '/' '_')"
    done ;;
  import)
    add tests/fixtures/import/**/*.txt tests/fixtures/import/**/*.csv ../shared/seeds/*.txt ;;
  docx)
    # The documents, and their document.xml alone (the target reads bare XML too).
    add tests/fixtures/import/hkpf-2024-2026.docx tests/fixtures/import/harbour-*.docx
    for file in tests/fixtures/import/hkpf-2024-2026.docx tests/fixtures/import/harbour-*.docx; do
      unzip -p "$file" word/document.xml > "$out/$(basename "$file").xml"
    done ;;
  *)
    add tests/fixtures/import/**/*."$target" ;;
esac
[ -d "fuzz/seeds/$target" ] && add fuzz/seeds/"$target"/*
echo "$out: $(ls "$out" | wc -l) seeds"
