#!/usr/bin/env bash
# Makes sure the zfs-fuse daemon answers, starting it under a supervisor when it does not.
# The one place that starts zfs-fuse: setup-debian.sh, the sandbox and the test kit call it.
#
# zfs-fuse refuses to start while its pidfile exists, even when the process in it is long gone
# (a crash, a restored machine): a stale pidfile is removed first. The supervisor runs the daemon
# in the foreground and restarts it if it ever exits, so one crash costs the operations in flight,
# not every later test. Each exit is logged with its status in $ZFS_FUSE_LOG
# (default /var/log/zfs-fuse-supervisor.log); scripts/test.sh reports them.
set -uo pipefail
pidfile=/run/zfs-fuse.pid
log=${ZFS_FUSE_LOG:-/var/log/zfs-fuse-supervisor.log}

answers() { zpool list >/dev/null 2>&1; }

if [ "${1:-}" != supervise ] && answers; then
  exit 0
fi

if [ "${1:-}" = supervise ]; then
  while :; do
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then
      rm -f "$pidfile"
    fi
    mkdir -p /var/run/zfs
    zfs-fuse --no-daemon --no-kstat-mount --pidfile "$pidfile" >>"$log" 2>&1
    status=$?
    echo "$(date -u +%FT%TZ) zfs-fuse exited with status $status; restarting" >>"$log"
    rm -f "$pidfile"
    sleep 0.5
  done
fi

# A daemon that runs but does not answer yet (starting, importing pools, dying) is given time;
# the supervisor is started once nothing of zfs-fuse is left.
for _ in $(seq 1 100); do
  answers && exit 0
  if ! pgrep -f "zfs-fuse-daemon.sh supervise" >/dev/null && ! pgrep -x zfs-fuse >/dev/null; then
    echo "zfs-fuse-daemon: starting zfs-fuse under a supervisor (log: $log)" >&2
    setsid nohup "$0" supervise </dev/null >/dev/null 2>&1 &
  fi
  sleep 0.1
done
echo "zfs-fuse-daemon: zfs-fuse does not answer after 10 s; see $log" >&2
exit 1
