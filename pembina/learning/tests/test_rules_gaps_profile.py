"""Gap analysis against a known table; the current-level rule (property tests); default standards."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pembina.learning.choices import AssessmentSource as S
from pembina.learning.rules import gaps, profile, standards

# competency ids: 1 integritas, 2 kerja sama, 3 komunikasi, 4 orientasi hasil, 9 perekat bangsa, 20 teknis
STANDARD = {1: 3, 2: 3, 3: 3, 4: 3, 9: 2, 20: 2}  # an administrator
TARGET = {1: 4, 2: 4, 3: 4, 4: 4, 9: 3}  # JPT pratama (talent pool target)
PROFILE = {1: 3, 2: 2, 3: 4, 9: 1, 30: 2}  # 4 and 20 not assessed; 30 not required


def test_gap_analysis_against_a_known_table():
    rows = {r.competency_id: r for r in gaps.analyse(PROFILE, STANDARD, TARGET)}
    expected = {
        # id: (required, current, gap, target_required, target_gap, status)
        1: (3, 3, 0, 4, 1, gaps.GAP),  # meets the job, short of the target
        2: (3, 2, 1, 4, 2, gaps.GAP),
        3: (3, 4, 0, 4, 0, gaps.MET),
        4: (3, None, None, 4, None, gaps.NOT_ASSESSED),
        9: (2, 1, 1, 3, 2, gaps.GAP),
        20: (2, None, None, None, None, gaps.NOT_ASSESSED),
        30: (None, 2, None, None, None, gaps.NOT_REQUIRED),
    }
    assert {
        cid: (r.required, r.current, r.gap, r.target_required, r.target_gap, r.status)
        for cid, r in rows.items()
    } == expected
    assert rows[3].surplus == 1
    # JPM = Σ min(current, required) / Σ required = (3+2+3+0+1+0) / 16
    assert gaps.job_person_match(PROFILE, STANDARD) == Decimal("56.3")
    assert gaps.jpm_band(Decimal("56.3")) == "kurang_optimal"
    assert gaps.jpm_band(Decimal("90")) == "optimal"
    assert gaps.jpm_band(Decimal("78")) == "cukup_optimal"
    assert gaps.job_person_match(PROFILE, {}) is None
    assert [r.competency_id for r in gaps.biggest(gaps.analyse(PROFILE, STANDARD, TARGET))] == [2, 9, 1]


levels = st.integers(min_value=1, max_value=5)
maps = st.dictionaries(st.integers(min_value=1, max_value=12), levels, max_size=10)


@settings(max_examples=200, deadline=None)
@given(maps, maps)
def test_gap_and_jpm_properties(current, standard):
    for r in gaps.analyse(current, standard):
        if r.gap is not None:
            assert r.gap == max(r.required - r.current, 0)
    jpm = gaps.job_person_match(current, standard)
    if standard:
        assert Decimal(0) <= jpm <= Decimal(100)
        full = {cid: 5 for cid in standard}
        assert gaps.job_person_match(full, standard) == Decimal("100.0")


sources = st.sampled_from(list(S.values))
assessed = st.builds(
    profile.Assessed,
    level=levels,
    source=sources,
    assessed_on=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2025, 12, 31)),
    ref=st.integers(min_value=1, max_value=10_000),
)


def test_current_level_examples():
    ac = profile.Assessed(3, S.ASSESSMENT_CENTRE, dt.date(2024, 1, 10), 1)
    b19 = profile.Assessed(2, S.SUPERIOR_REVIEW, dt.date(2024, 6, 1), 2)
    training = profile.Assessed(4, S.TRAINING, dt.date(2024, 7, 1), 3)
    old_training = profile.Assessed(5, S.TRAINING, dt.date(2023, 1, 1), 4)
    assert profile.current([ac]).level == 3
    assert profile.current([ac, b19]).level == 2  # the later formal assessment wins, even if lower
    assert profile.current([ac, b19, training]).level == 4  # later evidence raises it
    assert profile.current([ac, old_training]).level == 3  # evidence before the formal one is outdated
    same_day = profile.Assessed(4, S.SUPERIOR_REVIEW, dt.date(2024, 1, 10), 9)
    assert profile.current([ac, same_day]).source == S.ASSESSMENT_CENTRE  # precedence on the same date
    assert profile.current([]) is None
    assert profile.current([old_training]).level == 5


@settings(max_examples=300, deadline=None)
@given(st.lists(assessed, max_size=12), assessed)
def test_evidence_never_lowers_and_a_later_formal_assessment_decides(history, extra):
    before = profile.current(history)
    if extra.source in profile.EVIDENCE:
        after = profile.current([*history, extra])
        assert (after.level if after else 0) >= (before.level if before else 0)
    else:
        later = profile.Assessed(extra.level, extra.source, dt.date(2026, 1, 1), extra.ref)
        after = profile.current([*[h for h in history if h.source in profile.FORMAL], later])
        assert after == later
    decided = profile.current(history)
    if decided is not None:
        assert decided in history


def test_default_standards_resolve_with_position_rows_winning():
    rows = standards.default_rows([1, 2], [9])
    assert standards.resolve(position_rows={}, defaults=rows, job_type="administrator", level="") == {
        1: 3,
        2: 3,
        9: 3,
    }
    assert standards.resolve(position_rows={}, defaults=rows, job_type="fungsional", level="ahli_muda") == {
        1: 2,
        2: 2,
        9: 2,
    }
    assert standards.resolve(
        position_rows={1: 4, 2: 0, 20: 3}, defaults=rows, job_type="pelaksana", level=""
    ) == {1: 4, 9: 1, 20: 3}
    assert standards.resolve(position_rows={}, defaults=rows, job_type="fungsional", level="") == {}
