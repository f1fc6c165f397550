#!/usr/bin/env bash
# Installs what the project needs beyond Node.js 20: pnpm, Java 17 (DynamoDB Local) and Debian's
# Chromium (browser tests). Safe to run again; installs only what is missing.
set -euo pipefail

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} with apt-get…"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
  # corepack cannot verify signatures against this registry; a global install works.
  echo "Installing pnpm 10 with npm…"
  npm install -g pnpm@10.34.9 >/dev/null
fi
echo "Prerequisites: node $(node --version), pnpm $(pnpm --version), $(java -version 2>&1 | head -n 1), $(/usr/bin/chromium --version)"
