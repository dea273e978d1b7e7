#!/usr/bin/env bash
# Starts or stops a 3-member etcd cluster on loopback for sled-etcd's tests and CI.
#
#   etcd-cluster.sh install     install Debian's etcd-server if `etcd` is missing (what the JUnit tests need:
#                               they start their own members on loopback ports 24791-24881)
#   etcd-cluster.sh start DIR   install Debian's etcd-server if `etcd` is missing, start members e1..e3
#                               (client ports 23791-23793, peer ports 23801-23803), wait until healthy
#   etcd-cluster.sh stop DIR    kill each member by the PID in DIR/e$i.pid and wait for it to exit
#
# Non-default ports keep it clear of a system etcd on 2379. Data, logs and PIDs live in DIR.
# SLED_ETCD_BIN overrides the etcd binary.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || ( -z "$dir" && "$cmd" != install ) ]]; then
  echo "usage: $0 install | start DIR | stop DIR" >&2
  exit 2
fi

etcd_bin=${SLED_ETCD_BIN:-etcd}
cluster="e1=http://127.0.0.1:23801,e2=http://127.0.0.1:23802,e3=http://127.0.0.1:23803"
endpoints="http://127.0.0.1:23791,http://127.0.0.1:23792,http://127.0.0.1:23793"

install_etcd() {
  if command -v "$etcd_bin" >/dev/null 2>&1; then
    return
  fi
  echo "etcd not found: installing Debian's etcd-server" >&2
  # The package's service start is refused in containers (policy-rc.d), so nothing else starts listening.
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
}

healthy() {
  # Health is a linearizable read through every member: it needs a leader and all three up.
  for i in 1 2 3; do
    curl -fsS --max-time 1 "http://127.0.0.1:2379$i/health" 2>/dev/null | grep -q '"health":"true"' || return 1
  done
}

start() {
  install_etcd
  mkdir -p "$dir"
  for i in 1 2 3; do
    if [[ -f "$dir/e$i.pid" ]] && kill -0 "$(cat "$dir/e$i.pid")" 2>/dev/null; then
      echo "member e$i is already running (pid $(cat "$dir/e$i.pid"))" >&2
      exit 1
    fi
  done
  for i in 1 2 3; do
    "$etcd_bin" --name "e$i" --data-dir "$dir/e$i" \
      --listen-client-urls "http://127.0.0.1:2379$i" --advertise-client-urls "http://127.0.0.1:2379$i" \
      --listen-peer-urls "http://127.0.0.1:2380$i" --initial-advertise-peer-urls "http://127.0.0.1:2380$i" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token sled-ci \
      --auto-compaction-mode revision --auto-compaction-retention 10000 >"$dir/e$i.log" 2>&1 &
    echo $! >"$dir/e$i.pid"
  done
  for _ in $(seq 1 60); do
    if healthy; then
      echo "etcd cluster healthy: $endpoints"
      return
    fi
    sleep 0.5
  done
  echo "etcd cluster did not become healthy within 30 s; logs in $dir/e*.log" >&2
  tail -n 20 "$dir"/e*.log >&2 || true
  stop
  exit 1
}

stop() {
  local pids=()
  for i in 1 2 3; do
    [[ -f "$dir/e$i.pid" ]] && pids+=("$(cat "$dir/e$i.pid")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # The last member standing is a leader without peers and waits ~7 s for a leadership transfer that cannot
  # happen; the data is throw-away, so after 3 s it is killed.
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  rm -f "$dir"/e*.pid
}

case "$cmd" in
  install) install_etcd ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
