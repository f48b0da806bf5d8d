#!/usr/bin/env bash
# Measures the same-person matcher on a generated wave:
#
#     Scripts/matcheval/run.sh DATA_DIR [matcheval options: --threshold T --jobs N --dump FILE --rule SAME,OTHER]
#
# where DATA_DIR was made by `python3 Scripts/generate.py DATA_DIR --registrations N --truth DATA_DIR/truth.csv`.
# Converts the registrant files once (Scripts/match_eval.py -> DATA_DIR/match/*.tsv), copies the
# matcher's current sources into this package, builds it in release mode and runs it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:?usage: run.sh DATA_DIR [options]}"
shift
if [[ ! -f "$data/match/rows.tsv" || ! -f "$data/match/pairs.tsv" ]]; then
    python3 "$here/../match_eval.py" "$data"
fi
mkdir -p "$here/Sources/PrakerjaKit"
rm -f "$here/Sources/PrakerjaKit/"*.swift
cp "$here/../../Sources/PrakerjaKit/Matching/"*.swift "$here/Sources/PrakerjaKit/"
swift build --package-path "$here" -c release --product matcheval >&2
"$here/.build/release/matcheval" "$data/match" "$@"
