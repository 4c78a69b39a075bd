#!/usr/bin/env bash
# stage-web.sh DIST FILE... : copies the served files into DIST (shell.html becomes index.html) and writes
# brotli and gzip siblings, so the server can send them pre-compressed. Unchanged files are left alone.
set -euo pipefail
dist=$1; shift
mkdir -p "$dist"
for file in "$@"; do
  name=$(basename "$file")
  [ "$name" = shell.html ] && name=index.html
  if ! cmp -s "$file" "$dist/$name"; then
    cp "$file" "$dist/$name.tmp" && mv "$dist/$name.tmp" "$dist/$name"
    brotli -f -q 11 -o "$dist/$name.br" "$dist/$name"
    gzip -9 -n -c "$dist/$name" > "$dist/$name.gz"
  fi
done
