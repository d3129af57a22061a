#!/usr/bin/env bash
# The script part of action.yml (and of the GitLab CI snippet in docs/git.md): picks the commits to scan,
# runs `ring-keys scan --git`, writes SARIF, prints annotations, and records the outcome for later steps.
#
#   RING_KEYS_CLI      the CLI script (dist/cli.js)                      required
#   RING_KEYS_SCOPE    changes (default: the pushed or pull-request commits) or history (every commit)
#   RING_KEYS_SINCE    scan commits after this revision (overrides what the event says)
#   RING_KEYS_SARIF    where the SARIF goes (default ring-keys.sarif)
#   RING_KEYS_FAIL_ON_FINDINGS  true: exit 1 when keys are found (GitLab; the Action fails in a later step)
#   GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_OUTPUT   as set by GitHub Actions
#
# Exit status: 0 when the scan ran (findings or not: see the `exit-code` output; 1 with
# RING_KEYS_FAIL_ON_FINDINGS=true), 2 when it could not run.
set -u

cli="${RING_KEYS_CLI:?RING_KEYS_CLI must name dist/cli.js}"
node_bin="${RING_KEYS_NODE:-node}"
scope="${RING_KEYS_SCOPE:-changes}"
sarif="${RING_KEYS_SARIF:-ring-keys.sarif}"
since="${RING_KEYS_SINCE:-}"

if [ "$scope" != "changes" ] && [ "$scope" != "history" ]; then
  echo "::error::ring-keys: scope must be changes or history, not '$scope'"
  exit 2
fi

# the commits to scan: what the push or the pull request adds (the event payload names the base)
if [ -z "$since" ] && [ "$scope" = "changes" ] && [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "${GITHUB_EVENT_PATH}" ]; then
  since=$("$node_bin" -e '
    const e = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const name = process.argv[2];
    const base = name.startsWith("pull_request") ? e.pull_request && e.pull_request.base && e.pull_request.base.sha : e.before;
    process.stdout.write(typeof base === "string" && /^[0-9a-f]{40,64}$/.test(base) && !/^0+$/.test(base) ? base : "");
  ' "$GITHUB_EVENT_PATH" "${GITHUB_EVENT_NAME:-push}")
fi

args=(scan --git --format sarif --output "$sarif" --annotate)
if [ -n "$since" ]; then
  args+=(--since "$since")
  echo "ring-keys: scanning the commits after ${since:0:12}"
else
  echo "ring-keys: scanning the whole history of HEAD"
fi

"$node_bin" "$cli" "${args[@]}"
code=$?

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    if [ -f "$sarif" ]; then echo "sarif-file=$sarif"; fi
  } >> "$GITHUB_OUTPUT"
fi

case "$code" in
  0) echo "ring-keys: no keys found" ;;
  1) echo "ring-keys: keys found (annotated above; SARIF in $sarif)"
     if [ "${RING_KEYS_FAIL_ON_FINDINGS:-}" = "true" ]; then exit 1; fi ;;
  *) echo "::error::ring-keys could not scan (exit $code). A shallow clone lacks the history: check out with fetch-depth: 0."
     exit 2 ;;
esac
exit 0
