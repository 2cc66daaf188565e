"""Every screen's data through the API, as another system would live on it: what the pages show
a user, the API answers the same user (no more), with the same audit and 情報提供記録."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests import personas as P
from tests.fixtures import token_for
from tsunagu.cases import services as cases
from tsunagu.meetings.models import MeetingType
from tsunagu.notifications.models import Notification
from tsunagu.people import services as people
from tsunagu.sharing import services as sharing
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import Disclosure


def _client(user):  # type: ignore[no-untyped-def]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")


def _post(client, url, data):  # type: ignore[no-untyped-def]
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def shared_case(cast, town):  # type: ignore[no-untyped-def]
    """ささえ's case, with 川辺地域包括 on the team under a consent of 就学・就労."""
    lead = cast.lead_consultant
    person = people.register_person(actor=lead, name="梶原 亮", birth_date=dt.date(1981, 4, 2))
    case = cases.open_case(actor=lead, person=person)
    sharing.add_team_member(
        actor=lead, case=case, organization=town[P.KAWABE_HOUKATSU], role="related"
    )
    sharing.record_consent(
        actor=lead,
        case=case,
        categories=C.SCHOOL_WORK,
        organizations=[town[P.KAWABE_HOUKATSU]],
        purpose="就労支援のため",
        method="written",
    )
    return case


def test_a_referral_is_read_by_its_receiver_and_closed_by_its_own_step(  # type: ignore[no-untyped-def]
    cast, town, shared_case
) -> None:
    lead, partner = _client(cast.lead_consultant), _client(cast.partner_with_consent)
    sent = _post(
        lead,
        "/api/v1/referrals",
        {
            "case_id": shared_case.pk,
            "to_organization_id": town[P.KAWABE_HOUKATSU].pk,
            "reason": "就労体験の受け入れを相談したい",
            "categories": ["就学・就労"],  # the label is understood as its code
        },
    )
    assert sent.status_code == 201, sent.content
    inbox = partner.get("/api/v1/referrals").json()
    assert inbox["total"] == 1 and inbox["items"][0]["status"] == "sent"
    referral_id = inbox["items"][0]["id"]
    one = partner.get(f"/api/v1/referrals/{referral_id}").json()
    assert one["reason"] == "就労体験の受け入れを相談したい"
    assert one["categories"] == ["school_work"] and one["outcome"] is None
    # Reading it is not receiving it: the receiver says so itself.
    assert partner.get(f"/api/v1/referrals/{referral_id}").json()["status"] == "sent"
    _post(partner, f"/api/v1/referrals/{referral_id}/events", {"type": "received"})
    one = partner.get(f"/api/v1/referrals/{referral_id}").json()
    assert one["status"] == "received" and [e["type"] for e in one["events"]][-1] == "received"
    case_referrals = lead.get(f"/api/v1/cases/{shared_case.pk}/referrals").json()
    assert [r["id"] for r in case_referrals] == [referral_id]
    # The outbox is the sender's; an agency with no part in it finds nothing.
    assert lead.get("/api/v1/referrals", {"box": "outbox"}).json()["total"] == 1
    stranger = _client(cast.partner_without_consent)  # ひだまり: not on this case
    assert stranger.get(f"/api/v1/referrals/{referral_id}").status_code == 404


