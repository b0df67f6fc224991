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

# The fonts the PDF reports are set in (reports/builders/pdf.py check_fonts): DejaVu for the
# roadmap and the charts' symbols, Liberation Serif (metric-compatible with Times New Roman) for
# the documents the department signs.
REPORT_FONT_FILES=(
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
  "fonts-liberation:/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
)

# Adds the Debian packages of the report fonts that are missing to the array named $1.
missing_report_fonts() {
  local -n into="$1"
  local entry
  for entry in "${REPORT_FONT_FILES[@]}"; do
    [ -f "${entry#*:}" ] || into+=("${entry%%:*}")
  done
}

# Installs the Debian packages given when root with apt-get; otherwise fails under CI=true and
# warns with $1 (what will not work) elsewhere.
install_debian_packages() {
  local consequence="$1"
  shift
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Устанавливаю: $*"
    apt_waiting update -qq
    DEBIAN_FRONTEND=noninteractive apt_waiting install -y -qq "$@" >/dev/null
  elif [ "${CI:-}" = "true" ]; then
    echo "ОШИБКА: не установлены $* и нет прав их установить." >&2
    exit 1
  else
    echo "Внимание: не установлены $*: $consequence." >&2
  fi
}
