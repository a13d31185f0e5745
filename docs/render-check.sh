#!/usr/bin/env bash
# Renders a report bundle the way a report writer sees it: report.docx and tables.xlsx to PDF with
# LibreOffice (headless), then the first PDF pages to PNG with poppler's pdftoppm, for a person to look
# at (labels legible, nothing cut off, no overlapping text). Nothing here is committed.
#
#   docs/render-check.sh [BUNDLE_DIR] [OUT_DIR]
#
# BUNDLE_DIR defaults to the sample bundle the report tests leave in
# jobs/target/report-sample (run: mvn -B -pl jobs -am -Dtest=ReportJobTest
# -Dsurefire.failIfNoSpecifiedTests=false test); a real one is out/reports/<study-id>.
# Needs: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE="${1:-jobs/target/report-sample}"
OUT="${2:-target/render-check}"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || {
    echo "render-check: $tool is missing; install: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils" >&2
    exit 1
  }
done
[ -f "$BUNDLE/report.docx" ] || { echo "render-check: no report.docx in $BUNDLE" >&2; exit 1; }
mkdir -p "$OUT"
# A private LibreOffice profile: no clash with a desktop session, no first-start dialogs.
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
soffice --headless -env:UserInstallation="file://$PROFILE" \
  --convert-to pdf --outdir "$OUT" "$BUNDLE/report.docx" "$BUNDLE/tables.xlsx" >/dev/null
for pdf in "$OUT"/report.pdf "$OUT"/tables.pdf; do
  # The first pages are enough to judge the layout; a big published table prints to hundreds.
  pdftoppm -r 70 -l 12 -png "$pdf" "${pdf%.pdf}-page"
done
echo "render-check: $(ls "$OUT"/*-page-*.png | wc -l) page images in $OUT (report.pdf: $(pdfinfo "$OUT/report.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages)"
