# shellcheck shell=bash
# Sourced by test/run and test/lib/run-suites: one format for a result line,
# and one file that counts them, so that suites run inside a server that
# test/run started (run-suites, in another process) count like the rest.
#
#   record NAME STATUS SECONDS
#       prints "ok     NAME  [SECONDS s]" ("skip   " for 77, "FAILED " for
#       any other status) and appends "STATUS<tab>NAME" to $CSM_RESULTS
record() {
	local mark
	case $2 in
		0) mark="ok    " ;;
		77) mark="skip  " ;;
		*) mark="FAILED" ;;
	esac
	echo "$mark $1  [$3 s]"
	printf '%s\t%s\n' "$2" "$1" >>"$CSM_RESULTS"
}
