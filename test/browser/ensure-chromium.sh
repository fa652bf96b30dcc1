#!/bin/sh
# The browser tests drive Chromium: Debian's /usr/bin/chromium unless SELLO_CHROMIUM_PATH
# names another binary. When the default is missing on a fresh machine, install it from
# the distribution when we can (root + apt-get); otherwise say exactly what to do.
set -eu
CHROMIUM="${SELLO_CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ -n "${SELLO_CHROMIUM_PATH:-}" ]; then
  echo "SELLO_CHROMIUM_PATH=$SELLO_CHROMIUM_PATH no es un ejecutable: corríjalo o déjelo vacío para usar /usr/bin/chromium." >&2
  exit 1
fi
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" != "none" ]; then
    echo "Instalando Chromium (paquete de Debian) para las pruebas en navegador..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
    [ -x "$CHROMIUM" ] && exit 0
  fi
fi
echo "Las pruebas en navegador necesitan Chromium en $CHROMIUM: instálelo con 'apt-get install -y chromium' o indique otro con SELLO_CHROMIUM_PATH." >&2
exit 1
