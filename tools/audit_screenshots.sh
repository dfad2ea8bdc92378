#!/usr/bin/env bash
# Remakes docs/images/audit-*.png, the audit report's pictures in docs/audit.md: runs the Chromium
# test (which renders the report of tests/fixtures/audit/demo and plans/hkpf in zh-Hant and en, and
# prints it to A4) and copies the first two printed pages of each language.
# Needs chromium, pdftoppm and CJK fonts (fonts-noto-cjk), as .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
ODPLINT_REQUIRE_PROGRAMS=chromium,pdftoppm cargo test --test audit \
  needs_chromium_the_html_report_reads_on_a_wide_screen_a_phone_and_a4
for lang in zh-Hant en; do
  for page in 1 2; do
    cp "target/tmp/audit-report/$lang-print-$page.png" "docs/images/audit-$lang-a4-$page.png"
  done
done
ls -l docs/images/audit-*.png
