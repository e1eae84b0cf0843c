# Shared by run.sh and test.sh: create .venv and (re)install the project when pyproject.toml changed.
ensure_venv() {
  local extras="$1" spec="." stamp want
  [ -n "$extras" ] && spec=".[$extras]"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv || { echo "Kon geen virtuele omgeving maken (python3 -m venv)." >&2; return 1; }
    .venv/bin/python -m pip install -q --upgrade pip || return 1
  fi
  stamp=".venv/.handvat-installed"
  want="$(sha256sum pyproject.toml | cut -d' ' -f1) $extras"
  if [ ! -f "$stamp" ] || ! grep -qxF "$want" "$stamp"; then
    echo "Installeren van handvat en afhankelijkheden in .venv ($spec) ..." >&2
    .venv/bin/python -m pip install -q -e "$spec" || { echo "Installatie mislukt." >&2; return 1; }
    echo "$want" >> "$stamp"
  fi
}
