#!/usr/bin/env bash
# Prints the path of a working Python 3.10 (Rasa 3.6 runs on 3.8-3.10 only).
# pyenv shims may exist but refuse to run when 3.10 is not the selected version,
# so every candidate is actually executed before it is trusted.
set -u
works() { "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }

candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
if command -v pyenv >/dev/null 2>&1; then
  for dir in "$(pyenv root)"/versions/3.10.*; do
    [ -x "$dir/bin/python3.10" ] && candidates+=("$dir/bin/python3.10")
  done
fi
candidates+=(python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10)

for candidate in "${candidates[@]}"; do
  if works "$candidate"; then
    command -v "$candidate"
    exit 0
  fi
done

cat >&2 <<'MSG'
Python 3.10 est introuvable (Rasa 3.6 ne fonctionne qu'avec Python 3.8 à 3.10).
Installez-le, par exemple :
  - avec pyenv :  pyenv install 3.10.13
  - sous Debian/Ubuntu :  sudo apt-get install python3.10 python3.10-venv
ou indiquez son chemin :  make install PYTHON310=/chemin/vers/python3.10
MSG
exit 1
