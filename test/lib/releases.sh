# Sourced by the suites that install released versions of csm (upgrade,
# pg_upgrade): which versions were released, from which commit, and how to
# put a release's own install script or library in place.  Needs
# PG_CONFIG and as_root (test/lib/suite.sh, sourced first) and a git
# checkout with the history.
#
# Only the current version's full script is installed by `make install`;
# an older version is installed here, from its own commit, when a test
# needs a database on it.

# Released versions, oldest first, and the commits that are them.
csm_releases=(1.0 1.1)
declare -A csm_release_commit=([1.0]=af69bfe4eaa7ff537b6d53f9764caf2e70b772c3
	[1.1]=dcc0a6fcadc4c6e0907c31f0fa9d95c6cf4a47df)

csm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
csm_extension_dir=$("$PG_CONFIG" --sharedir)/extension
csm_installed_scripts=()

# release_source VERSION DIR: release VERSION's source tree, extracted into
# DIR; fails, saying why, when its commit is not in this checkout's history.
release_source() {
	local commit=${csm_release_commit[$1]:-}
	[ -n "$commit" ] || { echo "no commit is recorded for csm $1"; return 1; }
	git -C "$csm_root" cat-file -e "$commit^{commit}" 2>/dev/null ||
		{ echo "csm $1's commit is not in this checkout's history"; return 1; }
	git -C "$csm_root" archive "$commit" | tar -x -C "$2"
}

# install_release_script VERSION: release VERSION's full install script,
# built from its own tree, in the extension directory until the suite
# exits (remove_release_scripts), so that CREATE EXTENSION csm VERSION
# 'VERSION' runs what that release ran.
install_release_script() {
	local src script=csm--$1.sql
	src=$(mktemp -d /tmp/csm-release.XXXXXX)
	release_source "$1" "$src" || { rm -rf "$src"; return 1; }
	make -C "$src" -s PG_CONFIG="$PG_CONFIG" "src/sql/$script" >/dev/null 2>&1 ||
		{ echo "csm $1's install script does not build here"; rm -rf "$src"; return 1; }
	as_root install -m 644 "$src/src/sql/$script" "$csm_extension_dir/$script"
	csm_installed_scripts+=("$csm_extension_dir/$script")
	rm -rf "$src"
}

# Removes what install_release_script put in place; a suite calls it on exit.
remove_release_scripts() {
	[ ${#csm_installed_scripts[@]} -eq 0 ] || as_root rm -f "${csm_installed_scripts[@]}"
	csm_installed_scripts=()
}
