#!/usr/bin/env bash
# ESLint and the JavaScript unit tests need Node and npm (node 18.18 or newer).
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Debian's nodejs and npm for the JavaScript lint and tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi
