"""NIP PNS / NI PPPK rules: property tests over the whole input space."""

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from pembina.org.rules import nip
from pembina.org.rules.ranks import PNS_CODES, PPPK_CODES, normalize_rank

TODAY = dt.date(2026, 11, 28)
births = st.dates(min_value=dt.date(1955, 1, 1), max_value=dt.date(2006, 12, 31))
genders = st.sampled_from(["L", "P"])
sequences = st.integers(min_value=1, max_value=999)


@st.composite
def valid_pns(draw):
    birth = draw(births)
    tmt = draw(st.dates(min_value=dt.date(birth.year + 18, 1, 1), max_value=TODAY))
    assume(tmt.year >= birth.year + 18)
    tmt = tmt.replace(day=1)
    return birth, tmt, draw(genders), draw(sequences)


@given(valid_pns())
def test_valid_pns_nip_round_trips(parts):
    birth, tmt, gender, seq = parts
    value = nip.make_nip(birth=birth, gender=gender, sequence=seq, tmt=tmt)
    info = nip.parse(value, today=TODAY)
    assert len(value) == 18
    assert info.birth_date == birth
    assert info.gender == gender
    assert (info.appointment_year, info.appointment_month) == (tmt.year, tmt.month)
    assert info.sequence == seq
    # the display form with spaces is accepted too
    assert nip.parse(nip.format_nip(value), today=TODAY).nip == value


@given(valid_pns(), st.integers(min_value=13, max_value=99))
def test_month_of_tmt_must_be_a_month(parts, month):
    birth, tmt, gender, seq = parts
    value = nip.make_nip(birth=birth, gender=gender, sequence=seq, tmt=tmt)
    bad = value[:12] + f"{month:02d}" + value[14:]
    assert not nip.is_valid(bad, today=TODAY)


@given(valid_pns(), st.sampled_from("03456789"))
def test_gender_digit_must_be_1_or_2(parts, digit):
    birth, tmt, gender, seq = parts
    value = nip.make_nip(birth=birth, gender=gender, sequence=seq, tmt=tmt)
    assert not nip.is_valid(value[:14] + digit + value[15:], today=TODAY)


@given(valid_pns())
def test_sequence_000_is_invalid(parts):
    birth, tmt, gender, _ = parts
    value = nip.make_nip(birth=birth, gender=gender, sequence=1, tmt=tmt)
    assert not nip.is_valid(value[:15] + "000", today=TODAY)


@given(births, st.integers(min_value=0, max_value=17), genders, sequences)
def test_tmt_before_adulthood_or_birth_is_invalid(birth, years_after, gender, seq):
    tmt = dt.date(birth.year + years_after, 1, 1)
    value = nip.make_nip(birth=birth, gender=gender, sequence=seq, tmt=tmt)
    if years_after < nip.MIN_AGE_AT_APPOINTMENT or tmt <= birth:
        assert not nip.is_valid(value, today=TODAY)


@given(st.text(min_size=0, max_size=30))
def test_garbage_never_crashes_and_is_rejected_unless_18_digits(text):
    ok = nip.is_valid(text, today=TODAY)
    if ok:
        assert len(nip.normalize(text)) == 18 and nip.normalize(text).isdigit()


@given(st.integers(min_value=0, max_value=10**17 - 1))
def test_wrong_length_is_rejected(n):
    assert not nip.is_valid(str(n), today=TODAY)  # at most 17 digits


@given(st.integers(min_value=0, max_value=10**8 - 1))
def test_impossible_birth_dates_are_rejected(n):
    birth = f"{n:08d}"
    try:
        dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
        assume(False)
    except ValueError:
        pass
    assert not nip.is_valid(birth + "2010011001", today=TODAY)


def test_future_tmt_is_rejected():
    value = nip.make_nip(birth=dt.date(1990, 1, 1), gender="L", sequence=1, tmt=dt.date(2028, 1, 1))
    assert not nip.is_valid(value, today=TODAY)


def test_error_messages_are_indonesian_and_specific():
    for raw, fragment in [
        ("", "wajib"),
        ("12345", "18 digit"),
        ("19801330201001 2 005", "tanggal lahir"),
        ("198012302010131005", "Bulan TMT"),
        ("198012302010013005", "jenis kelamin"),
        ("198012302010011000", "000"),
        ("19801230201001100A", "angka"),
    ]:
        try:
            nip.parse(raw, today=TODAY)
        except nip.NipError as exc:
            assert fragment.lower() in str(exc).lower(), (raw, str(exc))
        else:
            raise AssertionError(f"{raw!r} accepted")


@given(
    births, st.integers(min_value=0, max_value=8), genders, sequences, st.integers(min_value=0, max_value=99)
)
def test_pppk_layout(birth, extra_years, gender, seq, code):
    year = min(birth.year + 18 + extra_years, TODAY.year)
    value = nip.make_nip(birth=birth, gender=gender, sequence=seq, pppk_year=year, pppk_code=code)
    info = nip.parse(value, kind=nip.PPPK, today=TODAY)
    assert info.birth_date == birth and info.gender == gender and info.appointment_year == year
    assert info.appointment_month is None


@given(st.sampled_from(sorted(PNS_CODES)))
def test_rank_spellings_normalise(code):
    roman, letter = code.split("/")
    arabic = {"I": "1", "II": "2", "III": "3", "IV": "4"}[roman]
    for spelling in (
        code,
        f"{roman} {letter}",
        f"{arabic}{letter}",
        f"{roman}{letter.upper()}",
        f" {code.lower()} ",
    ):
        assert normalize_rank(spelling) == code, spelling


def test_pppk_ranks():
    assert normalize_rank("9") == "IX" and normalize_rank("17") == "XVII" and normalize_rank("ix") == "IX"
    assert {normalize_rank(str(i)) for i in range(1, 18)} == PPPK_CODES
