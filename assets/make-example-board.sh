#!/usr/bin/env bash
# Rebuilds assets/example-board.ron with the CLI itself, so the example's history is real:
#   cargo build && bash assets/make-example-board.sh target/debug/sprintboard > assets/example-board.ron
# The first run of sprintboard copies this board and moves its dates so the active sprint is current.
set -euo pipefail
sb=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
b() { "$sb" --board "$dir/b" "$@"; }
at() { export SPRINTBOARD_NOW="$1" SPRINTBOARD_USER="$2"; }

at 2026-10-16T09:00:00Z Maya
"$sb" init --board "$dir/b" --name "Web shop" --prefix SB >/dev/null
b epic new "Checkout v2" --description "A faster, safer checkout: saved cards, one-page flow" >/dev/null
b epic new "Onboarding" --description "New customers reach their first order in minutes" >/dev/null
b epic new "Performance" --description "Pages under one second on a mid-range phone" >/dev/null
b sprint new "Sprint 23" --goal "Saved cards behind a flag" --start 2026-10-19 --end 2026-10-30 --capacity 24 >/dev/null
b sprint new "Sprint 24" --goal "One-page checkout in beta" --start 2026-11-02 --end 2026-11-13 --capacity 30 >/dev/null
b sprint new "Sprint 25" --goal "Onboarding tour" --start 2026-11-16 --end 2026-11-27 --capacity 24 >/dev/null

add() { b add "$@"; }
# Sprint 23, done
s1=$(add "Store card tokens with the payment provider" --points 5 --epic "Checkout v2" --sprint "Sprint 23" --assignee Ana --label backend)
s2=$(add "Card picker on the payment step" --points 3 --epic "Checkout v2" --sprint "Sprint 23" --assignee Bo --label web)
s3=$(add "Remove a saved card" --points 2 --epic "Checkout v2" --sprint "Sprint 23" --assignee Chen --label web)
s4=$(add "Lazy-load product images" --points 3 --epic "Performance" --sprint "Sprint 23" --assignee Dara --label web)
s5=$(add "Cache category pages at the edge" --points 5 --epic "Performance" --sprint "Sprint 23" --assignee Ana --label infra)
s6=$(add "Feature flag for saved cards" --points 2 --epic "Checkout v2" --sprint "Sprint 23" --assignee Chen --label backend)
c1=$(add "Address autocomplete" --points 5 --epic "Checkout v2" --sprint "Sprint 23" --assignee Bo --label web)
at 2026-10-19T09:30:00Z Maya
b sprint start "Sprint 23" >/dev/null
day=19
for k in $s1 $s2 $s3 $s4 $s5 $s6; do
  at "2026-10-${day}T10:00:00Z" Ana; b move "$k" --status "In Progress" >/dev/null
  at "2026-10-$((day+2))T15:00:00Z" Bo; b move "$k" --status Review >/dev/null
  at "2026-10-$((day+3))T11:00:00Z" Chen; b move "$k" --status Done >/dev/null
  day=$((day+1))
done
at 2026-10-27T10:00:00Z Bo
b move "$c1" --status "In Progress" >/dev/null

