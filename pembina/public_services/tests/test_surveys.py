"""SKM questionnaires: one per completed request via the receipt token, general and paper surveys,
and the index with the sample-size check."""

import datetime as dt
from decimal import Decimal

import pytest

from pembina.core.exceptions import ApplicationError
from pembina.public_services import selectors, services
from pembina.public_services.choices import RequestStatus, SurveyChannel
from pembina.public_services.models import SurveyResponse
from pembina.public_services.rules.skm import ELEMENT_CODES
from pembina.public_services.tests.factories import local, walk

pytestmark = pytest.mark.django_db


def answers(*values):
    values = values if len(values) == 9 else values * 9
    return dict(zip(ELEMENT_CODES, values, strict=True))


def done_request(ps, at=None):
    r = services.request_register(
        service=ps.ktp, citizen_name="Siti", actor=ps.staff_user, received_at=at or local(2026, 11, 2, 9)
    )
    return walk(
        r,
        to=RequestStatus.COMPLETED,
        actor=ps.staff_user,
        at=(at or local(2026, 11, 2, 9)) + dt.timedelta(hours=1),
    )


def test_one_survey_per_completed_request(ps):
    r = services.request_register(
        service=ps.ktp, citizen_name="Siti", actor=ps.staff_user, received_at=local(2026, 11, 2, 9)
    )
    assert selectors.survey_invitation(token=r.survey_token).can_answer is False
    with pytest.raises(ApplicationError):  # not completed yet
        services.survey_submit(scores=answers(4), token=r.survey_token)
    r = walk(r, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=local(2026, 11, 2, 10))
    invitation = selectors.survey_invitation(token=r.survey_token)
    assert invitation.can_answer and invitation.service_name == "Penerbitan KTP-el"
    s = services.survey_submit(
        scores=answers(4, 3, 3, 4, 3, 4, 4, 2, 3),
        token=r.survey_token,
        gender="P",
        age=34,
        education="s1",
        occupation="swasta",
        suggestion="<b>Ruang tunggu</b> panas",
        submitted_at=local(2026, 11, 2, 11),
    )
    assert s.request == r and s.service == ps.ktp and s.unit == ps.city.bidang_b1
    assert s.scores()["U8"] == 2 and s.suggestion == "Ruang tunggu panas"
    assert s.month == dt.date(2026, 11, 1)
    with pytest.raises(ApplicationError):
        services.survey_submit(scores=answers(4), token=r.survey_token)
    assert selectors.survey_invitation(token=r.survey_token).already_answered
    with pytest.raises(ApplicationError):
        services.survey_submit(scores=answers(4), token="tidak-ada")
    assert selectors.survey_invitation(token="tidak-ada") is None


@pytest.mark.parametrize("bad", [{}, answers(5), answers(0), {**answers(3), "U3": "x"}])
def test_every_element_needs_a_score_from_1_to_4(ps, bad):
    with pytest.raises(ApplicationError) as exc:
        services.survey_submit(scores=bad, service=ps.ktp)
    assert "Unsur U" in exc.value.message
    assert not SurveyResponse.objects.exists()


def test_profile_values_are_checked(ps):
    with pytest.raises(ApplicationError):
        services.survey_submit(scores=answers(3), service=ps.ktp, gender="X")
    with pytest.raises(ApplicationError):
        services.survey_submit(scores=answers(3), service=ps.ktp, age=7)
    with pytest.raises(ApplicationError):
        services.survey_submit(scores=answers(3), service=ps.ktp, education="phd")


def test_general_and_paper_surveys(ps):
    general = services.survey_submit(scores=answers(3), service=ps.akta)
    assert general.request is None and general.unit == ps.city.dinas_b
    unit_only = services.survey_submit(scores=answers(2), unit=ps.city.dinas_b)
    assert unit_only.service is None
    with pytest.raises(ApplicationError):
        services.survey_submit(scores=answers(3), service=ps.akta, channel=SurveyChannel.PAPER)
    with pytest.raises(ApplicationError):  # a Dinas Kesehatan clerk cannot enter Disdukcapil's paper forms
        services.survey_submit(
            scores=answers(3), service=ps.akta, channel=SurveyChannel.PAPER, actor=ps.city.users["pegawai"]
        )
    paper = services.survey_submit(
        scores=answers(3), service=ps.akta, channel=SurveyChannel.PAPER, actor=ps.staff_user
    )
    assert paper.entered_by == ps.staff_user


def test_skm_summary_with_sample_check(ps):
    for i in range(3):
        r = done_request(ps, at=local(2026, 11, 2 + i, 9))
        services.survey_submit(
            scores=answers(4, 3, 3, 4, 3, 4, 4, 2, 3),
            token=r.survey_token,
            gender="L" if i else "P",
            age=20 + 10 * i,
            submitted_at=local(2026, 11, 10, 9),
        )
    services.survey_submit(
        scores=answers(1), service=ps.imun, submitted_at=local(2026, 11, 10, 9)
    )  # other OPD
    summary = selectors.skm_summary(
        actor=ps.kadis_user, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), unit=ps.city.dinas_b
    )
    # each element the same for all three: NRR = the answer; IKM = 30/9 = 3,3333 -> 83,33 -> B
    assert summary.result.respondents == 3
    assert summary.result.ikm == Decimal("3.3333") and summary.result.conversion == Decimal("83.33")
    assert summary.result.grade == "B"
    assert [e.nrr for e in summary.elements][:3] == [Decimal("4.0000"), Decimal("3.0000"), Decimal("3.0000")]
    assert summary.elements[0].weighted == Decimal("0.4444")
    assert summary.population == 3 and summary.sample_needed == 3 and summary.sample_reached
    assert summary.profile["gender"] == {"P": 1, "L": 2}
    assert summary.profile["age"] == {"≤ 24": 1, "25–34": 1, "35–44": 1}
    # the population can be given (e.g. visitors counted elsewhere)
    bigger = selectors.skm_summary(
        actor=ps.kadis_user,
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 30),
        unit=ps.city.dinas_b,
        population=1000,
    )
    assert bigger.sample_needed == 278 and not bigger.sample_reached
    # scoped: a Dinas Kesehatan clerk sees none of Disdukcapil's answers
    none = selectors.skm_summary(
        actor=ps.city.users["pegawai"],
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 30),
        unit=ps.city.dinas_b,
    )
    assert none.result.respondents == 0 and none.result.ikm is None


def test_skm_report_per_service(ps):
    r = done_request(ps)
    services.survey_submit(scores=answers(4), token=r.survey_token, suggestion="Bagus")
    services.survey_submit(scores=answers(2), service=ps.akta)
    today = dt.date.today()
    report = selectors.skm_report(
        actor=ps.kadis_user,
        unit=ps.city.dinas_b,
        start=dt.date(2026, 1, 1),
        end=max(today, dt.date(2026, 12, 31)),
    )
    assert report.overall.result.respondents == 2 and report.overall.result.conversion == Decimal("75.00")
    by_code = {s.code: summary.result.conversion for s, summary in report.by_service}
    assert by_code == {"DUKCAPIL-KTPEL": Decimal("100.00"), "DUKCAPIL-AKTALAHIR": Decimal("50.00")}
    assert report.suggestions == ["Bagus"]
