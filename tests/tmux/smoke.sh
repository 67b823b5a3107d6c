#!/usr/bin/env bash
# tmux smoke test of the real `patchlab` binary: starts an emulator with a 2-instance fleet, opens the dashboard in a
# 120x35 tmux pane, drives a maintenance-window run with keys (2 = windows, v = preview, n = jump to the next execution,
# 3 = executions, Enter = invocations then an output, 1 = fleet, Enter = an instance) and checks the screen, then quits
# with q and checks the terminal came back. The preview, output and instance screens read through the real AWS SDK.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export PATCHLAB_ROOT=$ROOT
PATCHLAB="dotnet $ROOT/src/PatchLab.Emulator/bin/${PATCHLAB_CONFIGURATION:-Release}/net10.0/patchlab.dll"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
STATE=$(mktemp -d /tmp/patchlab-tmux.XXXXXX)
SESSION=patchlab-smoke-$$
export PATCHLAB_ENDPOINT=http://127.0.0.1:$PORT AWS_ACCESS_KEY_ID=lab AWS_SECRET_ACCESS_KEY=lab AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
ssm() { /usr/bin/aws ssm --endpoint-url "$PATCHLAB_ENDPOINT" "$@"; }
screen() { tmux capture-pane -p -t "$SESSION"; }
fail() { echo "TMUX SMOKE FAILED: $*" >&2; echo "--- screen ---" >&2; screen >&2 || true; exit 1; }
wait_for() { # text, seconds
  for _ in $(seq 1 $(( $2 * 4 ))); do screen | grep -q -- "$1" && return 0; sleep 0.25; done
  fail "'$1' did not appear within $2 s"
}
cleanup() {
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  $PATCHLAB fleet down >/dev/null 2>&1 || true
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$STATE"
}
trap cleanup EXIT

$PATCHLAB serve --port "$PORT" --state-dir "$STATE" --speed 60 >"$STATE/emulator.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fsS "$PATCHLAB_ENDPOINT/patchlab/v1/health" >/dev/null 2>&1 && break; sleep 0.2; done
$PATCHLAB fleet launch --count 2 --tag Environment=Production --name web >/dev/null
W=$(ssm create-maintenance-window --name Smoke-Window --schedule "cron(0 2 ? * SUN *)" --duration 2 --cutoff 1 \
      --no-allow-unassociated-targets --query WindowId --output text)
T=$(ssm register-target-with-maintenance-window --window-id "$W" --resource-type INSTANCE \
      --targets Key=tag:Environment,Values=Production --query WindowTargetId --output text)
ssm register-task-with-maintenance-window --window-id "$W" --task-type RUN_COMMAND --task-arn AWS-RunPatchBaseline \
  --targets "Key=WindowTargetIds,Values=$T" --max-concurrency 1 --max-errors 0 \
  --task-invocation-parameters '{"RunCommand":{"Parameters":{"Operation":["Scan"]}}}' >/dev/null
FIRST=$(ssm describe-instance-information --query 'InstanceInformationList[0].InstanceId' --output text)

tmux new-session -d -s "$SESSION" -x 120 -y 35 "$PATCHLAB tui; echo TUI-EXITED-\$?; sleep 60"
wait_for "PatchLab" 30
wait_for "$FIRST" 15                      # fleet view lists the instances
screen | grep -q "Online" || fail "instances are not shown Online"
tmux send-keys -t "$SESSION" 2
wait_for "Smoke-Window" 10                # windows view
wait_for "cron(0 2 ? \* SUN \*)" 5
wait_for "At 02:00 on Sunday (UTC)" 5     # the schedule in words
tmux send-keys -t "$SESSION" v            # preview: which instances the window will hit
wait_for "AWS-RunPatchBaseline → 2 instances" 10
tmux send-keys -t "$SESSION" n            # jump the clock to the previewed window's next execution
tmux send-keys -t "$SESSION" 3
wait_for "Smoke-Window" 10                # executions view
wait_for "SUCCESS" 90                     # the run finishes live on screen
wait_for "2 success" 10                   # the progress panel counts the instances
tmux send-keys -t "$SESSION" Enter        # per-instance invocations
wait_for "$FIRST" 10
tmux send-keys -t "$SESSION" Enter        # the first invocation's output (ListCommandInvocations + GetCommandInvocation)
wait_for "PatchLinux · Success" 20
tmux send-keys -t "$SESSION" Escape; sleep 0.5  # a key right after Esc would read as Alt+key
tmux send-keys -t "$SESSION" 1
wait_for "COMPLIANT" 30                   # compliance reported after the scan
tmux send-keys -t "$SESSION" Enter        # the first instance: its patches (DescribeInstancePatches)
wait_for "Patches web-" 20
wait_for "Installed" 20
tmux send-keys -t "$SESSION" Escape; sleep 0.5
tmux send-keys -t "$SESSION" q
wait_for "TUI-EXITED-0" 10
screen | grep -q "Smoke-Window" && fail "the dashboard did not leave the alternate screen"
echo "tmux smoke test passed"
