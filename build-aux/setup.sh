# shellcheck shell=bash
# build-aux/setup.sh: shared helpers for build-aux/run, build-aux/test and build-aux/bench.
#
# Copyright 2025 The Guild authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Source this file from bash; it defines functions and changes nothing on its own except
# GUILD_ROOT (the repository root, found from this file's own path):
#
#   . "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
#   guild_install_deps            # apt-get install whatever is missing (quick when all is there)
#   guild_build _build            # configure when needed, then build
#   guild_configure _build-asan -Db_sanitize=address,undefined …
#   guild_compile _build-asan [NINJA_TARGET…]
#
# Run it directly (bash build-aux/setup.sh) to install the packages and build _build.

GUILD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# What a fresh Debian 12 machine needs to build, run and test Guild (STYLE.md §12).
GUILD_PACKAGES=(
  meson ninja-build pkg-config gcc
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libical-dev
  gettext
  xvfb xauth dbus dbus-x11 at-spi2-core
  desktop-file-utils appstream libglib2.0-bin
  imagemagick xdotool python3-dogtail fonts-cantarell sqlite3 tzdata
  clang libclang-rt-14-dev
)

guild_log ()
{
  printf '==> %s\n' "$*" >&2
}

# Prints the packages among "$@" that dpkg does not report as installed.
guild_missing_packages ()
{
  local pkg status
  for pkg in "$@"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Installs the missing ones of GUILD_PACKAGES. apt-get update runs only when something is
# missing, so on a ready machine this costs one dpkg-query call per package.
guild_install_deps ()
{
  local -a wanted=("${GUILD_PACKAGES[@]}") missing sudo=()

  if ! command -v dpkg-query >/dev/null 2>&1; then
    guild_log "dpkg-query not found: not a Debian system; install these yourself: ${wanted[*]}"
    return 0
  fi

  mapfile -t missing < <(guild_missing_packages "${wanted[@]}")
  if (( ${#missing[@]} == 0 )); then
    return 0
  fi

  if (( EUID != 0 )); then
    if ! command -v sudo >/dev/null 2>&1; then
      guild_log "missing packages: ${missing[*]}; run as root or install sudo"
      return 1
    fi
    sudo=(sudo)
  fi

  guild_log "installing missing packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q "${missing[@]}" || return 1
}

# guild_configure DIR [MESON_OPTION…]
#
# Configures DIR (relative to the repository root, or absolute). `meson setup` runs only when
# DIR has no build.ninja; with one, ninja regenerates by itself when a meson.build changes.
# When the requested options differ from the last call's, they are applied with
# `meson configure`. Unless an option sets werror, -Dwerror=true is added when CI is set and
# -Dwerror=false otherwise.
guild_configure ()
{
  local dir
  dir="$(guild_abs_dir "$1")"
  shift
  local -a opts=("$@")
  local stamp="$dir/.guild-setup-options"

  if [[ " ${opts[*]} " != *" -Dwerror="* ]]; then
    if [[ -n "${CI:-}" ]]; then
      opts+=(-Dwerror=true)
    else
      opts+=(-Dwerror=false)
    fi
  fi

  if [[ ! -f "$dir/build.ninja" ]]; then
    guild_log "configuring ${dir#"$GUILD_ROOT"/}"
    if [[ -f "$dir/meson-private/coredata.dat" ]]; then
      # An earlier setup stopped half way: plain `meson setup` would refuse the directory.
      meson setup --reconfigure "$dir" "$GUILD_ROOT" "${opts[@]}" || return 1
    else
      meson setup "$dir" "$GUILD_ROOT" "${opts[@]}" || return 1
    fi
    printf '%s\n' "${opts[*]}" > "$stamp"
  elif [[ "$(cat "$stamp" 2>/dev/null)" != "${opts[*]}" ]]; then
    guild_log "applying options to ${dir#"$GUILD_ROOT"/}: ${opts[*]}"
    if ! meson configure "$dir" "${opts[@]}"; then
      # Only a damaged build tree makes `meson configure` fail; start it again.
      guild_log "cannot change the options: wiping ${dir#"$GUILD_ROOT"/}"
      meson setup --wipe "$dir" "$GUILD_ROOT" "${opts[@]}" || return 1
    fi
    printf '%s\n' "${opts[*]}" > "$stamp"
  fi
}

# guild_compile DIR [NINJA_TARGET…]
#
# Builds DIR (everything, or the given ninja targets: output paths relative to DIR). When the
# build fails because meson asks for it (a newer Meson, a broken build tree), the directory is
# set up again with --wipe or --reconfigure, keeping its options, and built once more.
guild_compile ()
{
  local dir log rc
  dir="$(guild_abs_dir "$1")"
  shift

  guild_log "building ${dir#"$GUILD_ROOT"/}${1:+ (${*})}"
  mkdir -p "$dir/meson-logs"
  log="$dir/meson-logs/guild-build.log"
  ninja -C "$dir" "$@" 2>&1 | tee "$log"
  rc="${PIPESTATUS[0]}"
  if (( rc == 0 )); then
    return 0
  fi

  if grep -q -e 'incompatible with the current version' \
             -e 'does not contain a valid build tree' "$log"; then
    guild_log "meson asks for a fresh build tree: wiping ${dir#"$GUILD_ROOT"/}"
    meson setup --wipe "$dir" "$GUILD_ROOT" || return 1
  elif grep -q -e 'meson setup --reconfigure' -e 'ninja reconfigure' \
                -e 'meson setup --wipe' "$log"; then
    guild_log "meson asks to reconfigure ${dir#"$GUILD_ROOT"/}"
    meson setup --reconfigure "$dir" "$GUILD_ROOT" || return 1
  else
    return "$rc"
  fi
  ninja -C "$dir" "$@"
}

# guild_build DIR [MESON_OPTION…]: guild_configure, then build everything.
guild_build ()
{
  guild_configure "$@" && guild_compile "$1"
}

guild_abs_dir ()
{
  if [[ "$1" == /* ]]; then
    printf '%s\n' "$1"
  else
    printf '%s\n' "$GUILD_ROOT/$1"
  fi
}

# Run directly: install and build, nothing else.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  guild_install_deps
  guild_build _build
fi
