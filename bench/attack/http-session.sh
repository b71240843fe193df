#!/usr/bin/env bash
# Dashboard session attacks against the review daemon started WITH HIG_ADMIN_TOKEN: cross-origin
# login and logout, logout without the CSRF value, reuse of a logged-out cookie, write with the
# cookie but no CSRF header, Cache-Control of admin JSON. Usage: TOKEN=... bash bench/attack/http-session.sh
H=127.0.0.1:${HTTP_PORT:-41300}; O="Origin: http://$H"; J=/tmp/hig-review/jar; rm -f $J
st() { curl -s -o /tmp/hig-review/s.out -w '%{http_code}' "$@"; echo " $(grep -o '"code":"[A-Z_]*"' /tmp/hig-review/s.out | head -1)"; }
echo "login cross-origin:              $(st -X POST http://$H/login -H 'Origin: http://evil.example' --data-urlencode "token=$TOKEN")"
echo "login same-origin:               $(st -c $J -X POST http://$H/login -H "$O" --data-urlencode "token=$TOKEN")"
CSRF=$(curl -s -b $J http://$H/queue | grep -o 'hig-csrf" content="[^"]*' | sed 's/.*content="//')
echo "csrf value found:                ${CSRF:+yes}"
echo "cookie read /api/stats:          $(st -b $J http://$H/api/stats)"
echo "cache-control of /api/stats:     $(curl -s -D - -o /dev/null -b $J http://$H/api/stats | grep -i cache-control | tr -d '\r')"
echo "cache-control of a 401:          $(curl -s -D - -o /dev/null http://$H/api/stats | grep -i cache-control | tr -d '\r')"
echo "cookie write, no CSRF header:    $(st -b $J -X POST http://$H/api/channels/rv-mllp/failed/nope/retry -H "$O")"
echo "cookie write, CSRF, evil Origin: $(st -b $J -X POST http://$H/api/channels/rv-mllp/failed/nope/retry -H 'Origin: http://evil.example' -H "X-HIG-CSRF: $CSRF")"
echo "cookie write, CSRF, no Origin:   $(st -b $J -X POST http://$H/api/channels/rv-mllp/failed/nope/retry -H "X-HIG-CSRF: $CSRF")"
echo "cookie write, CSRF, own Origin:  $(st -b $J -X POST http://$H/api/channels/rv-mllp/failed/nope/retry -H "$O" -H "X-HIG-CSRF: $CSRF")"
echo "logout cross-origin (cookie):    $(st -b $J -X POST http://$H/logout -H 'Origin: http://evil.example' --data "csrf=$CSRF")"
echo "logout no csrf (cookie):         $(st -b $J -X POST http://$H/logout -H "$O" --data 'x=1')"
echo "still logged in?                 $(st -b $J http://$H/api/stats)"
cp $J $J.copy
echo "logout proper:                   $(st -b $J -X POST http://$H/logout -H "$O" --data "csrf=$CSRF")"
echo "copied cookie after logout:      $(st -b $J.copy http://$H/api/stats)"
echo "bearer with evil Origin write:   $(st -X POST http://$H/api/channels/rv-mllp/failed/nope/retry -H "Authorization: Bearer $TOKEN" -H 'Origin: http://evil.example')"
echo "bearer, no Origin write:         $(st -X POST http://$H/api/channels/rv-mllp/failed/nope/retry -H "Authorization: Bearer $TOKEN")"
echo "wrong token x12 then right:      $(for i in $(seq 12); do curl -s -o /dev/null -w '%{http_code} ' http://$H/api/stats -H 'Authorization: Bearer wrongwrongwrongwrong'; done; st http://$H/api/stats -H "Authorization: Bearer $TOKEN")"
