#!/usr/bin/env bash
# Adds a deb-src entry (bookworm + trixie, main) derived from this machine's own Debian sources list,
# so that `apt-get source` can fetch SDL2 and Dear ImGui. No registry host is written in the repo:
# the URIs and keyring are copied from /etc/apt/sources.list.d/debian.sources.
set -euo pipefail
target=/etc/apt/sources.list.d/support-portal-src.sources
[ -f "$target" ] && exit 0
src=/etc/apt/sources.list.d/debian.sources
[ -f "$src" ] || { echo "deb-src.sh: $src not found; add a deb-src entry for trixie by hand" >&2; exit 1; }
# The first stanza whose Suites mention bookworm (not bookworm-security) gives URIs and Signed-By.
uris=$(awk '/^URIs:/{u=$2} /^Suites:/{if ($0 ~ /bookworm( |$)/) {print u; exit}}' "$src")
signed=$(awk '/^Signed-By:/{s=$2} /^Suites:/{hit=($0 ~ /bookworm( |$)/)} /^$/{if(hit&&s){print s; exit}} END{if(hit&&s)print s}' "$src" | head -1)
[ -n "$uris" ] || { echo "deb-src.sh: no bookworm URIs in $src" >&2; exit 1; }
{
  echo "Types: deb-src"
  echo "URIs: $uris"
  echo "Suites: bookworm trixie"
  echo "Components: main"
  [ -n "$signed" ] && echo "Signed-By: $signed"
} > "$target"
apt-get update -qq
