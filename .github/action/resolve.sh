#!/usr/bin/env bash
# Step 1 of action.yml: which build of odplint to use, where it lives and its cache key.
# A version tag (v1.2.3) means that release's binary; anything else (a branch, a commit, `./`)
# means building the action's own checkout, keyed by a hash of its sources.
set -euo pipefail
case "${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}" in
  Linux-X64 | Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64 | Linux-aarch64) target=aarch64-unknown-linux-musl ;;
  macOS-X64 | Darwin-x86_64) target=x86_64-apple-darwin ;;
  macOS-ARM64 | Darwin-arm64) target=aarch64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
  *) target="" ;;
esac
version=""
if [[ "${ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ && -n "$target" ]]; then
  version="${ACTION_REF#v}"
  key="odplint-release-$version-$target"
else
  # No release: the sources decide, so a new commit builds anew and an old one comes cached.
  cd "$GITHUB_ACTION_PATH"
  sources="$(find Cargo.toml Cargo.lock build.rs src schemas -type f | LC_ALL=C sort)"
  if command -v sha256sum > /dev/null; then hash=(sha256sum); else hash=(shasum -a 256); fi
  digest="$(printf '%s\n' "$sources" | tr '\n' '\0' | xargs -0 "${hash[@]}" | "${hash[@]}" | cut -c1-16)"
  key="odplint-source-${RUNNER_OS:-unknown}-${RUNNER_ARCH:-unknown}-$digest"
fi
{
  echo "version=$version"
  echo "target=$target"
  echo "install-dir=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/odplint-action/$key"
  echo "cache-key=$key"
} >> "$GITHUB_OUTPUT"
