#!/usr/bin/env bash
# Installs the VS Code stand-in used where VS Code itself cannot be downloaded:
# VS Code 1.100.3's server and web workbench (code-server 4.100.3 from the npm registry),
# shown in Debian's headless chromium through playwright-core (a devDependency).
#
# Idempotent: the installed copy is cached under .vscode-test/ (git-ignored), the way
# @vscode/test-electron caches a downloaded VS Code, and a re-run returns at once.
# Needs only the npm registry and Debian's packages.
#
# Environment: RING_KEYS_STANDIN_DIR (default <repo>/.vscode-test/code-server-<version>).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"   # newest code-server whose engines accept Node 20 (VS Code 1.100.3)
DIR="${RING_KEYS_STANDIN_DIR:-$ROOT/.vscode-test/code-server-$VERSION}"
say() { printf '[stand-in] %s\n' "$*"; }

# ---- system packages: chromium for the workbench; rg, a C++ toolchain and kerberos headers for code-server
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
# fonts so that screenshots show text, not boxes
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "missing ${need[*]}: install them with apt-get (needs root)"; exit 1; }
    SUDO="sudo"
  fi
  say "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -f "$DIR/.installed" ]; then exit 0; fi

# ---- node-gyp must build against the local Node headers (nodejs.org is unreachable)
NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$NODE_PREFIX/include/node/node.h" ]; then
  export npm_config_nodedir="$NODE_PREFIX"
fi
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

say "installing code-server $VERSION into ${DIR#"$ROOT"/} (builds native modules, a few minutes once)"
T0=$(date +%s)
rm -rf "$DIR"; mkdir -p "$DIR/pack"
cd "$DIR/pack"

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds the release archive in
# $TMPDIR/vscode-ripgrep-cache-<version>/: put Debian's rg there under the expected name.
npm pack --silent "code-server@$VERSION" >/dev/null
RG_VERSION="$(tar -xzOf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages["node_modules/@vscode/ripgrep"].version))')"
npm pack --silent "@vscode/ripgrep@$RG_VERSION" >/dev/null
RG_TAG="$(tar -xzOf vscode-ripgrep-*.tgz package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';.*/\1/p")"
case "$(node -p process.arch)" in
  x64) RG_TARGET=x86_64-unknown-linux-musl ;;
  arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) say "no ripgrep stand-in for $(node -p process.arch)"; exit 1 ;;
esac
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_VERSION"
mkdir -p "$RG_CACHE" rg
cp "$(command -v rg)" rg/rg
tar -czf "$RG_CACHE/ripgrep-$RG_TAG-$RG_TARGET.tar.gz" -C rg rg

cd "$DIR"
echo '{ "private": true }' > package.json
# build_from_source: argon2 and kerberos would otherwise try to download prebuilt binaries from GitHub.
if ! npm_config_build_from_source=true npm install --unsafe-perm --foreground-scripts \
     "code-server@$VERSION" >"$DIR/install.log" 2>&1; then
  tail -40 "$DIR/install.log" >&2
  say "code-server install failed; full log in $DIR/install.log"
  exit 1
fi
rm -rf "$DIR/pack"
node -e "const v=require('$DIR/node_modules/code-server/lib/vscode/package.json').version; if(!v.startsWith('1.100.')) {console.error('unexpected VS Code '+v); process.exit(1)}"
touch "$DIR/.installed"
say "code-server $VERSION installed in $(( $(date +%s) - T0 ))s"
