#!/usr/bin/env bash
# Cross-origin and DNS-rebinding probes against the review daemon's admin API WITHOUT an admin
# token (loopback, the npm start default). Probes a retry of a job id that does not exist, so 404
# means "the request passed every check" and nothing is replayed; 403 means refused.
# Usage: bash bench/attack/http-origin.sh
H=127.0.0.1:${HTTP_PORT:-41300}
U=http://$H/api/channels/rv-mllp/failed/nope/retry
probe() { local name=$1; shift; printf '%-58s %s\n' "$name" "$(curl -s -o /tmp/hig-review/probe.out -w '%{http_code}' "$@"; echo " $(head -c 90 /tmp/hig-review/probe.out)")"; }
probe "no Origin (curl, local process)"            -X POST $U
probe "Origin: http://evil.example"                 -X POST $U -H 'Origin: http://evil.example'
probe "Origin: null"                                -X POST $U -H 'Origin: null'
probe "form text/plain, Origin evil"                -X POST $U -H 'Origin: http://evil.example' -H 'Content-Type: text/plain' --data 'x=1'
probe "Origin: http://127.0.0.1:8080 (other local port)" -X POST $U -H 'Origin: http://127.0.0.1:8080'
probe "Origin: http://$H.evil.example"              -X POST $U -H "Origin: http://$H.evil.example"
probe "Origin: http://$H@evil.example"              -X POST $U -H "Origin: http://$H@evil.example"
probe "Origin: http://evil.example#$H"              -X POST $U -H "Origin: http://evil.example#$H"
probe "Origin: https://$H (scheme differs)"         -X POST $U -H "Origin: https://$H"
probe "Origin: http://$H (legit)"                   -X POST $U -H "Origin: http://$H"
probe "Origin: HTTP://$H (upper-case scheme)"      -X POST $U -H "Origin: HTTP://$H"
probe "Host: localhost:41300 + its Origin"          -X POST $U -H 'Host: localhost:41300' -H 'Origin: http://localhost:41300'
probe "Host: [::1]:41300 + its Origin"              -X POST $U -H 'Host: [::1]:41300' -H 'Origin: http://[::1]:41300'
probe "Host: LOCALHOST:41300 + its Origin"          -X POST $U -H 'Host: LOCALHOST:41300' -H 'Origin: http://LOCALHOST:41300'
probe "rebind: Host evil.example:41300 + Origin"    -X POST $U -H 'Host: evil.example:41300' -H 'Origin: http://evil.example:41300'
probe "rebind read: GET /api/stats Host evil"       http://$H/api/stats -H 'Host: evil.example:41300'
probe "rebind + X-Forwarded-Host: localhost"        -X POST $U -H 'Host: evil.example:41300' -H 'X-Forwarded-Host: localhost:41300' -H 'Origin: http://evil.example:41300'
probe "rebind read + X-Forwarded-Host: localhost"   http://$H/api/stats -H 'Host: evil.example:41300' -H 'X-Forwarded-Host: localhost:41300'
probe "rebind + Origin of loopback + XFH evil"      -X POST $U -H 'Host: evil.example:41300' -H 'X-Forwarded-Host: evil.example:41300' -H 'Origin: http://127.0.0.1:41300'
probe "Host: localhost.evil.example"                http://$H/api/stats -H 'Host: localhost.evil.example:41300'
probe "Host: 127.0.0.1.nip.io"                      http://$H/api/stats -H 'Host: 127.0.0.1.nip.io:41300'
probe "Host: [::ffff:127.0.0.1]"                    http://$H/api/stats -H 'Host: [::ffff:127.0.0.1]:41300'
probe "Host: localhost. (trailing dot)"             http://$H/api/stats -H 'Host: localhost.:41300'
probe "Host: 127.0.0.1:41300@evil"                  http://$H/api/stats -H 'Host: 127.0.0.1:41300@evil.example'
probe "no Host header (HTTP/1.0)"                   -0 http://$H/api/stats -H 'Host:'
probe "logout cross-origin"                         -X POST http://$H/logout -H 'Origin: http://evil.example' -H 'Content-Type: application/x-www-form-urlencoded' --data 'csrf=x'
probe "intake cross-origin (no key)"               -X POST http://$H/channels/rv-http/messages -H 'Origin: http://evil.example' -H 'Content-Type: text/plain' --data 'MSH'
echo "--- header values with CR/LF (raw socket):"
for raw in $'X-A: a\rb' $'X-A: a\nInjected: 1' $'Origin: http://127.0.0.1:41300\r\nOrigin: http://evil.example' $'Host: 127.0.0.1:41300\r\nHost: evil.example'; do
  printf '%-60q ' "$raw"
  printf 'POST /api/channels/rv-mllp/failed/nope/retry HTTP/1.1\r\nHost: 127.0.0.1:41300\r\n%s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' "$raw" | sed 's/^Host: 127.0.0.1:41300\r$//;' | timeout 5 nc -q 3 127.0.0.1 41300 | head -1
done
