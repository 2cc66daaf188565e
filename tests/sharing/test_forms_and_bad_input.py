"""Every collaboration form opens, and bad input comes back as the same form with a message
(400), never a 500 and never a half-saved record."""

import datetime as dt

import pytest
from django.utils import timezone

from tests import personas as P
from tsunagu.accounts.models import Membership
from tsunagu.cases.services import open_case
from tsunagu.meetings.models import Meeting, MeetingType
from tsunagu.meetings.services import add_to_agenda, convene_meeting
from tsunagu.people.services import register_person
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import CaseTeamMember, Consent, EmergencyAccess
from tsunagu.sharing.services import declare_emergency, record_consent


@pytest.fixture
def case(cast):  # type: ignore[no-untyped-def]
    return open_case(
        actor=cast.lead_consultant,
        person=register_person(actor=cast.lead_consultant, name="小松 信"),
    )


def test_forms_open_and_refuse_bad_input(case, cast, town, client_for) -> None:  # type: ignore[no-untyped-def]
    lead = client_for(cast.lead_consultant)
    for path in (
        f"/cases/{case.pk}/consents/new/",
        f"/cases/{case.pk}/team/",
        f"/referrals/new/{case.pk}/",
        f"/insights/cases/{case.pk}/barriers/new/",
        f"/cases/{case.pk}/attachments/new/",
        "/meetings/new/",
    ):
        assert lead.get(path).status_code == 200, path

    bad = {
        f"/cases/{case.pk}/consents/new/": {
            "purpose": "",
            "method": "oral",
            "obtained_on": "令和0年1月1日",
            "expires_on": "R8.2.30",
        },
        f"/cases/{case.pk}/team/": {"organization": town[P.SASAE].pk, "role": "related"},
        f"/referrals/new/{case.pk}/": {
            "to_organization": town[P.HIDAMARI].pk,
            "to_external": "ハローワーク",
            "reason": "x",
            "categories": "1",
        },
        "/meetings/new/": {"type": MeetingType.objects.get(name="支援会議").pk, "held_at": "明日"},
    }
    for path, data in bad.items():
        response = lead.post(path, data)
        assert response.status_code == 400, (path, response.status_code)
        assert (
            'class="errorlist' in response.content.decode()
            or "message--error" in response.content.decode()
        ), path
    assert (
        not Consent.objects.exists()
        and not CaseTeamMember.objects.exists()
        and not Meeting.objects.exists()
    )

    # No consent names 川辺 yet: the referral form says what is missing.
    refused = lead.post(
        f"/referrals/new/{case.pk}/",
        {
            "to_organization": town[P.KAWABE_HOUKATSU].pk,
            "reason": "介護の相談",
            "categories": ["1", "2"],
        },
    )
    assert refused.status_code == 400 and "本人同意" in refused.content.decode()


def test_meeting_pages_and_the_emergency_review(case, cast, town, client_for) -> None:  # type: ignore[no-untyped-def]
    Membership.objects.filter(user=cast.coordinator).update(can_declare_emergency=True)
    record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=C.FAMILY | C.HISTORY,
        organizations=[],
        meeting_members=True,
        purpose="会議で検討するため",
        method="written",
    )
    meeting = convene_meeting(
        actor=cast.coordinator,
        type=MeetingType.objects.get(name="重層的支援会議"),
        held_at=timezone.now() + dt.timedelta(days=2),
        attendees=[(town[P.SASAE], cast.lead_consultant)],
    )
    item = add_to_agenda(
        actor=cast.lead_consultant, meeting=meeting, case=case, material="資料", categories=C.FAMILY
    )
    coordinator = client_for(cast.coordinator)
    for path in (
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/items/{item.pk}/decisions/",
        f"/meetings/{meeting.pk}/minutes/",
        "/meetings/",
        "/referrals/",
    ):
        assert coordinator.get(path).status_code == 200, path
    no_text = coordinator.post(
        f"/meetings/{meeting.pk}/items/{item.pk}/decisions/",
        {"kind": "roles", "text": "", "role_1": "調整", "role_1_due_on": "R8.13.1"},
    )
    assert no_text.status_code == 400 and not item.decisions.exists()
    assert (
        client_for(cast.lead_consultant).get(f"/meetings/{meeting.pk}/items/{item.pk}/").status_code
        == 200
    )

    emergency = declare_emergency(
        actor=cast.coordinator, case=case, reason="本人が自宅で倒れているとの通報があった"
    )
    auditor = client_for(cast.auditor)
    assert (
        auditor.post(
            f"/emergency/{emergency.pk}/", {"review_outcome": "inappropriate", "review_note": ""}
        ).status_code
        == 400
    )
    assert (
        auditor.post(f"/emergency/{emergency.pk}/", {"review_outcome": "appropriate"}).status_code
        == 302
    )
    assert EmergencyAccess.objects.get().review_outcome == "appropriate"
    # The declarer does not review their own access.
    assert "確認を記録する" not in coordinator.get(f"/emergency/{emergency.pk}/").content.decode()
