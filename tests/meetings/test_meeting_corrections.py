"""会議情報の訂正: a meeting moved to another day is corrected by its convener; the attendees are
told, a 支援会議's material window moves with it, and the earlier details stay as history —
visible to every attendee, while the minutes' history stays with whoever may read the minutes."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests import personas as P
from tests.fixtures import token_for
from tsunagu.cases.services import open_case
from tsunagu.core.models import Revision
from tsunagu.meetings.models import MeetingType
from tsunagu.meetings.services import add_to_agenda, convene_meeting, sign_pledge, write_minutes
from tsunagu.notifications.models import Notification
from tsunagu.people.services import register_person
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import AccessGrant


@pytest.fixture
def support_meeting(cast, town):  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.coordinator, name="斎藤 良子")
    case = open_case(actor=cast.coordinator, person=person)
    meeting = convene_meeting(
        actor=cast.coordinator,
        type=MeetingType.objects.get(name="支援会議"),
        held_at=timezone.now() + dt.timedelta(days=7),
        place="つなぐ町役場 第1会議室",
        attendees=[(town[P.KAWABE_HOUKATSU], cast.partner_with_consent)],
    )
    add_to_agenda(
        actor=cast.coordinator, meeting=meeting, case=case, material="資料", categories=C.FAMILY
    )
    sign_pledge(actor=cast.partner_with_consent, meeting=meeting)
    write_minutes(actor=cast.coordinator, meeting=meeting, minutes="最初の会議録", discussions={})
    write_minutes(actor=cast.coordinator, meeting=meeting, minutes="訂正した会議録", discussions={})
    return meeting


def test_a_moved_meeting_tells_the_attendees_and_moves_the_material_window(  # type: ignore[no-untyped-def]
    support_meeting, cast, client_for
) -> None:
    meeting = support_meeting
    before = AccessGrant.objects.get(agenda_item__meeting=meeting).valid_until
    client = client_for(cast.coordinator)
    assert (
        "つなぐ町役場 第1会議室" in client.get(f"/meetings/{meeting.pk}/correct/").content.decode()
    )
    later = timezone.localtime(meeting.held_at + dt.timedelta(days=2))
    response = client.post(
        f"/meetings/{meeting.pk}/correct/",
        {"held_at": f"{later:%Y-%m-%d} 14:00", "place": "第2会議室", "reason": "日程変更"},
    )
    assert response.status_code == 302
    after = AccessGrant.objects.get(agenda_item__meeting=meeting).valid_until
    assert after > before
    told = Notification.objects.filter(user=cast.partner_with_consent, kind="meeting")
    assert [n.message for n in told if "変更されました" in n.message], "the attendee is told"
    attendee_page = client_for(cast.partner_with_consent).get(f"/meetings/{meeting.pk}/")
    text = attendee_page.content.decode()
    assert (
        "第2会議室" in text and "<del>つなぐ町役場 第1会議室</del>" in text and "日程変更" in text
    )


def test_the_minutes_history_stays_with_those_who_read_the_minutes(  # type: ignore[no-untyped-def]
    support_meeting, cast, client_for, town
) -> None:
    meeting = support_meeting
    from tsunagu.meetings.services import invite

    invite(
        actor=cast.coordinator,
        meeting=meeting,
        organization=town[P.HOSPITAL],
        user=cast.meeting_attendee,
    )
    client_for(cast.coordinator).post(
        f"/meetings/{meeting.pk}/correct/",
        {
            "held_at": timezone.localtime(meeting.held_at).strftime("%Y-%m-%d %H:%M"),
            "place": "第2会議室",
        },
    )
    unpledged = client_for(cast.meeting_attendee).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "第2会議室" in unpledged and "訂正履歴（1件）" in unpledged
    assert "最初の会議録" not in unpledged
    convener = client_for(cast.coordinator).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "<del>最初の会議録</del>" in convener


def test_only_the_convener_corrects_and_bad_input_saves_nothing(  # type: ignore[no-untyped-def]
    support_meeting, cast, client_for
) -> None:
    meeting = support_meeting
    url = f"/meetings/{meeting.pk}/correct/"
    assert (
        client_for(cast.partner_with_consent).post(url, {"held_at": "R8.12.24 10:00"}).status_code
        == 403
    )
    assert client_for(cast.coordinator).post(url, {"held_at": ""}).status_code == 400
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.coordinator)}")
    emptied = api.patch(
        f"/api/v1/meetings/{meeting.pk}", {"held_at": None}, content_type="application/json"
    )
    assert emptied.status_code == 422
    moved = api.patch(
        f"/api/v1/meetings/{meeting.pk}", {"place": "オンライン"}, content_type="application/json"
    )
    assert moved.status_code == 200
    meeting.refresh_from_db()
    assert meeting.place == "オンライン"
    assert (
        Revision.objects.filter(record_type="meetings.meeting")
        .exclude(changes__has_key="minutes")
        .count()
        == 1
    )
