#!/usr/bin/env bash
# The curl walk-through of docs/api.md as one script, against a standalone Host that is running
# (`dotnet run --project services/Host`). It runs from any folder: the photo it sends lies beside it,
# what it saves goes to a temporary folder, and the routing policy it shortens is put back when it
# ends, however it ends. Another address: B=http://127.0.0.1:5090 docs/samples/walk-through.sh
set -euo pipefail
B=${B:-http://127.0.0.1:5080}
SAMPLES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # the photo it sends is here
WORK=$(mktemp -d)

# Every API call needs a token; standalone signs in the demo county's staff with one request.
token() { curl -sS --fail-with-body -X POST "$B/auth/dev-token" -H 'Content-Type: application/json' \
          -d "{\"userId\":\"$1\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'; }
as() { local t=$1; shift; curl -sS --fail-with-body -H "Authorization: Bearer $t" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# Routing and escalation arrive by message: wait (a minute at most) until the case shows the value.
wait_for() {
    for _ in $(seq 60); do
        [ "$(as "$GW" "$B/incidents/$ID" | field "d['$1']")" = "$2" ] && return 0
        sleep 1
    done
    echo "the case's $1 did not become $2 within a minute" >&2; return 1
}

ADMIN=$(token county-administrator-500101000000)          # the county: sees and edits everything
GW=$(token grid-worker-full-time-500101001001001)         # a grid worker of grid 500101001001001
TOWNSHIP=$(token township-dispatcher-500101001000)        # the township command centre (龙白镇)

# The map: the townships, and the chain from a courtyard up to the county
as "$ADMIN" "$B/grids/units?level=township" | field "[u['name'] for u in d]"
as "$ADMIN" "$B/grids/units/500101001001001001/path" | field "' > '.join(u['name'] for u in d)"

# The routing policy is data (county administrators edit it). Save it, put it back at the end, and
# meanwhile shorten the deadlines and let a missed one move the case up (the default for ordinary
# matters is to supervise: the case stays and the tier above is prompted; docs/deadlines.md).
as "$ADMIN" "$B/dispatch/policy" > "$WORK/policy.json"
trap 'as "$ADMIN" -X PUT "$B/dispatch/policy" --data @"$WORK/policy.json" > /dev/null && echo "policy put back"; rm -rf "$WORK"' EXIT
trap 'exit 130' INT; trap 'exit 143' TERM    # Ctrl+C or kill: still put it back
python3 -c 'import json,sys; p=json.load(open(sys.argv[1]));
p["deadlines"]={"courtyard":"20s","village":"30s","township":"7d","county":"15d"}; p["onMissedDeadline"]="escalate";
print(json.dumps(p))' \
    "$WORK/policy.json" > "$WORK/short.json"
as "$ADMIN" -X PUT "$B/dispatch/policy" --data @"$WORK/short.json" | field "'policy version', d['version']"

# The grid worker files a neighbour dispute (grade IV) at a courtyard of his grid → 201 Created
ID=$(as "$GW" -X POST "$B/incidents" -d '{"unitCode":"500101001001001001","category":"dispute","grade":"IV",
     "title":"邻里噪音纠纷","description":"楼上装修噪音，双方争执","location":{"lat":30.52,"lng":108.02}}' | field "d['id']")
echo "filed $ID"
wait_for tier village                  # disputes go to village mediation first
as "$GW" "$B/incidents/$ID" | field "d['status'], d['tier'], d['dueAt']"

# A photo of it (JPEG, PNG or WebP, at most 5 MB): multipart, field "photo"
curl -sS --fail-with-body -H "Authorization: Bearer $GW" -F photo=@"$SAMPLES/scene.jpg" "$B/incidents/$ID/photos" \
    | field "'photo', d['id'], d['contentType'], d['size']"

# Nobody settles it in the village's 30 seconds: yellow card, then red, and it moves up a tier
wait_for tier township
as "$GW" "$B/incidents/$ID" | field "[(t['action'], t['tier'], t['reason']) for t in d['timeline']]"
as "$TOWNSHIP" "$B/dispatch/command-centres/500101001000/queue" | field "(d['total'], [(q['incidentId'], q['warning'], q['dueAt']) for q in d['items']][:3])"
as "$TOWNSHIP" "$B/dispatch/assignments/$ID" | field "d['assignment']['tier'], d['assignment']['unitCode'], [(e['fromTier'], e['toTier'], e['reason']) for e in d['escalations']]"

# The township acknowledges (签收) and resolves (办结); the grid worker verifies (核查), never the handler
as "$TOWNSHIP" -X POST "$B/incidents/$ID/accept" | field "d['status']"
as "$TOWNSHIP" -X POST "$B/incidents/$ID/resolve" -d '{"note":"司法所调解达成协议"}' | field "d['status']"
as "$GW" -X POST "$B/incidents/$ID/verification" -d '{"result":"solved","satisfaction":"satisfied"}' | field "d['status']"
# ("partly-solved" / "not-solved" reopen the case on its tier; "not-solved" twice moves it up a tier.)

as "$ADMIN" "$B/incidents/dashboard/summary?unitCode=500101001000" | field "d"   # the figures moved
