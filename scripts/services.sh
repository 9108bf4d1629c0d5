#!/usr/bin/env bash
# Starts PostgreSQL and Redis on this machine if they are down and creates the portal's
# database role. Idempotent; used by .ci/run (see shared/facts/services.md).
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
if ! pg_lsclusters | grep -q online; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -tAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='portal'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE portal LOGIN PASSWORD 'portal' CREATEDB\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='portal'\"" | grep -q 1 \
  || su postgres -c "createdb -O portal portal"

if ! command -v redis-server >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
if ! redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp --pidfile /tmp/redis-portal.pid --logfile /tmp/redis-portal.log
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG && break
    sleep 0.5
  done
fi
echo "PostgreSQL and Redis are up."
