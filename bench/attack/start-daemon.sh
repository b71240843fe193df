#!/usr/bin/env bash
# Starts a hig daemon from this worktree for the outside review (docs/security-review.md).
# Everything lives under $ATK (default /tmp/hig-review): channels, drop folders, data, log.
# Ports: MLLP 41575, HTTP 41300. Redis prefix: rvw-<random>. Prints the daemon pid.
set -euo pipefail
ATK=${ATK:-/tmp/hig-review}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$ATK"/{channels,data,drop,err,ack,done,outside}
cat > "$ATK/channels/rv-mllp.json" <<J
{ "id": "rv-mllp", "enabled": true, "clientId": 1,
  "source": { "type": "mllp", "host": "127.0.0.1", "port": 41575, "maxMessageBytes": 1048576 },
  "accept": { "messageTypes": ["*"] }, "ackOn": "enqueue", "mapping": "hl7v2-fhir-r4",
  "queue": { "ordering": "none" }, "destination": { "type": "none" } }
J
cat > "$ATK/channels/rv-file.json" <<J
{ "id": "rv-file", "enabled": true, "clientId": 1,
  "source": { "type": "file", "dir": "$ATK/drop", "pattern": "*.hl7", "pollMs": 500, "settleMs": 1000,
              "errorDir": "$ATK/err", "ackDir": "$ATK/ack", "afterProcessing": { "moveTo": "$ATK/done" } },
  "accept": { "messageTypes": ["*"] }, "mapping": "hl7v2-fhir-r4",
  "queue": { "ordering": "none" }, "destination": { "type": "none" } }
J
cat > "$ATK/channels/rv-http.json" <<J
{ "id": "rv-http", "enabled": true, "clientId": 1,
  "source": { "type": "http", "clients": [1], "maxBodyBytes": 1048576, "receiveMessage": true, "syncTimeoutMs": 30000 },
  "accept": { "messageTypes": ["*"] }, "mapping": "hl7v2-fhir-r4",
  "queue": { "ordering": "none" }, "destination": { "type": "none" } }
J
[ -f "$ATK/key" ] || openssl rand -hex 32 > "$ATK/key"
[ -f "$ATK/prefix" ] || echo "rvw-$(openssl rand -hex 4)" > "$ATK/prefix"
cd "$ROOT"
env DATA_ENCRYPTION_KEY="$(cat "$ATK/key")" HIG_QUEUE_PREFIX="$(cat "$ATK/prefix")" \
  HIG_CHANNELS_DIR="$ATK/channels" HIG_DATA_DIR="$ATK/data" HIG_EMBEDDED_REDIS=false \
  HIG_HTTP_PORT=41300 HIG_STORE_ENABLED=false LOG_LEVEL=${LOG_LEVEL:-info} ${EXTRA_ENV:-} \
  nohup node bin/hig.js start > "$ATK/daemon.log" 2>&1 &
echo $! > "$ATK/pid"
echo "daemon pid $(cat "$ATK/pid"), log $ATK/daemon.log"
