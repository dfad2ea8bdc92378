#!/usr/bin/env bash
# Step 5 of action.yml: one `odplint check` run; the annotations go to the log and the SARIF to
# its file from that same run (`--report sarif=PATH`). Paths come one per line.
set -euo pipefail
paths=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%$'\r'}"
  # Surrounding blanks are YAML indentation, not part of a path.
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<< "$ODPLINT_PATHS"
if [ ${#paths[@]} -eq 0 ]; then
  echo "::error title=odplint::the paths input names no file or folder"
  exit 2
fi
echo "sarif-file=$ODPLINT_SARIF" >> "$GITHUB_OUTPUT"
format=concise
if [ "$ODPLINT_ANNOTATIONS" = "true" ]; then format=github; fi
status=0
odplint check --format "$format" --report "sarif=$ODPLINT_SARIF" --fail-on "$ODPLINT_FAIL_ON" \
  -- "${paths[@]}" || status=$?
exit "$status"
