"""緊急アクセス cannot be abused quietly: it opens at once only where the declaring agency has a
link to the case or its person; otherwise a second person (the agency's manager) approves before
anything opens. The form tells nobody which case numbers exist, and repeated emergencies by one
user reach the auditors."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied

from tests import personas as P
from tests.access import masked
from tests.fixtures import make_user
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import Membership
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.notifications.models import Notification
from tsunagu.people.services import register_person
from tsunagu.sharing import services
from tsunagu.sharing.choices import InfoCategory as C

DEBT = "消費者金融3社に計約180万円の債務"
REASON = "本人と連絡が取れず、室内で倒れている可能性があると家主から通報があった"


@pytest.fixture
def world(cast, town) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    case = open_case(
        actor=cast.lead_consultant,
        person=register_person(actor=cast.lead_consultant, name="森 健太"),
    )
    add_progress_note(
        actor=cast.lead_consultant, case=case, method="phone", body=DEBT, categories=C.MONEY
    )
    services.add_team_member(
        actor=cast.lead_consultant, case=case, organization=town[P.HIDAMARI], role="related"
    )
    Membership.objects.filter(user__in=[cast.coordinator, cast.partner_without_consent]).update(
        can_declare_emergency=True
    )
    shakyo_manager = make_user(P.Persona("shakyo_manager", "渡辺 浩", P.SHAKYO, Role.MANAGER), town)
    return SimpleNamespace(case=case, manager=shakyo_manager)


def _told(user, text: str) -> bool:  # type: ignore[no-untyped-def]
    return any(text in n.message for n in Notification.objects.filter(user=user))


def test_without_a_link_nothing_opens_until_the_agencys_manager_approves(  # type: ignore[no-untyped-def]
    world, cast, client_for
) -> None:
    case, declarer = world.case, cast.coordinator  # 社協 has no link to this case
    client = client_for(declarer)
    response = client.post(f"/cases/{case.pk}/emergency/", {"reason": REASON})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    emergency = case.emergency_accesses.get()
    assert emergency.is_pending and emergency.link == "none"
    assert _told(world.manager, f"#{case.pk}"), "the declaring agency's manager is asked"
    assert not _told(cast.lead_consultant, "緊急"), "the lead hears of it once it opens"

    with pytest.raises(PermissionDenied):
        services.approve_emergency(actor=declarer, emergency=emergency, approve=True)
    manager = client_for(world.manager)
    assert f"#{case.pk}" in manager.get("/emergency/").content.decode()
    page = manager.post(f"/emergency/{emergency.pk}/", {"decision": "approve"})
    assert page.status_code == 302
    opened = client.get(f"/cases/{case.pk}/")
    assert opened.status_code == 200 and DEBT in opened.content.decode()
    assert _told(cast.lead_consultant, "緊急") and _told(declarer, "承認")


def test_a_refused_emergency_never_opens_and_says_why(world, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    emergency = services.declare_emergency(actor=cast.coordinator, case=world.case, reason=REASON)
    manager = client_for(world.manager)
    refused = manager.post(f"/emergency/{emergency.pk}/", {"decision": "refuse"})
    assert refused.status_code == 400 and "理由" in refused.content.decode()
    manager.post(
        f"/emergency/{emergency.pk}/",
        {"decision": "refuse", "approval_note": "主担当に電話がつながった"},
    )
    emergency.refresh_from_db()
    assert emergency.refused_at is not None and not emergency.is_pending
    assert client_for(cast.coordinator).get(f"/cases/{world.case.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.approve_emergency(actor=world.manager, emergency=emergency, approve=True)


def test_a_team_member_opens_at_once(world, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.partner_without_consent)
    response = client.post(f"/cases/{world.case.pk}/emergency/", {"reason": REASON})
    assert response["Location"] == f"/cases/{world.case.pk}/"
    assert DEBT in client.get(f"/cases/{world.case.pk}/").content.decode()
    assert world.case.emergency_accesses.get().link == "team"


def test_the_form_answers_alike_for_a_case_that_does_not_exist(world, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.coordinator)
    missing = world.case.pk + 1000
    real = client.get(f"/cases/{world.case.pk}/emergency/").content.decode()
    fake = client.get(f"/cases/{missing}/emergency/").content.decode()

    assert masked(real, world.case.pk) == masked(fake, missing)
    assert P.SASAE not in real and "森 健太" not in real
    answers = [
        client.post(f"/cases/{n}/emergency/", {"reason": REASON}, follow=True).content.decode()
        for n in (world.case.pk, missing)
    ]
    assert masked(answers[0], world.case.pk) == masked(answers[1], missing)
    assert "承認" in answers[0]
    api = [
        client.post(
            "/api/v1/emergency-access",
            {"case_id": n, "reason": REASON},
            content_type="application/json",
        )
        for n in (world.case.pk, missing)
    ]
    assert [r.status_code for r in api] == [202, 202] and api[0].json() == api[1].json()


def test_repeated_emergencies_reach_the_auditors(world, cast) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        case = open_case(
            actor=cast.lead_consultant,
            person=register_person(actor=cast.lead_consultant, name=f"利用者 {n}"),
        )
        services.declare_emergency(actor=cast.coordinator, case=case, reason=REASON)
    assert _told(cast.auditor, "3件") or _told(cast.auditor, "3 ")


def test_the_approver_does_not_review_the_access_they_approved(world, cast) -> None:  # type: ignore[no-untyped-def]
    """Two people, two steps: the auditor who opened it (社協 has a manager here, but the
    auditor approves when an agency has none) judges it no more."""
    emergency = services.declare_emergency(actor=cast.coordinator, case=world.case, reason=REASON)
    services.approve_emergency(actor=world.manager, emergency=emergency, approve=True)
    emergency.refresh_from_db()
    assert not services.may_review_emergency(world.manager, emergency)
    assert services.may_review_emergency(cast.auditor, emergency)


def test_the_approval_queue_is_the_approvers_rule(world, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """The 社協's manager finds the request in their queue; the auditors do not while the agency
    has a manager. Once the managers' accounts are switched off, it falls to the auditors."""
    from tsunagu.sharing.selectors import emergency_approvals

    emergency = services.declare_emergency(actor=cast.coordinator, case=world.case, reason=REASON)
    assert emergency_approvals(world.manager) == [emergency]
    assert cast.auditor not in services.emergency_approvers(emergency)
    assert emergency_approvals(cast.auditor) == []
    assert emergency_approvals(cast.coordinator) == [], "never one's own"
    assert "承認待ち" in client_for(world.manager).get("/emergency/").content.decode()

    for manager in services.emergency_approvers(emergency):
        manager.is_active = False
        manager.save(update_fields=["is_active"])
    approvers = services.emergency_approvers(emergency)
    assert cast.auditor in approvers and all(u.has_role(Role.AUDITOR) for u in approvers)
    assert emergency_approvals(cast.auditor) == [emergency]
