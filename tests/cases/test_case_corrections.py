"""ケース情報の訂正: a DV disclosed at the third visit is added to the case (it becomes urgent and
the supervisors are told), a wrong date is put right, through the page and the API; the history
is shown to the case's writers; bad input saves nothing."""

import pytest
from django.test import Client

from tests.fixtures import token_for
from tsunagu.cases.services import open_case
from tsunagu.core.models import Revision
from tsunagu.intake.models import Issue
from tsunagu.notifications.models import Notification
from tsunagu.people.services import register_person


@pytest.fixture
def case(cast):  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="松本 誠")
    return open_case(actor=cast.lead_consultant, person=person, title="家計の立て直し")


def _form(case, **changes):  # type: ignore[no-untyped-def]
    return {"title": case.title, "opened_on": case.opened_on.isoformat(), **changes}


def test_a_risk_learnt_later_is_added_and_the_case_becomes_urgent(case, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    form = client.get(f"/cases/{case.pk}/correct/").content.decode()
    assert "家計の立て直し" in form and 'name="risk_flags"' in form
    debt = Issue.objects.get(code="debt")
    response = client.post(
        f"/cases/{case.pk}/correct/",
        _form(
            case,
            risk_flags=["dv"],
            issues=[debt.pk],
            main_issue=debt.pk,
            reason="3回目の訪問でDVの訴え",
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.awaiting and case.issues.get() == debt
    told = Notification.objects.filter(kind="urgent")  # ささえ has no supervisor: its workers
    assert cast.colleague in [n.user for n in told]
    assert cast.lead_consultant not in [n.user for n in told]
    assert f"#{case.pk}" in told.get(user=cast.colleague).message
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "⚠ DV" in page and "訂正履歴（1件）" in page and "3回目の訪問でDVの訴え" in page
    assert "◎債務" in page
    assert "緊急・未対応" in client_for(cast.colleague).get("/").content.decode()


def test_bad_dates_are_refused_with_what_to_fix(case, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    future = client.post(f"/cases/{case.pk}/correct/", _form(case, opened_on="R30.1.1"))
    assert future.status_code == 400 and "未来" in future.content.decode()
    early = client.post(f"/cases/{case.pk}/correct/", _form(case, support_decided_on="H20.1.1"))
    assert early.status_code == 400 and "支援決定日は、ケースの開始日以降" in early.content.decode()
    assert not Revision.objects.exists()


def test_only_the_cases_writers_correct_it_and_see_its_history(case, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for(cast.lead_consultant).post(
        f"/cases/{case.pk}/correct/", _form(case, title="家計と住まい")
    )
    assert client_for(cast.manager).get(f"/cases/{case.pk}/correct/").status_code in (403, 404)
    outsider = client_for(cast.partner_without_consent)
    assert outsider.post(f"/cases/{case.pk}/correct/", _form(case)).status_code == 404
    assert "訂正履歴" not in client_for(cast.manager).get(f"/cases/{case.pk}/").content.decode()
    assert Revision.objects.count() == 1


def test_the_api_corrects_the_case_by_code(case, cast) -> None:  # type: ignore[no-untyped-def]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.lead_consultant)}")
    url = f"/api/v1/cases/{case.pk}"
    done = api.patch(
        url,
        {"risk_flags": ["suicide"], "issues": ["debt"], "main_issue": "debt", "reason": "追記"},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["risk_flags"] == ["suicide"] and done.json()["issues"] == ["debt"]
    unknown = api.patch(url, {"issues": ["nonsense"]}, content_type="application/json")
    assert unknown.status_code == 422 and "nonsense" in unknown.content.decode()
    emptied = api.patch(url, {"opened_on": None}, content_type="application/json")
    assert emptied.status_code == 422
    assert Revision.objects.count() == 1


def test_an_opening_day_after_the_support_decision_or_the_closure_is_refused(case, cast) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from tsunagu.cases.models import Case
    from tsunagu.cases.services import correct_case

    today = timezone.localdate()
    ago = {n: today - dt.timedelta(days=n) for n in (3, 5, 10)}
    correct_case(
        actor=cast.lead_consultant,
        case=case,
        opened_on=ago[10],
        support_decided_on=ago[5],
        reason="入力誤り",
    )
    with pytest.raises(ValidationError) as refused:
        correct_case(actor=cast.lead_consultant, case=case, opened_on=ago[3], reason="誤記")
    assert "opened_on" in refused.value.message_dict
    correct_case(actor=cast.lead_consultant, case=case, support_decided_on=None, reason="取消")
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=ago[5])  # closed back then
    case.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        correct_case(actor=cast.lead_consultant, case=case, opened_on=ago[3], reason="誤記")
    assert "opened_on" in refused.value.message_dict
    case.refresh_from_db()
    assert case.opened_on == ago[10]


def test_dates_recorded_out_of_order_before_the_rule_do_not_hold_up_another_correction(  # type: ignore[no-untyped-def]
    case, cast
) -> None:
    import datetime as dt

    from django.utils import timezone

    from tsunagu.cases.models import Case
    from tsunagu.cases.services import correct_case

    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(
        opened_on=today - dt.timedelta(days=3), support_decided_on=today - dt.timedelta(days=9)
    )
    case.refresh_from_db()
    correct_case(actor=cast.lead_consultant, case=case, risk_flags=["dv"], reason="DVの訴え")
    case.refresh_from_db()
    assert "dv" in case.risk_flags
