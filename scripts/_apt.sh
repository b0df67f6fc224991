# Sourced by scripts/test. Another apt-get (an engineer, unattended-upgrades) may hold the dpkg or lists lock: wait for it
# (apt's own lock timeout, and a retry for the locks it does not wait on) instead of failing.
apt_waiting() {
  local attempt errors
  errors=$(mktemp)
  for attempt in $(seq 1 60); do
    if apt-get -o DPkg::Lock::Timeout=300 "$@" 2>"$errors"; then
      rm -f "$errors"
      return 0
    fi
    cat "$errors" >&2
    grep -qi "lock" "$errors" || { rm -f "$errors"; return 1; }
    echo "apt-get занят другим процессом, жду (попытка $attempt из 60)" >&2
    sleep "${APT_RETRY_SECONDS:-5}"
  done
  return 1
}
