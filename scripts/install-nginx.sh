#!/usr/bin/env bash
# The multi-instance test puts Debian's nginx in front of two assistants. Installs it when
# possible; otherwise that test skips and says why.
set -u
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation de nginx (test à plusieurs instances)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null) \
    || echo "nginx n'a pas pu être installé : le test à plusieurs instances sera ignoré." >&2
else
  echo "nginx absent (sudo apt-get install nginx) : le test à plusieurs instances sera ignoré." >&2
fi
exit 0
