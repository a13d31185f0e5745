#!/usr/bin/env bash
# Renders what a reader and an operator see, in each of the six ITU languages (en fr es ar zh ru):
# the report draft (report.docx) and its workbook (tables.xlsx), and the operators' return template,
# to PDF with LibreOffice (headless), then the first pages to PNG with poppler's pdftoppm, for a
# person to look at (labels legible, Arabic right to left, Chinese glyphs, nothing cut off, no
# overlapping text). Nothing here is committed.
#
#   docs/render-check.sh [STUDY_OUT] [OUT_DIR]
#
# STUDY_OUT is the --out of a study run (its warehouse holds the published tables; default:
# target/ci-study, what .ci/run's study writes). For each language the report is written with
# `bin/spamtraffic report --lang L --study-id render-L` into STUDY_OUT/reports/render-L, and the
# template with `bin/spamtraffic template --lang L`. The PNGs go to OUT_DIR (default:
# target/render-check): report-L-page-N.png (the first 3 pages), tables-L-page-N.png (the first 2),
# template-L-page-N.png (the first 2).
# A report bundle directory (with report.docx) may be given as STUDY_OUT instead: only that bundle
# is rendered (as before: report-page-N.png, tables-page-N.png).
# Needs: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
#        fonts-noto-core fonts-noto-cjk (the Arabic and Chinese glyphs)
set -euo pipefail
cd "$(dirname "$0")/.."
STUDY="${1:-target/ci-study}"
OUT="${2:-target/render-check}"
LANGUAGES="${RENDER_LANGUAGES:-en fr es ar zh ru}"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || {
    echo "render-check: $tool is missing; install: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils" >&2
    exit 1
  }
done
mkdir -p "$OUT"
# A private LibreOffice profile: no clash with a desktop session, no first-start dialogs.
PROFILE="$(mktemp -d)"
WORK="$(mktemp -d)"
trap 'rm -rf "$PROFILE" "$WORK"' EXIT

# to_png FILE NAME PAGES: FILE to PDF, its first PAGES pages to OUT/NAME-page-N.png.
to_png() {
  local file="$1" name="$2" pages="$3" ext="${1##*.}"
  mkdir -p "$WORK/$name"
  cp "$file" "$WORK/$name/$name.$ext"
  # Only the pages looked at are exported (LibreOffice 7.4+ filter options): a workbook of every
  # published table prints to hundreds of pages, which would take minutes.
  local filter=writer_pdf_Export
  [ "$ext" = xlsx ] && filter=calc_pdf_Export
  soffice --headless -env:UserInstallation="file://$PROFILE" \
    --convert-to "pdf:$filter:{\"PageRange\":{\"type\":\"string\",\"value\":\"1-$pages\"}}" \
    --outdir "$WORK/$name" "$WORK/$name/$name.$ext" >/dev/null
  [ -s "$WORK/$name/$name.pdf" ] || { echo "render-check: LibreOffice made no PDF of $file" >&2; exit 1; }
  # The first pages are enough to judge the layout; a big published table prints to hundreds.
  pdftoppm -r 70 -l "$pages" -png "$WORK/$name/$name.pdf" "$OUT/$name-page"
}

if [ -f "$STUDY/report.docx" ]; then
  to_png "$STUDY/report.docx" report 12
  to_png "$STUDY/tables.xlsx" tables 12
  echo "render-check: $(ls "$OUT"/*-page-*.png | wc -l) page images in $OUT"
  exit 0
fi
[ -d "$STUDY/warehouse" ] || { echo "render-check: no warehouse in $STUDY (run: bin/spamtraffic study --out $STUDY)" >&2; exit 1; }

for lang in $LANGUAGES; do
  bundle="$STUDY/reports/render-$lang"
  bin/spamtraffic report --out "$STUDY" --lang "$lang" --study-id "render-$lang" >/dev/null
  [ -f "$bundle/report.docx" ] || { echo "render-check: no report.docx in $bundle" >&2; exit 1; }
  to_png "$bundle/report.docx" "report-$lang" 3
  to_png "$bundle/tables.xlsx" "tables-$lang" 2
  bin/spamtraffic template --lang "$lang" --out "$WORK/template-$lang.xlsx" >/dev/null
  to_png "$WORK/template-$lang.xlsx" "template-$lang" 2
done
for lang in $LANGUAGES; do
  for kind in report tables template; do
    ls "$OUT/$kind-$lang"-page-*.png >/dev/null 2>&1 || { echo "render-check: no page image of $kind in $lang" >&2; exit 1; }
  done
done
echo "render-check: $(ls "$OUT"/*-page-*.png | wc -l) page images in $OUT (report, tables and template in: $LANGUAGES)"
