#!/usr/bin/env bash
# Installs everything the build and tests need, and nothing that is already there.
# Idempotent: a second run on a ready machine only checks and returns in seconds.
# Sources: Debian's packages and the npm registry only; nothing third-party is committed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
sodium_prefix="$cache/libsodium-wasm"
log() { printf '[setup] %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

debian_packages=(
  emscripten nlohmann-json3-dev libhowardhinnant-date-dev libsodium-dev googletest libgtest-dev
  cmake ninja-build chromium chromium-driver libclang-rt-14-dev clang
  dpkg-dev autoconf automake libtool make g++ pkg-config
  libboost1.81-dev nginx wrk libsqlite3-dev zlib1g-dev libbrotli-dev time postgresql libpq-dev
  libcurl4-openssl-dev openssl
)

install_debian_packages() {
  local missing=()
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# deb-src entries for the archives already configured, so `apt-get source` finds the very release installed.
enable_deb_src() {
  local src=/etc/apt/sources.list.d/fep-deb-src.sources
  [ -f "$src" ] && return 0
  log "adding deb-src entries for the configured Debian archives"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$src" >/dev/null
  else
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | as_root tee "${src%.sources}.list" >/dev/null
  fi
  as_root apt-get update -qq
}

# libsodium for WebAssembly, from Debian's source package of the installed release (with Debian's patches).
build_libsodium_wasm() {
  if [ -f "$sodium_prefix/lib/libsodium.a" ] && [ -f "$sodium_prefix/include/sodium.h" ]; then return 0; fi
  enable_deb_src
  local work="$cache/libsodium-src"
  rm -rf "$work" && mkdir -p "$work"
  # configure runs its test programs under node; the repository's package.json says "type": "module",
  # which would make node load them as ES modules. This folder is plain CommonJS.
  echo '{"type":"commonjs"}' > "$work/package.json"
  local version
  version=$(dpkg-query -W -f='${Version}' libsodium-dev)
  log "building libsodium $version for WebAssembly (about 5 minutes, cached afterwards)"
  (cd "$work" && apt-get source --download-only -qq "libsodium=$version" 2>/dev/null && dpkg-source -x ./*.dsc src >/dev/null 2>&1)
  export NODE_PATH=/usr/share/nodejs NODE_OPTIONS=--no-experimental-fetch
  (
    cd "$work/src"
    DO_NOT_UPDATE_CONFIG_SCRIPTS=1 ./autogen.sh -s >/dev/null 2>&1 || DO_NOT_UPDATE_CONFIG_SCRIPTS=1 ./autogen.sh >/dev/null
    emconfigure ./configure --prefix="$sodium_prefix" --enable-minimal --disable-shared --without-pthreads \
      --disable-ssp --disable-asm --disable-pie CFLAGS=-O3 >/dev/null
    emmake make -j"$(nproc)" install >/dev/null
  )
  rm -rf "$work"
}

# emcc must not see /usr/include; it gets a private include dir holding only the header-only libraries.
link_wasm_includes() {
  local inc="$cache/wasm-include"
  mkdir -p "$inc"
  ln -sfn /usr/include/nlohmann "$inc/nlohmann"
  ln -sfn /usr/include/date "$inc/date"
}

install_npm_packages() {
  if [ -d "$root/node_modules" ] && [ "$root/node_modules/.package-lock.json" -nt "$root/package-lock.json" ]; then return 0; fi
  log "installing npm packages"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
}

install_debian_packages
mkdir -p "$cache"
link_wasm_includes
build_libsodium_wasm
install_npm_packages
log "ready"
