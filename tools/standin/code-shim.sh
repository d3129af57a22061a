#!/usr/bin/env bash
# Stands in for the VS Code executable: @vscode/test-electron's runTests({ vscodeExecutablePath })
# spawns this with the `code` CLI's arguments, and it runs them in the stand-in (harness.mjs).
exec node "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/harness.mjs" "$@"
