#!/usr/bin/env bash
# The "Run seigo" step of action.yml, a script so that it can be tried (and tested) without
# GitHub: writes the SARIF report, annotates the pull request, and records the exit code.
#
#   0, 1  (clean, findings): `exit-code=N` goes to $GITHUB_OUTPUT and the step succeeds, so
#         the SARIF upload runs; a later step fails the job on 1.
#   2     (broken config or rule, unreadable file, ...): the step fails with seigo's message
#         and no `exit-code` output, so nothing is uploaded (no 0-byte SARIF, no confusing
#         upload error).
set -uo pipefail
seigo="${SEIGO_BIN:-seigo}"
read -r -a paths <<< "${SEIGO_PATHS:-.}"
read -r -a args <<< "${SEIGO_ARGS:-}"
sarif="${SEIGO_SARIF:-seigo.sarif}"

# `|| code=$?`: the exit code is kept even when this runs under `bash -e` (GitHub's
# `shell: bash`), which would otherwise stop at the findings' exit code 1.
code=0
"$seigo" check --format sarif "${args[@]}" "${paths[@]}" > "$sarif.tmp" || code=$?
if [ "$code" -ge 2 ]; then
  rm -f "$sarif.tmp"
  echo "::error title=seigo::seigo check failed (exit code $code): see the message above" >&2
  exit "$code"
fi
mv "$sarif.tmp" "$sarif"
if [ "${SEIGO_ANNOTATIONS:-true}" = "true" ]; then
  # The same findings as annotations; its exit code is the one above.
  "$seigo" check --format github --quiet "${args[@]}" "${paths[@]}" || true
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
