"""The whole loop once: IDP → enrol → approve twice → attend → complete → JP, certificate, profile."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from pembina.learning import selectors, services
from pembina.learning.choices import EnrolmentStatus


def test_full_training_loop(learning, django_capture_on_commit_callbacks):
    city, users = learning.city, learning.users
    staff = city.people["staff_a"]
    year = timezone.localdate().year
    plan = services.plan_create(employee=staff, year=year, actor=users["pegawai"])
    act = services.plan_activity_add(
        plan=plan, data={"programme": learning.programme, "event": learning.event}, actor=users["pegawai"]
    )
    assert act.planned_jp == Decimal("24")
    services.plan_submit(plan=plan, actor=users["pegawai"])
    services.plan_agree(plan=plan, actor=users["atasan"])
    enrol = services.enrolment_request(event=learning.event, employee=staff, actor=users["pegawai"])
    assert enrol.plan_activity_id == act.pk
    services.enrolment_superior_decide(enrolment=enrol, approve=True, actor=users["atasan"])
    services.enrolment_bkpsdm_decide(enrolment=enrol, approve=True, actor=users["admin_bkpsdm"])
    # the event took place: move it to the past
    learning.event.start_date = learning.event.end_date = timezone.localdate() - dt.timedelta(days=1)
    learning.event.save()
    services.enrolment_attendance_record(enrolment=enrol, percent=100, actor=users["admin_bkpsdm"])
    services.enrolment_scores_record(enrolment=enrol, pre_test=50, post_test=85, actor=users["admin_bkpsdm"])
    enrol = services.enrolment_complete(enrolment=enrol, actor=users["admin_bkpsdm"])
    assert enrol.status == EnrolmentStatus.COMPLETED
    jp = selectors.jp_employee_year(actor=users["pegawai"], employee_pk=staff.pk, year=year)
    assert jp.total == Decimal("24")
    cert = enrol.certificate
    assert selectors.certificate_verify(code=cert.code).valid
    profile = {
        row.competency.code: row.current.level
        for row in selectors.employee_profile(actor=users["pegawai"], employee_pk=staff.pk)
    }
    assert profile == {"pelayanan-publik": 2, "komunikasi": 2}
