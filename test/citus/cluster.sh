# Sourced (after test/lib/suite.sh): a throwaway Citus cluster on loopback ports,
# a coordinator and CITUS_WORKERS workers (default 2), for $PGVERSION.
#
#   citus_installed               true when Citus is installed for $PG_CONFIG
#   citus_start [-o 'guc=value']...  initdb, start, CREATE EXTENSION citus,
#                                 citus_add_node; sets COORD_PORT, WORKER_PORTS
#                                 and CITUS_DIR (the nodes' directory, which
#                                 citus_stop deletes: room for scratch files)
#   citus_stop                    stop every node and delete the directories
#                                 (citus_start installs it as the EXIT trap,
#                                 and makes INT, TERM and HUP exit)
#   coord [psql args]             psql on the coordinator (-At, ON_ERROR_STOP)
#   on_node PORT [psql args]      psql on any node
#
# Nodes run as the postgres user when the script runs as root (initdb refuses
# root), with fsync off, listen only on 127.0.0.1 and use the database
# "postgres".  Ports: the first free ones from CITUS_PORT (default 29360,
# below Linux's ephemeral range, where clients' own ports come from).

citus_installed() {
	[ -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ] &&
		[ -f "$("$PG_CONFIG" --sharedir)/extension/citus.control" ]
}

_citus_port_free() {			# a port nobody listens on at 127.0.0.1
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

citus_stop() {
	local d
	for d in "${_citus_dir:-/nonexistent}"/node*; do
		if [ -f "$d/postmaster.pid" ]; then
			"${as_owner[@]}" "$_citus_bindir/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
		fi
	done
	if [ -n "${_citus_dir:-}" ]; then rm -rf "$_citus_dir"; fi
	_citus_dir=
	return 0
}

coord() { on_node "$COORD_PORT" "$@"; }
on_node() { local p=$1; shift; q -h 127.0.0.1 -p "$p" -U postgres -d postgres "$@"; }

citus_start() {
	local settings=() opts n=$((1 + ${CITUS_WORKERS:-2})) port=${CITUS_PORT:-29360} ports=() i d tries
	while [ $# -gt 0 ]; do settings+=(-c "${2:?}"); shift 2; done
	_citus_bindir=$("$PG_CONFIG" --bindir)
	_citus_dir=$(server_dir csm-citus)
	trap citus_stop EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM HUP
	# shellcheck disable=SC2034  # for the scripts that source this file
	CITUS_DIR=$_citus_dir
	for ((i = 0; i < n; i++)); do
		d=$_citus_dir/node$i
		"${as_owner[@]}" "$_citus_bindir/initdb" -D "$d" -A trust -U postgres --no-sync >/dev/null
		# The next port nobody listens on; if another process takes it
		# before the server binds it (a client's ephemeral port, say), the
		# one after.
		for ((tries = 0; ; tries++)); do
			while ! _citus_port_free "$port"; do port=$((port + 1)); done
			# pg_ctl hands -o to a shell: one line, no quoting inside.
			opts="-p $port -k $_citus_dir -c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus"
			opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
			opts+=" -c max_prepared_transactions=50 -c citus.coordinator_aggregation_strategy=disabled"
			opts+=" ${settings[*]}"
			"${as_owner[@]}" "$_citus_bindir/pg_ctl" -D "$d" -l "$_citus_dir/node$i.log" -w -t 60 \
				-o "$opts" start >/dev/null && break
			if [ $tries -lt 10 ] && grep -q "could not create any TCP/IP sockets" "$_citus_dir/node$i.log"; then
				port=$((port + 1))
				continue
			fi
			cat "$_citus_dir/node$i.log" >&2
			return 1
		done
		ports+=("$port")
		port=$((port + 1))
	done
	COORD_PORT=${ports[0]}
	WORKER_PORTS=("${ports[@]:1}")
	for port in "${ports[@]}"; do
		on_node "$port" -c "SET client_min_messages = warning" -c "CREATE EXTENSION citus"
	done
	coord -c "SELECT citus_set_coordinator_host('127.0.0.1', $COORD_PORT)" >/dev/null
	for port in "${WORKER_PORTS[@]}"; do
		coord -c "SELECT citus_add_node('127.0.0.1', $port)" >/dev/null
	done
}

# The node logs, for a failure message.
citus_logs() { tail -n 30 "$_citus_dir"/node*.log 2>/dev/null; }