# Sprint 24 and 25 planned before the close, so the carry-over lands in Sprint 24
at 2026-10-29T14:00:00Z Maya
a1=$(add "One-page checkout layout" --points 5 --epic "Checkout v2" --sprint "Sprint 24" --assignee Bo --label web)
a2=$(add "Validate the address before payment" --points 3 --epic "Checkout v2" --sprint "Sprint 24" --assignee Ana --label backend)
a3=$(add "Apple Pay and Google Pay buttons" --points 5 --epic "Checkout v2" --sprint "Sprint 24" --assignee Chen --label web)
a4=$(add "Order confirmation e-mail with the new layout" --points 2 --epic "Checkout v2" --sprint "Sprint 24" --assignee Dara --label email)
a5=$(add "Trim the JavaScript bundle under 200 kB" --points 3 --epic "Performance" --sprint "Sprint 24" --assignee Dara --label web)
a6=$(add "Checkout error messages people understand" --points 2 --epic "Checkout v2" --sprint "Sprint 24" --label ux)
a7=$(add "Beta toggle in account settings" --points 1 --epic "Checkout v2" --sprint "Sprint 24" --label web)
a8=$(add "Load test the payment step" --points 3 --epic "Performance" --sprint "Sprint 24" --label infra)
a9=$(add "Track checkout drop-off per step" --points 2 --epic "Checkout v2" --label analytics)
p1=$(add "Welcome tour: three steps" --points 5 --epic "Onboarding" --sprint "Sprint 25" --label web)
p2=$(add "Skip the tour and never see it again" --points 2 --epic "Onboarding" --sprint "Sprint 25" --label web)
p3=$(add "Empty states that point to the first action" --points 3 --epic "Onboarding" --sprint "Sprint 25" --label ux)
at 2026-10-30T16:00:00Z Maya
b sprint close "Sprint 23" >/dev/null
at 2026-11-02T09:15:00Z Maya
b sprint start "Sprint 24" >/dev/null
at 2026-11-02T10:00:00Z Bo;   b move "$a1" --status "In Progress" >/dev/null
at 2026-11-02T10:20:00Z Ana;  b move "$a2" --status "In Progress" >/dev/null
at 2026-11-03T09:40:00Z Dara; b move "$a4" --status "In Progress" >/dev/null
at 2026-11-04T16:10:00Z Dara; b move "$a4" --status Review >/dev/null
at 2026-11-05T11:00:00Z Ana;  b move "$a4" --status Done >/dev/null
at 2026-11-04T09:30:00Z Bo;   b move "$c1" --status Review >/dev/null
at 2026-11-05T14:00:00Z Chen; b move "$c1" --status Done >/dev/null
at 2026-11-04T10:00:00Z Chen; b move "$a3" --status "In Progress" >/dev/null
at 2026-11-04T15:30:00Z Chen; b edit "$a3" --blocked "Waiting for the Apple Pay merchant certificate" >/dev/null
at 2026-11-05T09:30:00Z Ana;  b move "$a2" --status Review >/dev/null
at 2026-11-05T10:00:00Z Dara; b move "$a5" --status "In Progress" >/dev/null
b edit "$a1" --description "Shipping, payment and review on one page. Sections collapse once done." \
  --acceptance "- A returning customer with a saved card pays in two clicks
- Every section can be edited without losing what was typed
- Works on a 360 px wide screen" >/dev/null

# Backlog, groomed and scored
at 2026-11-04T13:00:00Z Maya
k=$(add "Guest checkout without an account" --points 8 --epic "Checkout v2" --label web); b edit "$k" --moscow must --rice 4000,2,0.8,3 --wsjf 8,8,3,8 >/dev/null
k=$(add "Invite a teammate to a business account" --points 5 --epic "Onboarding" --label web); b edit "$k" --moscow should --rice 600,1,0.8,2 --wsjf 5,3,2,5 >/dev/null
k=$(add "Preload the next page of search results" --points 3 --epic "Performance" --label web); b edit "$k" --moscow could --rice 9000,0.5,0.5,1 --wsjf 3,2,1,3 >/dev/null
k=$(add "Gift cards at checkout" --points 8 --epic "Checkout v2" --label backend); b edit "$k" --moscow should --rice 1500,1,0.5,4 >/dev/null
k=$(add "Dark mode" --points 5 --label ux); b edit "$k" --moscow wont >/dev/null
k=$(add "Export orders as CSV for accountants" --points 3 --label backend); b edit "$k" --moscow could >/dev/null
add "Localise the checkout into German" --points 5 --epic "Checkout v2" --label i18n >/dev/null

python3 - "$dir/b/board.ron" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('name: "In Progress",\n            wip: None', 'name: "In Progress",\n            wip: 3', 1)
s = s.replace('name: "Review",\n            wip: None', 'name: "Review",\n            wip: 2', 1)
s = s.replace('people: []', 'people: [\n        "Ana",\n        "Bo",\n        "Chen",\n        "Dara",\n        "Maya",\n    ]', 1)
open(p, "w").write(s)
PY
b export --format ron
