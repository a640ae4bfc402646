#!/bin/sh
# entente influence: usage errors, the notes on --sources and on partial
# dates, and the bundled data set.
#
# usage: influence.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json
kinds=$src/tests/fixtures/cli/kinds.json

expect "not a date" 2 "neither a date" "$bin" influence "$sc" --at 21/09/2023
expect "bad metric" 2 "unknown metric 'leverge'; did you mean 'leverage'" "$bin" influence "$sc" --at 2023 --metric leverge
expect "old metric name" 2 "the former default, the PageRank of cooperative acts, is 'cooperation_rank'" "$bin" influence "$sc" --at 2023 --metric influence

expect "sources: the note says so" 0 'only relations with evidence from sources of kind article;' "$bin" influence "$kinds" --at 2020 --sources article
# 2020 has 366 days: the window of 2020-12-31 starts on 2020-01-02, after the first day of
# an event dated "2020", so the event is counted and said to be uncertain.
expect "partial dates: an event reaching back before the window is named" 0 '1 event counted although its partial date reaches back before the window \(it may have happened before it\): b-criticizes-a$' "$bin" influence "$kinds" --at 2020 --sources article

expect "influence top" 0 '^influence on 2023-09-21, by leverage$' "$bin" influence "$sc" --at after-2022 --top 5

finish
