#!/usr/bin/env bash
# Checks that every tracked C++ file (*.cpp, *.hpp) is formatted as
# .clang-format says, without changing any. Prints each file that drifts and
# exits non-zero when any does. CLANG_FORMAT picks the binary (default:
# clang-format, from the Debian package of that name).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}

if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
    echo "check-format: $CLANG_FORMAT not found (apt-get install clang-format)" >&2
    exit 2
fi

mapfile -d '' files < <(git ls-files -z -- '*.cpp' '*.hpp')
drift=0
for f in "${files[@]}"; do
    [ -f "$f" ] || continue  # deleted in the work tree, not yet in the index
    if ! "$CLANG_FORMAT" --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "$f"
        drift=$((drift + 1))
    fi
done

if [ "$drift" -gt 0 ]; then
    echo "check-format: $drift of ${#files[@]} files drift from .clang-format" \
         "(fix with: $CLANG_FORMAT -i <file>)" >&2
    exit 1
fi
echo "check-format: all ${#files[@]} files formatted"
