#!/bin/sh
# The browser tests drive Debian's Chromium (/usr/bin/chromium). On a fresh machine
# where it is missing, install it from the distribution when we can (root + apt-get);
# otherwise say exactly what to do.
set -eu
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" != "none" ]; then
    echo "Instalando Chromium (paquete de Debian) para las pruebas en navegador..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
    [ -x /usr/bin/chromium ] && exit 0
  fi
fi
echo "Las pruebas en navegador necesitan Chromium en /usr/bin/chromium: instálelo con 'apt-get install -y chromium'." >&2
exit 1
