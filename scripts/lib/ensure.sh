# Installs what the project's commands need when it is missing. Sourced by scripts/up.sh and scripts/test.sh.

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    echo "› apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  echo "› apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node_modules() {
  # Reinstall when node_modules is missing or older than the lockfile.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # `npm install`, not `npm ci`: the registry mirror on these machines serves only this platform's optional
    # binaries (e.g. no @next/swc-darwin-*), so the lockfile cannot list them and `npm ci` refuses it as
    # out of sync. `npm install` still installs the locked versions. `--no-save` keeps it from writing
    # package-lock.json back (it dropped or reordered entries on other machines, leaving the tree dirty).
    echo "› npm install"
    npm install --no-audit --no-fund --no-save
  fi
}

ensure_java_and_maven() {
  if ! command -v java >/dev/null 2>&1; then apt_install openjdk-17-jre-headless; fi
  if ! command -v mvn >/dev/null 2>&1; then apt_install maven; fi
}

ensure_chromium() {
  if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
  # Korean text must render in screenshots and end-to-end checks, not as empty boxes.
  if ! fc-list :lang=ko 2>/dev/null | grep -q .; then apt_install fonts-noto-cjk; fi
}
