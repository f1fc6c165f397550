#!/usr/bin/env bash
# Installs what the project needs: Node.js 24 (the version in .nvmrc), pnpm, Java 17 (DynamoDB
# Local) and Debian's Chromium (browser tests). Safe to run again; installs only what is missing.
set -euo pipefail

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} with apt-get…"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Node.js: the major version in .nvmrc. The npm registry carries Node itself (the `node` package
# holds the official binary), so an older Node installs the right one next to it, in /opt, linked
# from /usr/local/bin (ahead of /usr/bin on PATH).
want_major="$(tr -dc '0-9' < "$(dirname "$0")/../.nvmrc")"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" != "$want_major" ]; then
  prefix="/opt/telehealth-node-${want_major}"
  echo "Installing Node.js ${want_major} from the npm registry into ${prefix}…"
  $sudo_cmd npm install --global=false --prefix "$prefix" --no-audit --no-fund --loglevel=error "node@${want_major}" >/dev/null
  $sudo_cmd ln -sf "${prefix}/node_modules/node/bin/node" /usr/local/bin/node
  hash -r
  if [ "$(node_major)" != "$want_major" ]; then
    echo "Node.js ${want_major} is installed at /usr/local/bin/node, but \`node\` on PATH is $(command -v node)." >&2
    echo "Put /usr/local/bin ahead of it on PATH and run this again." >&2
    exit 1
  fi
fi

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
  # corepack cannot verify signatures against this registry; a global install works.
  echo "Installing pnpm 10 with npm…"
  $sudo_cmd npm install -g pnpm@10.34.9 >/dev/null
fi
echo "Prerequisites: node $(node --version), pnpm $(pnpm --version), $(java -version 2>&1 | head -n 1), $(/usr/bin/chromium --version)"
