#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# download cannot work offline). Installs it when possible; otherwise the browser tests
# skip and say why.
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation de Chromium (tests navigateur)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Chromium n'a pas pu être installé : les tests navigateur seront ignorés." >&2
else
  echo "Chromium absent (sudo apt-get install chromium) : les tests navigateur seront ignorés." >&2
fi
exit 0
