#!/bin/bash
# The man page and bash completion against vireoctl's own --help: every noun and verb the
# binary knows is documented in docs/vireoctl.1 and offered by completion, and completion
# offers the library's VM names. Usage: cli_docs.sh VIREOCTL SOURCE_DIR
set -euo pipefail
vireoctl=$1 src=$2
man=$src/docs/vireoctl.1
fail() { echo "FAIL: $*" >&2; exit 1; }

nouns=$("$vireoctl" --help | sed -n 's/^\([a-z]*\): .*/\1/p')
[ -n "$nouns" ] || fail "vireoctl --help lists no nouns"
pairs=0
for noun in $nouns; do
  verbs=$("$vireoctl" "$noun" --help | sed -n 's/^  \([a-z-]*\)  .*/\1/p')
  [ -n "$verbs" ] || fail "vireoctl $noun --help lists no verbs"
  for verb in $verbs; do
    pairs=$((pairs + 1))
    # vm console / vm display are documented as the top-level commands they alias.
    if [ "$noun" = vm ] && { [ "$verb" = console ] || [ "$verb" = display ]; }; then
      grep -q "^\.B $verb NAME" "$man" || fail "man page lacks '$verb'"
      continue
    fi
    # Not grep -q at the end of the pipe: it exits at the first match, the first grep then
    # dies of SIGPIPE, and pipefail reports a documented verb as missing.
    grep -E "(^|[^a-z])$noun([^a-z]|$)" "$man" | grep -E "(^|[^a-z-])$verb([^a-z-]|$)" >/dev/null ||
      fail "man page lacks '$noun $verb' (docs/vireoctl.1)"
  done
done
echo "man page: $pairs verbs documented"

completion=/usr/share/bash-completion/bash_completion
if [ ! -r "$completion" ]; then
  echo "SKIP: bash-completion is not installed ($completion): completion not checked"
  exit 0
fi
# shellcheck disable=SC1090
source "$completion"
# shellcheck disable=SC1091
source "$src/resources/bash-completion/vireoctl"
PATH=$(dirname "$vireoctl"):$PATH
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _vireoctl
  echo " ${COMPREPLY[*]} "
}
offered=$(complete_words vireoctl "")
for noun in $nouns console display; do
  [[ $offered == *" $noun "* ]] || fail "completion does not offer '$noun' (got:$offered)"
done
for noun in $nouns; do
  offered=$(complete_words vireoctl "$noun" "")
  for verb in $("$vireoctl" "$noun" --help | sed -n 's/^  \([a-z-]*\)  .*/\1/p'); do
    [[ $offered == *" $verb "* ]] || fail "completion does not offer '$noun $verb'"
  done
done
lib=$(mktemp -d)
trap 'rm -rf "$lib"' EXIT
"$vireoctl" --library "$lib" vm create completeme --nic none >/dev/null
offered=$(complete_words vireoctl --library "$lib" vm start "")
[[ $offered == *" completeme "* ]] || fail "completion does not offer VM names (got:$offered)"
offered=$(complete_words vireoctl --library "$lib" vm create --mem)
[[ $offered == *" --memory "* ]] || fail "completion does not offer options (got:$offered)"
echo "completion: nouns, verbs, VM names and options offered"
