"""The arena's ledger and ranking with real runs (fake backend) in a real SQLite log:
matchups, votes stored with who was left, the ranking, and the plain statements for
one variant, zero votes, all ties and a variant with only errors."""

from __future__ import annotations

import random

import pytest

from reports.arena import ArenaError, cast, matchups, next_matchup, ranking_lines, ranking_of
from reports.grid import load_grid
from tests.arena_data import make_experiment


@pytest.fixture
def eid(fake_engine, tmp_path):
    return make_experiment(fake_engine, tmp_path)


def test_matchups_and_votes_record_positions(fake_engine, eid):
    store = fake_engine.store
    grid = load_grid(store, [eid])
    ms = matchups(grid)
    assert len(ms) == 4  # 4 rows x 1 pair of variants (qa2 does not fail on Boom?)
    rng = random.Random(3)
    lefts = set()
    for _ in range(8):
        m = next_matchup(grid, store.arena_votes(eid), rng)
        lefts.add(m.left)
        assert m.left_output.startswith(("Q", "Question")) and m.right_output != m.left_output
        cast(store, m, "left")
    assert len(lefts) == 2  # positions are randomized
    votes = store.arena_votes(eid)
    assert len(votes) == 8 and {v["voter"] for v in votes} == {"human"}
    # every matchup voted on twice: least-voted first
    assert sorted((v["row_index"]) for v in votes) == [0, 0, 1, 1, 2, 2, 3, 3]
    v = votes[0]
    assert v["left_run_id"] and v["right_run_id"] and v["left_column"] != v["right_column"]
    assert "human" in v["tags"] and {"maths", "geo"} & set(v["tags"])


def test_ranking_updates_with_votes_and_per_tag(fake_engine, eid):
    store = fake_engine.store
    grid = load_grid(store, [eid])
    empty = ranking_of(store, eid, n_resamples=50)
    assert empty.overall.statement == "no votes yet" and "no votes yet" in "\n".join(ranking_lines(empty))
    good = grid.columns[0].key
    for i, m in enumerate(matchups(grid)):
        for shown in (m, m.swapped()):
            won = (shown.left == good) != (i == 0 and shown is m)  # good wins 7 of 8
            cast(store, shown, "left" if won else "right")
    r = ranking_of(store, eid, n_resamples=200)
    assert r.overall.variants[0].name == good and r.overall.votes == 8
    s = r.overall.variants[0]
    assert (s.wins, s.losses) == (7, 1)
    assert s.low is not None and s.low < s.strength < s.high and s.rating > 1000
    assert {x.tag for x in r.rankings[1:]} == {"geo", "human", "maths"}
    text = "\n".join(ranking_lines(r))
    assert grid.columns[0].label in text and "nan" not in text.lower()


def test_all_ties_said_plainly(fake_engine, eid):
    store = fake_engine.store
    for m in matchups(load_grid(store, [eid])):
        cast(store, m, "tie")
        cast(store, m.swapped(), "both_bad")
    r = ranking_of(store, eid, n_resamples=50)
    assert r.overall.statement == "every vote is a tie: no variant ranks above another"
    assert "nan" not in "\n".join(ranking_lines(r)).lower()


def test_one_variant_and_bad_votes_refused(fake_engine, tmp_path, eid):
    store = fake_engine.store
    one = make_experiment(fake_engine, tmp_path, templates=1)
    with pytest.raises(ArenaError, match="has 1 variant; an arena compares two or more"):
        ranking_of(store, one)
    m = matchups(load_grid(store, [eid]))[0]
    with pytest.raises(ArenaError, match="a vote is one of left, right, tie, both_bad"):
        cast(store, m, "sideways")


def test_variant_with_only_errors_leaves_it_out(fake_engine, tmp_path):
    eid = make_experiment(fake_engine, tmp_path, templates=3)  # qa3 fails on Boom?
    grid = load_grid(fake_engine.store, [eid])
    ms = matchups(grid)
    qa3 = next(c.key for c in grid.columns if c.label.startswith("qa3") or "qa3" in c.key)
    boom = [m for m in ms if m.row_index == 3]
    assert boom and all(qa3 not in (m.left, m.right) for m in boom)


def test_judge_position_bias_and_agreement_with_people(fake_engine, eid):
    store = fake_engine.store
    ms = matchups(load_grid(store, [eid]))
    good = ms[0].left
    # a judge that is consistent on 3 matchups (prefers `good` whatever the side) and
    # always says "left" on the 4th; a person agrees with it on 3 of 4
    for i, m in enumerate(ms):
        for shown in (m, m.swapped()):
            outcome = "left" if i == 3 else ("left" if shown.left == good else "right")
            cast(store, shown, outcome, voter="judge:tiny")
        cast(store, m, "left" if i != 2 else "tie")
    r = ranking_of(store, eid, n_resamples=100)
    (j,) = r.judges
    assert (j.votes, j.pairs_both_orders, j.consistent) == (8, 4, 3)
    assert j.left_share == 5 / 8 and j.position_p is not None
    k = j.agreement
    assert k.n == 4 and k.agreement == 0.5 and k.kappa is not None  # rows 0, 1 agree; tie and "inconsistent" do not
    text = "\n".join(ranking_lines(r))
    assert "judge:tiny: 8 votes; 3/4 matchups the same in both orders" in text and "left chosen in 62%" in text
