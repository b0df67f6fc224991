# Sourced by scripts/run and scripts/test: finds Python ≥ 3.12 and keeps .venv in step with the
# requirements file given as $1.
set -euo pipefail

find_python() {
  local candidate
  for candidate in python3.13 python3.12 \
      "$HOME"/.pyenv/versions/3.13*/bin/python3.13 "$HOME"/.pyenv/versions/3.12*/bin/python3.12 \
      /usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12 \
      python3; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Не найден Python 3.12 или новее: установите python3.13 (предпочтительно) или python3.12." >&2
  return 1
}

requirements="$1"
if [ ! -x .venv/bin/python ]; then
  python=$(find_python)
  echo "Создаю виртуальное окружение .venv ($("$python" --version))"
  "$python" -m venv .venv
fi
# Reinstall only when a requirements file changed since the last install.
stamp=".venv/.installed-$(basename "$requirements")"
digest=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$requirements"
  echo "$digest" > "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
