#!/bin/bash
# Compresses ingest logs older than seven days (OPS-1930). Safe to run more than once.
set -eu
cd "$HOME/ops/logs"
find . -maxdepth 1 -name 'ingest-*.log' -mtime +7 -print -exec gzip -9 {} \;
echo "rotate_logs: done"