def test_attachments_are_listed_and_downloaded_as_far_as_the_consent_goes(  # type: ignore[no-untyped-def]
    cast, shared_case
) -> None:
    for title, body, categories in (
        ("家計表", b"%PDF-1.4 money", C.MONEY),
        ("履歴書", b"%PDF-1.4 work", C.SCHOOL_WORK),
    ):
        cases.attach_file(
            actor=cast.lead_consultant,
            case=shared_case,
            title=title,
            file=SimpleUploadedFile(f"{title}.pdf", body),
            categories=categories,
        )
    lead, partner = _client(cast.lead_consultant), _client(cast.partner_with_consent)
    listed = lead.get(f"/api/v1/cases/{shared_case.pk}/attachments").json()
    assert {a["title"]: a["categories"] for a in listed} == {
        "家計表": ["money"],
        "履歴書": ["school_work"],
    }
    assert all(a["size"] > 0 and a["file_type"] == "pdf" for a in listed)
    theirs = partner.get(f"/api/v1/cases/{shared_case.pk}/attachments").json()
    assert [a["title"] for a in theirs] == ["履歴書"]
    download = partner.get(f"/api/v1/cases/{shared_case.pk}/attachments/{theirs[0]['id']}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 work"
    money = next(a for a in listed if a["title"] == "家計表")
    assert (
        partner.get(f"/api/v1/cases/{shared_case.pk}/attachments/{money['id']}").status_code == 404
    )
    # The list and the download were each one 情報提供記録 of 就学・就労.
    told = Disclosure.objects.filter(user=cast.partner_with_consent, case=shared_case)
    assert [d.categories for d in told] == [C.SCHOOL_WORK, C.SCHOOL_WORK]
    # The lead's 情報提供記録 lists them for the person who asks; nobody else may read it.
    record = lead.get(f"/api/v1/cases/{shared_case.pk}/disclosures").json()
    assert record["total"] == 2
    assert partner.get(f"/api/v1/cases/{shared_case.pk}/disclosures").status_code == 404


def test_a_support_meeting_opens_to_an_attendee_when_they_sign_the_pledge(  # type: ignore[no-untyped-def]
    cast, town, shared_case
) -> None:
    lead = _client(cast.lead_consultant)
    meeting = _post(
        lead,
        "/api/v1/meetings",
        {
            "type_id": MeetingType.objects.get(name="支援会議").pk,
            "held_at": (timezone.now() + dt.timedelta(days=3)).isoformat(),
            "attendees": [
                {"organization_id": town[P.HOSPITAL].pk, "user_id": cast.meeting_attendee.pk}
            ],
        },
    ).json()["id"]
    item = _post(
        lead,
        f"/api/v1/meetings/{meeting}/agenda",
        {
            "case_id": shared_case.pk,
            "material": "夜間の外出が続いている",
            "categories": ["history"],
        },
    ).json()["id"]
    attendee = _client(cast.meeting_attendee)
    assert attendee.get("/api/v1/meetings", {"when": "upcoming"}).json()["total"] == 1
    before = attendee.get(f"/api/v1/meetings/{meeting}").json()
    assert before["agenda"][0]["readable"] is False and before["minutes"] is None
    assert "梶原" not in before["agenda"][0]["title"]  # the case by its number
    assert attendee.get(f"/api/v1/meetings/{meeting}/items/{item}").status_code == 404
    assert _post(attendee, f"/api/v1/meetings/{meeting}/pledges", {}).status_code == 201
    after = attendee.get(f"/api/v1/meetings/{meeting}").json()
    assert after["agenda"][0]["readable"] is True
    material = attendee.get(f"/api/v1/meetings/{meeting}/items/{item}").json()
    assert material["material"] == "夜間の外出が続いている" and material["categories"] == [
        "history"
    ]


def test_tasks_barriers_and_notifications(cast, town, shared_case) -> None:  # type: ignore[no-untyped-def]
    lead = _client(cast.lead_consultant)
    plan = _post(
        lead,
        f"/api/v1/cases/{shared_case.pk}/plans",
        {
            "persons_wishes": "働いてみたい",
            "goals": ["週に一度外出する"],
            "actions": [
                {
                    "description": "ハローワークに同行する",
                    "responsible_worker_id": cast.lead_consultant.pk,
                    "due_on": "R8.12.10",
                }
            ],
        },
    )
    assert plan.status_code == 201, plan.content
    mine = lead.get("/api/v1/tasks", {"due_by": "令和8年12月31日"}).json()
    assert [t["title"] for t in mine["items"]] == ["ハローワークに同行する"]
    assert lead.get("/api/v1/tasks", {"due_by": "R8.12.1"}).json()["total"] == 0
    assert lead.get("/api/v1/tasks", {"due_by": "12月31日"}).status_code == 422
    assert [t["title"] for t in lead.get(f"/api/v1/cases/{shared_case.pk}/tasks").json()] == [
        "ハローワークに同行する"
    ]

    recorded = _post(
        lead,
        "/api/v1/barriers",
        {
            "case_id": shared_case.pk,
            "would_help": "夜間に使える就労体験",
            "blocked_by": "場所",
            "is_gap": True,
        },
    )
    assert recorded.status_code == 201, recorded.content
    barriers = lead.get(f"/api/v1/cases/{shared_case.pk}/barriers").json()
    assert [(b["would_help"], b["blocked_by"]) for b in barriers] == [
        ("夜間に使える就労体験", "place")
    ]
    manager = _client(cast.manager)
    texts = manager.get("/api/v1/barriers", {"blocked_by": "place", "gaps_only": True}).json()
    assert [b["would_help"] for b in texts["items"]] == ["夜間に使える就労体験"]
    assert "case_id" not in texts["items"][0]  # a manager reads what blocked, never whose case
    assert manager.get("/api/v1/barriers", {"blocked_by": "お金"}).status_code == 422
    assert lead.get("/api/v1/barriers").status_code == 404  # the managers' view

    Notification.objects.create(
        user=cast.lead_consultant, kind="referral", message="つなぎが届きました"
    )
    Notification.objects.create(
        user=cast.lead_consultant,
        kind="meeting",
        message="会議に招かれました",
        read_at=timezone.now(),
    )
    unread = lead.get("/api/v1/notifications", {"unread": True}).json()
    assert [n["message"] for n in unread["items"]] == ["つなぎが届きました"]
    assert lead.get("/api/v1/notifications").json()["total"] == 2
    theirs = _client(cast.partner_with_consent).get("/api/v1/notifications").json()["items"]
    assert {n["message"] for n in theirs}.isdisjoint({"つなぎが届きました", "会議に招かれました"})


def test_what_a_page_withholds_the_api_withholds_too(cast, town, shared_case) -> None:  # type: ignore[no-untyped-def]
    """The team agency without consent reads no task of the case, even one given to it; an
    unpledged attendee learns no item's kinds of material; the reporter of a concern is not
    told the team's reason for closing it; the households list names no member; a download
    is named by its title, never by the name it was uploaded with."""
    from tsunagu.outreach import services as outreach
    from tsunagu.plans.services import record_support_plan
    from tsunagu.sharing.services import add_team_member

    lead = cast.lead_consultant
    add_team_member(actor=lead, case=shared_case, organization=town[P.HIDAMARI], role="related")
    record_support_plan(
        actor=lead,
        case=shared_case,
        persons_wishes="働きたい",
        goals=["外出する"],
        actions=[
            {
                "description": "自己破産の申立を法テラスと準備",
                "responsible_organization": town[P.HIDAMARI],
                "due_on": timezone.localdate() + dt.timedelta(days=7),
            }
        ],
    )
    team = _client(cast.partner_without_consent)
    assert team.get(f"/api/v1/cases/{shared_case.pk}/tasks").json() == []
    assert "法テラス" not in team.get(f"/api/v1/cases/{shared_case.pk}").content.decode()

    meeting = _post(
        _client(lead),
        "/api/v1/meetings",
        {
            "type_id": MeetingType.objects.get(name="支援会議").pk,
            "held_at": (timezone.now() + dt.timedelta(days=2)).isoformat(),
            "attendees": [
                {"organization_id": town[P.HOSPITAL].pk, "user_id": cast.meeting_attendee.pk}
            ],
        },
    ).json()["id"]
    _post(
        _client(lead),
        f"/api/v1/meetings/{meeting}/agenda",
        {"case_id": shared_case.pk, "material": "借入の状況", "categories": ["money"]},
    )
    item = _client(cast.meeting_attendee).get(f"/api/v1/meetings/{meeting}").json()  # unsigned
    assert item["agenda"][0]["readable"] is False and item["agenda"][0]["categories"] == []

    concern = outreach.report_concern(actor=cast.reporter, noticed="新聞がたまっている")
    outreach.close_concern(actor=cast.coordinator, concern=concern, reason="長男の山田さんが同居")
    mine = _client(cast.reporter).get(f"/api/v1/concerns/{concern.pk}").json()
    assert mine["status"] == "closed" and mine["closed_reason"] is None

    household = people.create_household(actor=lead, name="梶原家")
    people.add_household_member(
        actor=lead, household=household, person=shared_case.person, relationship="head"
    )
    listed = _client(lead).get("/api/v1/households", {"name": "梶原"}).json()["items"]
    assert listed == [
        {"id": household.pk, "name": "梶原家", "address": "", "district_id": None, "district": ""}
    ]

    attachment = cases.attach_file(
        actor=lead,
        case=shared_case,
        title="家計表",
        file=SimpleUploadedFile("梶原亮_家計.pdf", b"%PDF-1.4 x"),
        categories=C.MONEY,
    )
    download = _client(lead).get(f"/api/v1/cases/{shared_case.pk}/attachments/{attachment.pk}")
    assert "梶原" not in download["Content-Disposition"]
    assert "%E5%AE%B6%E8%A8%88%E8%A1%A8.pdf" in download["Content-Disposition"]  # 家計表.pdf
