#!/usr/bin/env bash
# Step 3 of action.yml: the release binary for this runner, its SHA-256 checked against the
# release's checksum file; for an unreleased commit (no version), cargo builds the action itself.
set -euo pipefail
bin="$ODPLINT_INSTALL_DIR/bin"
if [ -z "${ODPLINT_VERSION:-}" ]; then
  echo "odplint: no release for this ref; building the action's sources with cargo"
  cargo install --locked --quiet --path "$GITHUB_ACTION_PATH" --root "$ODPLINT_INSTALL_DIR"
  exit 0
fi
base="${ODPLINT_RELEASES_URL:-https://github.com/$ACTION_REPOSITORY/releases/download}"
name="odplint-$ODPLINT_VERSION-$ODPLINT_TARGET"
case "$ODPLINT_TARGET" in *windows*) archive="$name.zip" ;; *) archive="$name.tar.gz" ;; esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl --fail --silent --show-error --location --retry 3 \
  --output "$work/$archive" "$base/v$ODPLINT_VERSION/$archive" \
  --output "$work/$archive.sha256" "$base/v$ODPLINT_VERSION/$archive.sha256"
expected="$(cut -d' ' -f1 < "$work/$archive.sha256")"
if command -v sha256sum > /dev/null; then
  actual="$(sha256sum "$work/$archive" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 "$work/$archive" | cut -d' ' -f1)"
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "::error title=odplint::the checksum of $archive is $actual, but the release says ${expected:-nothing}; not installing it"
  exit 1
fi
case "$archive" in
  *.zip) (cd "$work" && 7z x -bd "$archive" > /dev/null) ;;
  *) tar -xzf "$work/$archive" -C "$work" ;;
esac
mkdir -p "$bin"
for exe in odplint odplint.exe; do
  if [ -f "$work/$name/$exe" ]; then cp "$work/$name/$exe" "$bin/"; fi
done
"$bin/odplint" --version
