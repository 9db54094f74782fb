# shellcheck shell=bash
# Shared by scripts/dev and scripts/test: find (or create) a Frappe v15 bench with ERPNext, put
# this checkout into it, and run frappe commands on a site. Every setting is a variable; see README.

ONYX_ROOT=${ONYX_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
ONYX_BENCH=${ONYX_BENCH:-/home/frappe/frappe-bench}
ONYX_BENCH_USER=${ONYX_BENCH_USER:-frappe}
ONYX_FRAPPE_BRANCH=${ONYX_FRAPPE_BRANCH:-version-15}
ONYX_FRAPPE_REPO=${ONYX_FRAPPE_REPO:-https://github.com/frappe/frappe}
ONYX_ERPNEXT_REPO=${ONYX_ERPNEXT_REPO:-https://github.com/frappe/erpnext}
# Empty (set but empty) skips the payments app: ERPNext v15 does not require it.
ONYX_PAYMENTS_REPO=${ONYX_PAYMENTS_REPO-https://github.com/frappe/payments}
ONYX_DB_HOST=${ONYX_DB_HOST:-127.0.0.1}
ONYX_DB_ROOT_USER=${ONYX_DB_ROOT_USER:-onyx_dba}
ONYX_DB_ROOT_PASSWORD=${ONYX_DB_ROOT_PASSWORD:-onyx_dba}
ONYX_REDIS_URL=${ONYX_REDIS_URL:-redis://127.0.0.1:6379}
ONYX_ADMIN_PASSWORD=${ONYX_ADMIN_PASSWORD:-admin}

say() { printf '\033[1m[onyx]\033[0m %s\n' "$*" >&2; }

bench_is_usable() {
	[ -x "$ONYX_BENCH/env/bin/python" ] && [ -d "$ONYX_BENCH/apps/frappe" ] && [ -d "$ONYX_BENCH/apps/erpnext" ]
}

bench_owner() { stat -c %U "$ONYX_BENCH"; }

# Frappe refuses to run bench as root: when we are root, act as the bench's owner.
as_owner() {
	local owner
	owner=$(bench_owner)
	if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
		runuser -u "$owner" -- env HOME="$(getent passwd "$owner" | cut -d: -f6)" "$@"
	else
		"$@"
	fi
}

# `frappe <args>` is what `bench <args>` runs for site commands; calling it directly needs only the
# bench's virtualenv, not the bench CLI.
frappe_cmd() {
	(cd "$ONYX_BENCH/sites" && as_owner "$ONYX_BENCH/env/bin/python" -m frappe.utils.bench_helper frappe "$@")
}

ensure_services() {
	if ! mysqladmin -h "$ONYX_DB_HOST" -uroot status >/dev/null 2>&1 && command -v mariadbd >/dev/null; then
		say "starting MariaDB"
		start-stop-daemon --start --oknodo --background --exec "$(command -v mariadbd)" || true
		sleep 5
	fi
	if ! redis-cli -u "$ONYX_REDIS_URL" ping >/dev/null 2>&1 && command -v redis-server >/dev/null; then
		say "starting Redis"
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
	fi
}

# Frappe needs utf8mb4_unicode_ci on the server, and a database account with a password to create
# sites non-interactively (it prompts when the root password is empty).
ensure_database_account() {
	local sql="mysql -h $ONYX_DB_HOST -uroot"
	if ! $sql -e "select 1" >/dev/null 2>&1; then
		return 0 # root needs a password here: the user supplies ONYX_DB_ROOT_USER/PASSWORD
	fi
	$sql -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';"
	local host
	for host in localhost 127.0.0.1 %; do
		$sql -e "CREATE USER IF NOT EXISTS '$ONYX_DB_ROOT_USER'@'$host' IDENTIFIED BY '$ONYX_DB_ROOT_PASSWORD';
			GRANT ALL PRIVILEGES ON *.* TO '$ONYX_DB_ROOT_USER'@'$host' WITH GRANT OPTION;"
	done
}

# The standard upstream way; each source can point at a mirror (ONYX_*_REPO).
create_bench() {
	say "no bench at $ONYX_BENCH: creating one with bench init ($ONYX_FRAPPE_REPO, $ONYX_FRAPPE_BRANCH)"
	if [ "$(id -u)" = 0 ] && ! id "$ONYX_BENCH_USER" >/dev/null 2>&1; then
		useradd -m -s /bin/bash "$ONYX_BENCH_USER" || return 1
	fi
	local parent
	parent=$(dirname "$ONYX_BENCH")
	mkdir -p "$parent" && [ "$(id -u)" = 0 ] && chown "$ONYX_BENCH_USER" "$parent"
	local run=()
	[ "$(id -u)" = 0 ] && run=(runuser -u "$ONYX_BENCH_USER" --)
	local cli_venv="$parent/.bench-cli"
	install_bench_cli "$cli_venv" || return 1
	trust_local_mirrors
	# bench runs `uv`, `yarn` and `python3` from PATH: the CLI venv's own come first (the bench user
	# cannot read root's). UV_SYSTEM_CERTS (formerly UV_NATIVE_TLS): uv trusts the system's CA store,
	# as pip and git do, rather than its bundled one.
	local bench=("${run[@]}" env PATH="$cli_venv/bin:$PATH" UV_SYSTEM_CERTS="${UV_SYSTEM_CERTS:-1}"
		"$cli_venv/bin/bench")
	(cd "$parent" && "${bench[@]}" init "$(basename "$ONYX_BENCH")" \
		--frappe-path "$ONYX_FRAPPE_REPO" --frappe-branch "$ONYX_FRAPPE_BRANCH" \
		--skip-redis-config-generation --no-backups) &&
		if [ -n "$ONYX_PAYMENTS_REPO" ]; then
			(cd "$ONYX_BENCH" && "${bench[@]}" get-app --branch "$ONYX_FRAPPE_BRANCH" "$ONYX_PAYMENTS_REPO")
		else
			say "ONYX_PAYMENTS_REPO is empty: skipping the payments app"
		fi &&
		(cd "$ONYX_BENCH" && "${bench[@]}" get-app --branch "$ONYX_FRAPPE_BRANCH" "$ONYX_ERPNEXT_REPO") &&
		configure_bench && ensure_pkg_resources
	if ! bench_is_usable; then
		say "bench creation failed; removing the partial bench"
		rm -rf "$ONYX_BENCH"
		return 1
	fi
}

# A mirror on this disk made by another user (root, say) is one git refuses to clone from as the
# bench user ("dubious ownership"): name it a safe directory for the bench user, and only it.
trust_local_mirrors() {
	local run=() repo
	[ "$(id -u)" = 0 ] && run=(runuser -u "$ONYX_BENCH_USER" --)
	for repo in "$ONYX_FRAPPE_REPO" "$ONYX_ERPNEXT_REPO" "${ONYX_PAYMENTS_REPO:-}"; do
		[ -n "$repo" ] && [ -d "$repo" ] || continue
		repo=$(cd "$repo" && pwd)
		local path
		for path in "$repo" "$repo/.git"; do # git names the .git of a work tree
			"${run[@]}" git config --global --get-all safe.directory 2>/dev/null | grep -qxF "$path" ||
				"${run[@]}" git config --global --add safe.directory "$path"
		done
	done
}

# The bench CLI in its own venv, owned by the bench user, with the tools it calls: uv (bench 5.31
# creates the bench's env and installs apps with it) and yarn 1 (frappe's asset build), both
# installed into that venv rather than root's global directories.
install_bench_cli() {
	local cli_venv=$1
	local run=()
	[ "$(id -u)" = 0 ] && run=(runuser -u "$ONYX_BENCH_USER" --)
	if [ ! -x "$cli_venv/bin/bench" ] || [ ! -x "$cli_venv/bin/uv" ]; then
		say "installing the bench CLI and uv into $cli_venv"
		"${run[@]}" python3 -m venv "$cli_venv" &&
			"${run[@]}" "$cli_venv/bin/pip" install -q frappe-bench uv || return 1
	fi
	if [ ! -x "$cli_venv/bin/yarn" ]; then
		command -v npm >/dev/null || { say "bench needs Node.js 18+ and npm (Debian: nodejs, npm)"; return 1; }
		say "installing yarn 1 into $cli_venv"
		"${run[@]}" npm install --global --prefix "$cli_venv" --no-fund --no-audit --loglevel=error \
			yarn@1 >/dev/null || return 1
	fi
}

# uv seeds the bench's env with the newest setuptools, which no longer ships pkg_resources; frappe
# imports dropbox (Dropbox Settings, at new-site), and dropbox imports pkg_resources.
ensure_pkg_resources() {
	(cd / && as_owner "$ONYX_BENCH/env/bin/python" -c "import pkg_resources" 2>/dev/null) && return 0
	say "installing setuptools<81 (pkg_resources) into the bench's virtualenv"
	(cd / && as_owner "$ONYX_BENCH/env/bin/python" -m pip install -q "setuptools<81")
}

configure_bench() {
	local key db
	for key in redis_cache:1 redis_queue:2 redis_socketio:3; do
		db=${key#*:}
		frappe_cmd set-config -g "${key%%:*}" "$ONYX_REDIS_URL/$db" >/dev/null
	done
	frappe_cmd set-config -g db_host "$ONYX_DB_HOST" >/dev/null
}

# Put the checkout under test into the bench (a copy owned by the bench user, refreshed every run),
# so the bench never tests a stale version of the app.
sync_checkout() {
	local target="$ONYX_BENCH/apps/onyx_support"
	say "syncing $ONYX_ROOT into $target"
	mkdir -p "$target"
	rsync -a --delete --exclude '.git/' --exclude '__pycache__/' --exclude 'node_modules/' \
		--exclude '.artifacts/' --exclude '*.egg-info/' "$ONYX_ROOT/" "$target/"
	chown -R "$(bench_owner)" "$target" 2>/dev/null || true
	if ! (cd / && as_owner "$ONYX_BENCH/env/bin/python" -c "import onyx_support" 2>/dev/null); then
		say "installing onyx_support into the bench's virtualenv"
		as_owner "$ONYX_BENCH/env/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$target"
	fi
	ensure_pkg_resources || return 1
	local apps_txt="$ONYX_BENCH/sites/apps.txt"
	if ! grep -qx onyx_support "$apps_txt"; then
		[ -z "$(tail -c 1 "$apps_txt")" ] || echo >>"$apps_txt"
		echo onyx_support >>"$apps_txt"
	fi
	# Static files are plain (no bundles): link them where the web server looks.
	local assets="$ONYX_BENCH/sites/assets/onyx_support"
	[ -e "$assets" ] || as_owner ln -s "$target/onyx_support/public" "$assets"
}

site_exists() { [ -f "$ONYX_BENCH/sites/$1/site_config.json" ]; }

site_has_app() {
	frappe_cmd --site "$1" list-apps 2>/dev/null | grep -q "^$2\b"
}

# Create the site if needed, install ERPNext and this app, and bring the schema to the checkout.
ensure_site() {
	local site=$1
	if ! site_exists "$site"; then
		say "creating site $site with ERPNext"
		frappe_cmd new-site "$site" --db-root-username "$ONYX_DB_ROOT_USER" \
			--db-root-password "$ONYX_DB_ROOT_PASSWORD" --admin-password "$ONYX_ADMIN_PASSWORD" \
			--install-app erpnext || {
			say "new-site $site failed; dropping the partial site"
			frappe_cmd drop-site "$site" --db-root-username "$ONYX_DB_ROOT_USER" \
				--db-root-password "$ONYX_DB_ROOT_PASSWORD" --no-backup --force >/dev/null 2>&1 ||
				rm -rf "$ONYX_BENCH/sites/$site"
			return 1
		}
	fi
	if site_has_app "$site" onyx_support; then
		say "migrating $site to this checkout"
		frappe_cmd --site "$site" migrate --skip-search-index || return 1
	else
		say "installing onyx_support on $site"
		frappe_cmd --site "$site" install-app onyx_support || return 1
	fi
}

# The browser tier (and Chromium-based PDFs) need Debian's chromium and chromium-driver: installed
# when we are root, otherwise the command to run is printed. Never fails: the tier reports it.
# The Visit Report PDF also needs an Arabic font (fonts-noto-core) and its test reads the PDF back
# with pdftotext (poppler-utils).
ensure_chromium() {
	local chromium=${ONYX_CHROMIUM:-/usr/bin/chromium} driver=${ONYX_CHROMEDRIVER:-/usr/bin/chromedriver}
	local packages="chromium chromium-driver fonts-noto-core poppler-utils"
	[ -x "$chromium" ] && [ -x "$driver" ] && command -v pdftotext >/dev/null &&
		fc-list 2>/dev/null | grep -qi "Noto Sans Arabic" && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "installing Chromium, ChromeDriver, an Arabic font and poppler-utils (Debian: $packages)"
		apt-get update -q >/dev/null &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >/dev/null ||
			say "could not install $packages"
	else
		say "no Chromium/ChromeDriver ($chromium, $driver), Arabic font or pdftotext; install them as root with:"
		say "  apt-get update && apt-get install -y $packages"
	fi
	return 0
}
