"""重層的支援会議: a case goes on the agenda only with a consent covering every attending
agency; decisions give roles that become tasks; the minutes print as A4 marked 取扱注意."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests import personas as P
from tsunagu.cases.models import Task
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.meetings.models import MeetingType
from tsunagu.meetings.services import add_to_agenda, convene_meeting, record_decision
from tsunagu.people.services import register_person
from tsunagu.sharing.access import NoLawfulPath
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.services import record_consent


@pytest.fixture
def setting(cast, town):  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="斎藤 良子")
    case = open_case(actor=cast.lead_consultant, person=person)
    add_progress_note(
        actor=cast.lead_consultant,
        case=case,
        method="visit",
        body="ダブルケアで本人が疲れ切っている",
        categories=C.HISTORY,
    )
    meeting = convene_meeting(
        actor=cast.coordinator,
        type=MeetingType.objects.get(name="重層的支援会議"),
        held_at=timezone.now() + dt.timedelta(days=7),
        place="つなぐ町役場 第1会議室",
        attendees=[
            (town[P.KAWABE_HOUKATSU], cast.partner_with_consent),
            (town[P.HOSPITAL], cast.meeting_attendee),
        ],
    )
    return case, meeting


def _consent(cast, case, town, **kwargs):  # type: ignore[no-untyped-def]
    return record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=C.FAMILY | C.HISTORY,
        purpose="重層的支援会議で支援を検討するため",
        method="written",
        **kwargs,
    )


def _on_the_agenda(cast, case, meeting, town):  # type: ignore[no-untyped-def]
    """The case on the meeting's agenda, with a consent for the meeting's members."""
    _consent(cast, case, town, organizations=[], meeting_members=True)
    return add_to_agenda(
        actor=cast.lead_consultant,
        meeting=meeting,
        case=case,
        material="母の介護と子育てが重なっている。",
        categories=C.FAMILY | C.HISTORY,
    )


def test_a_case_without_consent_for_every_member_is_refused_with_the_reason(
    setting, cast, town
) -> None:  # type: ignore[no-untyped-def]
    case, meeting = setting
    _consent(cast, case, town, organizations=[town[P.KAWABE_HOUKATSU]])
    with pytest.raises(NoLawfulPath) as refused:
        add_to_agenda(
            actor=cast.lead_consultant,
            meeting=meeting,
            case=case,
            material="資料",
            categories=C.HISTORY,
        )
    message = refused.value.messages[0]
    assert P.HOSPITAL in message and P.SHAKYO in message and P.KAWABE_HOUKATSU not in message
    assert not meeting.agenda.exists()


def test_with_consent_the_meeting_decides_and_roles_become_tasks(
    setting, cast, town, client_for
) -> None:  # type: ignore[no-untyped-def]
    case, meeting = setting
    item = _on_the_agenda(cast, case, meeting, town)
    # The hospital attends the meeting the consent names: it reads the case within the consent.
    page = client_for(cast.meeting_attendee).get(f"/cases/{case.pk}/").content.decode()
    assert "ダブルケアで本人が疲れ切っている" in page
    decision_day = timezone.localdate()
    record_decision(
        actor=cast.coordinator,
        item=item,
        kind="plan_approval",
        text="プランを承認。",
        roles=[
            {
                "organization": town[P.HOSPITAL],
                "user": cast.meeting_attendee,
                "description": "通院先の調整",
                "due_on": decision_day + dt.timedelta(days=14),
            }
        ],
        support_decided_on=decision_day,
    )
    task = Task.objects.get(title="通院先の調整")
    assert task.assignee == cast.meeting_attendee and task.case == case
    case.refresh_from_db()
    assert case.support_decided_on == decision_day
    assert (
        "支援決定日" in client_for(cast.lead_consultant).get(f"/cases/{case.pk}/").content.decode()
    )
    # The assignee sees the task among their own and can mark it done.
    response = client_for(cast.meeting_attendee).post(f"/cases/{case.pk}/tasks/{task.pk}/done/")
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None

    pdf = client_for(cast.coordinator).get(f"/meetings/{meeting.pk}/minutes.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "取扱注意" in text and "通院先の調整" in text and "斎藤 良子" in text


def test_outsiders_do_not_see_the_meeting(setting, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    _case, meeting = setting
    for user in (cast.partner_without_consent, cast.manager):
        assert client_for(user).get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client_for(cast.partner_with_consent).get(f"/meetings/{meeting.pk}/").status_code == 200


def test_the_agenda_naming_a_case_is_a_disclosure_of_its_name_only(  # type: ignore[no-untyped-def]
    setting, cast, town, client_for
) -> None:
    """Before the meeting has discussed anything, its page already names the case (属性・家族関係)
    to an attending agency: that is one 情報提供記録 of that category, and no more. Once the
    discussion is written, the page shows the item's material categories too."""
    from tsunagu.meetings.services import write_minutes
    from tsunagu.sharing.models import Disclosure

    case, meeting = setting
    item = _on_the_agenda(cast, case, meeting, town)
    attendee = client_for(cast.meeting_attendee)
    assert "斎藤 良子" in attendee.get(f"/meetings/{meeting.pk}/").content.decode()
    disclosure = Disclosure.objects.get(user=cast.meeting_attendee)
    assert disclosure.categories == C.FAMILY and disclosure.what == f"会議 #{meeting.pk}"

    write_minutes(
        actor=cast.coordinator,
        meeting=meeting,
        minutes="",
        discussions={item.pk: "介護サービスの利用を検討。"},
    )
    assert "介護サービスの利用を検討" in attendee.get(f"/meetings/{meeting.pk}/").content.decode()
    latest = Disclosure.objects.filter(user=cast.meeting_attendee).latest("pk")
    assert latest.categories == C.FAMILY | C.HISTORY


