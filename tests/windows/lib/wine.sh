# shellcheck shell=bash disable=SC2034,SC2153  # variables are shared with the harness (BIN_ENV, W, CLI_NS, ...)
# Wine for the Windows runs (tests/windows/run): the ProcessPrng shim, one template prefix per run made in a
# namespace with no network, a prefix per scenario copied from it, and the .exe (or reg.exe) run inside a lab
# namespace with a wineserver of its own.
#
#   shim_build DIR             compile tests/windows/bcryptprimitives.c into DIR/bcryptprimitives.dll (mingw)
#   template_make DIR NS SHIM  wineboot a fresh prefix in DIR inside namespace NS, put the shim DLL in its system32
#   prefix_copy DIR            $WINE_PREFIX = a per-scenario prefix at DIR, copied from $WINE_TEMPLATE
#   wine_in NS SECS CMD...     run Windows program CMD (an .exe path or a builtin like reg) in NS under a timeout,
#                              with $WINE_PREFIX, a clean environment plus BIN_ENV; stdout/stderr pass through
#   wine_stop NS               end the prefix's wineserver and every Wine process of it (wineserver -k)
#   wine_reg ARGS...           reg.exe in the client namespace (for a scenario's `windows` hook)
#   prefix_hosts LINE...       append lines to the prefix's Windows hosts file
#   win_path PATH              a Unix path as Wine's programs see it (drive Z: is the Unix root)
#
# Why a prefix per scenario: Wine's programs open their sockets through the prefix's wineserver, so the server
# must be started inside the namespace under test; one wineserver serves one prefix, wherever it was started.

WINE_LOADER=${WINE_LOADER:-/usr/lib/wine/wine64}
WINE_SERVER=${WINE_SERVER:-/usr/lib/wine/wineserver64}
MINGW_CC=${MINGW_CC:-x86_64-w64-mingw32-gcc}
# mscoree and mshtml off: wineboot would otherwise offer to install Mono and Gecko; winemenubuilder off: no
# desktop entries written for the prefix.
WINE_DLL_OVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

win_path() { local p=$1; printf 'Z:%s' "${p//\//\\}"; }

shim_build() {
  local out=$1/bcryptprimitives.dll
  mkdir -p "$1"
  t 60 "$MINGW_CC" -shared -O2 -s -Wall -Wextra -Werror -o "$out" "$WIN_ROOT/bcryptprimitives.c" -ladvapi32 \
    || die "mingw could not build the ProcessPrng shim"
  # The export must carry the undecorated name the Rust standard library imports.
  local exports
  exports=$(t 10 x86_64-w64-mingw32-objdump -p "$out") || die "objdump could not read the shim"
  grep -q '\] ProcessPrng$' <<<"$exports" || die "the shim does not export ProcessPrng"
}

# The environment of every Wine process: nothing from the caller's (env -i), then the scenario's BIN_ENV.
wine_env() {
  WINE_ENV=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$W/home" LANG=C.UTF-8
            NO_COLOR=1 TERM=dumb WINEPREFIX="$WINE_PREFIX" WINELOADER="$WINE_LOADER" WINEDEBUG=-all
            WINEDLLOVERRIDES="$WINE_DLL_OVERRIDES")
}

wine_in() {
  local ns=$1 secs=$2; shift 2
  wine_env
  mkdir -p "$W/home"
  # The working directory holds no DLL, so Windows' search order finds the shim in system32 only.
  (cd "$W" && env -i "${WINE_ENV[@]}" "${BIN_ENV[@]}" ip netns exec "$ns" timeout -k 5 "$secs" "$WINE_LOADER" "$@")
}

wine_stop() {
  wine_env
  env -i "${WINE_ENV[@]}" ip netns exec "$1" timeout -k 2 20 "$WINE_SERVER" -k 2>/dev/null
  return 0
}

template_make() {
  local dir=$1 ns=$2 shim=$3
  WINE_PREFIX=$dir
  wine_in "$ns" 180 wineboot --init >"$W/wineboot.out" 2>&1 \
    || { tail -n 20 "$W/wineboot.out" >&2; die "wineboot could not make a prefix"; }
  # wineboot returns before the prefix's services have saved the registry: wait for its wineserver to end.
  wine_env
  env -i "${WINE_ENV[@]}" ip netns exec "$ns" timeout -k 2 60 "$WINE_SERVER" -w \
    || die "the template prefix's wineserver did not end"
  [[ -f $dir/system.reg && -d $dir/drive_c/windows/system32/drivers/etc ]] || die "wineboot made no usable prefix"
  cp "$shim" "$dir/drive_c/windows/system32/bcryptprimitives.dll"
}

# Hard links make the copy cheap (a prefix is ~700 MB of DLLs); every file a scenario or Wine may change in
# place gets a copy of its own, so the template stays as it was (template_intact checks that at the end).
prefix_copy() {
  WINE_PREFIX=$1
  cp -al "$WINE_TEMPLATE" "$WINE_PREFIX"
  # Debian's Wine names the directory of the prefix's wineserver socket in this file: the copy makes its own.
  rm -f "$WINE_PREFIX/wineserver"
  local f
  for f in "$WINE_PREFIX"/*.reg "$WINE_PREFIX"/.update-timestamp "$WINE_PREFIX"/drive_c/windows/system32/drivers/etc/*; do
    [[ -f $f ]] && cp --remove-destination "$WINE_TEMPLATE/${f#"$WINE_PREFIX"/}" "$f"
  done
  return 0
}

# template_intact — no file of the template changed after it was made (through a hard link of a copy).
template_intact() {
  local changed
  changed=$(find "$WINE_TEMPLATE" -type f -newer "$RUN_DIR/template.stamp" -print -quit)
  [[ -z $changed ]] || { log "a scenario changed the template through a hard link: $changed"; return 1; }
}

# wine_tmp_dirs_remove PREFIX... — remove the socket directories (/tmp/wine-XXXXXX) of ended wineservers.
wine_tmp_dirs_remove() {
  local p d
  for p in "$@"; do
    [[ -f $p/wineserver ]] || continue
    d=$(head -c 64 "$p/wineserver")
    [[ $d =~ ^wine-[A-Za-z0-9]+$ && -d /tmp/$d ]] && rm -rf "/tmp/${d:?}"
  done
  return 0
}

wine_reg() {
  wine_in "$CLI_NS" 60 reg "$@" >>"$W/reg.out" 2>&1 || { cat "$W/reg.out" >&2; return 1; }
}

prefix_hosts() {
  printf '%s\r\n' "$@" >>"$WINE_PREFIX/drive_c/windows/system32/drivers/etc/hosts"
}
