# Sourced by ./dev and scripts/setup.sh: how long a step has taken, and a Ninja build shown as it goes,
# "WHAT: 31/52, 1 min 40 s" (one line redrawn on a terminal, a line every 15 s in a log), while the
# compilers' words go to a log file beside it.

# elapsed [START]: the time since START (a value of $SECONDS), by default since the script started.
elapsed() {
  local s=$((SECONDS - ${1:-${started:-0}}))
  if [ $s -ge 60 ]; then printf '%d min %02d s' $((s / 60)) $((s % 60)); else printf '%d s' $s; fi
}

# ninja_progress WHAT LOG COMMAND...: runs COMMAND (a `cmake --build` of a Ninja tree), its output added
# to LOG and its progress said on stderr; returns COMMAND's status.
ninja_progress() {
  local what=$1 log=$2; shift 2
  local step_start=$SECONDS status
  set +e
  NINJA_STATUS='@@ %f %t @@ ' "$@" 2>&1 | {
    last=-100 seen=
    while IFS= read -r line; do
      printf '%s\n' "$line" >> "$log"
      case "$line" in
        '@@ '*)
          read -r _ done total _ <<< "$line"; seen=1
          if [ -t 2 ]; then
            printf '\r  %s: %s/%s, %s   ' "$what" "$done" "$total" "$(elapsed "$step_start")" >&2
          elif [ $((SECONDS - last)) -ge 15 ] || [ "$done" = "$total" ]; then
            printf '  %s: %s/%s, %s\n' "$what" "$done" "$total" "$(elapsed "$step_start")" >&2; last=$SECONDS
          fi ;;
      esac
    done
    [ -n "$seen" ] || printf '  %s: up to date\n' "$what" >&2
  }
  status=${PIPESTATUS[0]}
  set -e
  if [ -t 2 ]; then printf '\n' >&2; fi
  return "$status"
}

# apt_progress WHAT LOG COMMAND...: runs COMMAND (an apt-get that writes its status to descriptor 3:
# -o APT::Status-Fd=3), its output added to LOG, saying how far its downloads, then its installs, are
# ("WHAT: installing 40 %, 35 s", a line every 15 s); returns COMMAND's status.
apt_progress() {
  local what=$1 log=$2; shift 2
  local step_start=$SECONDS status
  set +e
  { "$@" 3>&1 >>"$log" 2>&1; } | {
    last=-100
    while IFS=: read -r kind _ percent _; do
      case "$kind" in dlstatus) stage=downloading ;; pmstatus) stage=installing ;; *) continue ;; esac
      if [ $((SECONDS - last)) -ge 15 ]; then
        printf '  %s: %s %s %%, %s\n' "$what" "$stage" "${percent%%.*}" "$(elapsed "$step_start")" >&2; last=$SECONDS
      fi
    done
  }
  status=${PIPESTATUS[0]}
  set -e
  return "$status"
}