@pytest.mark.parametrize(
    ("organization", "worker", "says"),
    [
        (P.HOSPITAL, "partner_with_consent", "つなぐ中央病院 地域医療連携室で働いていません"),
        (P.YAMATE_HOUKATSU, None, "このケースのチームにも、この会議にも入っていない"),
    ],
)
def test_a_role_goes_only_where_it_can_be_carried_out(  # type: ignore[no-untyped-def]
    setting, cast, town, organization, worker, says
) -> None:
    """A role names a worker of the organization it names, and an organization that can open
    the case (its team, or at this meeting): otherwise it is refused and nothing is saved."""
    from django.core.exceptions import ValidationError

    from tsunagu.meetings.models import Decision

    case, meeting = setting
    item = _on_the_agenda(cast, case, meeting, town)
    with pytest.raises(ValidationError) as refused:
        record_decision(
            actor=cast.coordinator,
            item=item,
            kind="plan_approval",
            text="プランを承認。",
            roles=[
                {
                    "organization": town[organization],
                    "user": getattr(cast, worker) if worker else None,
                    "description": "通院先の調整",
                    "due_on": timezone.localdate() + dt.timedelta(days=14),
                }
            ],
        )
    assert says in str(refused.value.message_dict["roles"])
    assert not Decision.objects.exists() and not Task.objects.filter(source="meeting").exists()


def test_two_people_of_one_name_are_told_apart_in_the_agenda_picker(  # type: ignore[no-untyped-def]
    setting, cast, client_for
) -> None:
    """Putting the wrong 髙橋 咲's material before a meeting is a real risk: each case is offered
    with its number, age, district and lead worker."""
    from tsunagu.accounts.models import District

    _case, meeting = setting
    kawabe, yamate = District.objects.get(code="01"), District.objects.get(code="03")
    older = register_person(
        actor=cast.coordinator,
        name="髙橋 咲",
        birth_date=dt.date(1950, 5, 1),
        district=kawabe,
    )
    younger = register_person(
        actor=cast.coordinator,
        name="髙橋 咲",
        birth_date=dt.date(2009, 9, 9),
        district=yamate,
    )
    first, second = (open_case(actor=cast.coordinator, person=p) for p in (older, younger))
    page = client_for(cast.coordinator).get(f"/meetings/{meeting.pk}/agenda/")
    assert page.status_code == 200, page.status_code
    text = page.content.decode()
    assert f"#{first.pk} 髙橋 咲（" in text and "川辺地区・主担当 田中 由紀子）" in text
    assert f"#{second.pk} 髙橋 咲（" in text and "山手地区・主担当 田中 由紀子）" in text
