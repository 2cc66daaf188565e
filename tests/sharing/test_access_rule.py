"""The access rule as a table: every lawful path (and the lack of one) against every kind of
case content, read through the case page as a worker would. Each allowed read through a path
other than the lead's leaves a disclosure row with its legal basis, and an audit row."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import personas as P
from tsunagu.accounts.models import Membership
from tsunagu.audit.models import AuditEvent
from tsunagu.cases.services import add_progress_note, attach_file, open_case
from tsunagu.intake.models import Issue
from tsunagu.people.services import register_person
from tsunagu.plans.services import record_assessment, record_support_plan
from tsunagu.sharing import services
from tsunagu.sharing.access import knows_case
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import Disclosure

#: One text of each kind of content, and the category it carries.
CONTENT = {
    "name": ("山田 太郎", C.FAMILY),
    "issue": ("ひきこもり・不登校", C.HISTORY),
    "history_note": ("長男と玄関先で話せた", C.HISTORY),
    "health_note": ("母の通院に同行した", C.HEALTH),
    "health_area": ("母は膝の痛みで歩行が難しい", C.HEALTH),
    "income_area": ("消費者金融に三社の借入", C.MONEY),
    "plan": ("この家で母と暮らしたい", C.WELFARE | C.HISTORY),
    "attachment": ("診断書（つなぐ整形外科）", C.HEALTH),
}
EVERYTHING = set(CONTENT)
CONSENTED = C.FAMILY | C.HEALTH | C.WELFARE | C.HISTORY  # not 収入・資産・債務
WITHIN_CONSENT = EVERYTHING - {"income_area"}


@pytest.fixture
def shared(cast, town) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    lead = cast.lead_consultant
    person = register_person(actor=lead, name=CONTENT["name"][0])
    issue = Issue.objects.get(name=CONTENT["issue"][0])
    case = open_case(actor=lead, person=person, issues=[issue], main_issue=issue)
    add_progress_note(
        actor=lead, case=case, method="visit", body=CONTENT["history_note"][0], categories=C.HISTORY
    )
    add_progress_note(
        actor=lead,
        case=case,
        method="accompany",
        body=CONTENT["health_note"][0],
        categories=C.HEALTH,
    )
    record_assessment(
        actor=lead, case=case, health=CONTENT["health_area"][0], income=CONTENT["income_area"][0]
    )
    record_support_plan(
        actor=lead, case=case, persons_wishes=CONTENT["plan"][0], goals=["通院を続ける"], actions=[]
    )
    attach_file(
        actor=lead,
        case=case,
        title=CONTENT["attachment"][0],
        file=SimpleUploadedFile("shindansho.pdf", b"%PDF-1.4 demo", content_type="application/pdf"),
        categories=C.HEALTH,
    )
    partner, without = town[P.KAWABE_HOUKATSU], town[P.HIDAMARI]
    services.add_team_member(actor=lead, case=case, organization=partner, role="related")
    services.add_team_member(actor=lead, case=case, organization=without, role="related")
    consent = services.record_consent(
        actor=lead,
        case=case,
        categories=CONSENTED,
        organizations=[partner],
        purpose="母の介護と長男の支援を関係機関で検討するため",
        method="written",
        obtained_on=timezone.localdate() - dt.timedelta(days=10),
        expires_on=timezone.localdate() + dt.timedelta(days=180),
    )
    Membership.objects.filter(user=cast.coordinator).update(can_declare_emergency=True)
    return SimpleNamespace(case=case, consent=consent, partner=partner)


CASE_TABS = ("", "support/", "collaboration/")


def _seen(client, case) -> set[str] | int:  # type: ignore[no-untyped-def]
    """What of the content the user's case pages (its three tabs) show, or their status when not
    200 (the tabs of one case answer alike)."""
    responses = [client.get(f"/cases/{case.pk}/{tab}") for tab in CASE_TABS]
    statuses = {response.status_code for response in responses}
    assert len(statuses) == 1, statuses
    if statuses != {200}:
        return statuses.pop()
    page = "".join(response.content.decode() for response in responses)
    return {kind for kind, (text, _c) in CONTENT.items() if text in page}


def _withdraw(shared, cast) -> None:  # type: ignore[no-untyped-def]
    services.withdraw_consent(actor=cast.lead_consultant, consent=shared.consent, note="電話で撤回")


def _expire(shared, cast) -> None:  # type: ignore[no-untyped-def]
    shared.consent.expires_on = timezone.localdate() - dt.timedelta(days=1)
    shared.consent.save()
    services.refresh_consent_grants(shared.case)


def _narrow(shared, cast) -> None:  # type: ignore[no-untyped-def]
    """Only 生活歴・課題: the rest of the case stays with the lead."""
    _withdraw(shared, cast)
    services.record_consent(
        actor=cast.lead_consultant,
        case=shared.case,
        categories=C.HISTORY,
        organizations=[shared.partner],
        purpose="長男の支援のため",
        method="oral",
        witness="鈴木 一郎",
    )


def _emergency(shared, cast) -> None:  # type: ignore[no-untyped-def]
    """社協 has no link to the case: the access opens once a second person approves (the 社協's
    事務局長 of the demo town)."""
    emergency = services.declare_emergency(
        actor=cast.coordinator, case=shared.case, reason="母が自宅で倒れたと近所から通報があった"
    )
    approver = services.emergency_approvers(emergency)[0]
    services.approve_emergency(actor=approver, emergency=emergency, approve=True)


@pytest.mark.parametrize(
    ("path", "persona", "setup", "expected", "basis"),
    [
        ("lead organization", "lead_consultant", None, EVERYTHING, "own_organization"),
        ("lead organization, colleague", "colleague", None, EVERYTHING, "own_organization"),
        ("team with consent", "partner_with_consent", None, WITHIN_CONSENT, "consent"),
        ("team without consent", "partner_without_consent", None, set(), ""),
        ("consent withdrawn", "partner_with_consent", _withdraw, set(), ""),
        ("consent expired", "partner_with_consent", _expire, set(), ""),
        (
            "category outside the consent",
            "partner_with_consent",
            _narrow,
            {"issue", "history_note"},
            "consent",
        ),
        ("emergency within 24 h", "coordinator", _emergency, EVERYTHING, "emergency"),
        ("outsider (another agency)", "meeting_attendee", None, 404, None),
        ("outsider (manager elsewhere)", "manager", None, 404, None),
        ("no emergency declared", "coordinator", None, 404, None),
    ],
)
def test_each_path_against_each_kind_of_content(  # type: ignore[no-untyped-def]
    shared, cast, client_for, path, persona, setup, expected, basis
) -> None:
    user = getattr(cast, persona)
    if setup:
        setup(shared, cast)
    before = Disclosure.objects.filter(user=user).count()
    assert _seen(client_for(user), shared.case) == expected, path
    # Writes and lists ask knows_case; the pages build the access: the two agree on every path.
    assert knows_case(user, shared.case) == (expected != 404), path
    if expected == 404:
        return
    view = AuditEvent.objects.filter(actor=user, action="view", object_id=str(shared.case.pk))
    assert view.latest("pk").legal_basis == basis
    disclosed = Disclosure.objects.filter(user=user, case=shared.case)
    if basis in ("consent", "emergency"):
        row = disclosed.latest("pk")
        assert disclosed.count() > before and row.legal_basis == basis
        assert row.consents.exists() == (basis == "consent")
        assert (row.emergency_id is not None) == (basis == "emergency")
        assert AuditEvent.objects.filter(actor=user, action="disclosure").exists()
    else:
        assert disclosed.count() == 0


def test_a_team_member_without_consent_is_told_what_is_missing(shared, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    page = (
        client_for(cast.partner_without_consent).get(f"/cases/{shared.case.pk}/").content.decode()
    )
    assert "同意" in page and P.SASAE in page
    assert f"ケース #{shared.case.pk}" in page and CONTENT["name"][0] not in page


def test_an_emergency_access_ends_after_24_hours(shared, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    _emergency(shared, cast)
    declared = timezone.now()
    # (A new sign-in each time: the session itself would have expired after 30 idle minutes.)
    with time_machine.travel(declared + dt.timedelta(hours=23, minutes=59)):
        assert _seen(client_for(cast.coordinator), shared.case) == EVERYTHING
    with time_machine.travel(declared + dt.timedelta(hours=24, minutes=1)):
        assert _seen(client_for(cast.coordinator), shared.case) == 404


def test_a_consent_ends_on_its_expiry_date_without_anyone_acting(shared, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    last_day = shared.consent.expires_on

    def at(day: dt.date, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))

    with time_machine.travel(at(last_day, 17)):
        assert _seen(client_for(cast.partner_with_consent), shared.case) == WITHIN_CONSENT
    with time_machine.travel(at(last_day + dt.timedelta(days=1), 9)):
        assert _seen(client_for(cast.partner_with_consent), shared.case) == set()


def test_search_finds_what_the_consent_covers_until_it_is_withdrawn(
    shared, cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.partner_with_consent)
    page = client.get("/search/", {"q": "玄関"}).content.decode()
    assert CONTENT["history_note"][0] in page.replace("<mark>", "").replace("</mark>", "")
    assert (
        CONTENT["income_area"][0]
        not in client.get("/search/", {"q": "消費者金融"}).content.decode()
    )
    _withdraw(shared, cast)
    assert "玄関先" not in client.get("/search/", {"q": "玄関"}).content.decode()
    assert (
        "玄関先"
        not in client_for(cast.partner_without_consent)
        .get("/search/", {"q": "玄関"})
        .content.decode()
    )


def test_the_lead_organization_and_the_auditors_hear_of_an_emergency(
    shared, cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    _emergency(shared, cast)
    for user in (cast.lead_consultant, cast.auditor):
        page = client_for(user).get("/notifications/").content.decode()
        assert "緊急アクセス" in page and f"#{shared.case.pk}" in page
    queue = client_for(cast.auditor).get("/emergency/").content.decode()
    assert "母が自宅で倒れた" in queue


MATERIAL = "長男は夜間に外出している様子。母の介護負担が大きい"


@pytest.fixture
def support_meeting(shared, cast, town):  # type: ignore[no-untyped-def]
    """A 支援会議 (no consent needed, statutory secrecy) in three days, with the case on it."""
    from tsunagu.meetings.models import MeetingType
    from tsunagu.meetings.services import add_to_agenda, convene_meeting

    meeting = convene_meeting(
        actor=cast.coordinator,
        type=MeetingType.objects.get(name="支援会議"),
        held_at=timezone.now() + dt.timedelta(days=3),
        place="役場 第2会議室",
        attendees=[(town[P.HOSPITAL], cast.meeting_attendee)],
    )
    item = add_to_agenda(
        actor=cast.lead_consultant,
        meeting=meeting,
        case=shared.case,
        material=MATERIAL,
        categories=C.FAMILY | C.HISTORY,
    )
    return SimpleNamespace(meeting=meeting, item=item)


def _material(client, support_meeting) -> int:  # type: ignore[no-untyped-def]
    response = client.get(
        f"/meetings/{support_meeting.meeting.pk}/items/{support_meeting.item.pk}/"
    )
    assert response.status_code != 200 or MATERIAL in response.content.decode()
    return response.status_code


@pytest.mark.parametrize(
    ("path", "pledge", "days_after_meeting", "material", "case_page"),
    [
        ("attendee without the pledge", False, 0, 404, 404),
        ("attendee with the pledge, before the meeting", True, -2, 200, set()),
        ("attendee with the pledge, within the window", True, 13, 200, set()),
        ("attendee with the pledge, after the window", True, 15, 404, 404),
    ],
)
def test_a_support_meeting_opens_its_material_only(  # type: ignore[no-untyped-def]
    support_meeting, shared, cast, client_for, path, pledge, days_after_meeting, material, case_page
) -> None:
    from tsunagu.meetings.services import sign_pledge

    attendee = cast.meeting_attendee
    if pledge:
        sign_pledge(actor=attendee, meeting=support_meeting.meeting)
    when = support_meeting.meeting.held_at + dt.timedelta(days=days_after_meeting)
    with time_machine.travel(when):
        client = client_for(attendee)
        assert _material(client, support_meeting) == material, path
        # The material, not the case: notes, assessment and plan stay closed.
        assert _seen(client, shared.case) == case_page, path
    if material == 200:
        row = Disclosure.objects.filter(user=attendee).latest("pk")
        assert row.legal_basis == "support_meeting" and row.agenda_item == support_meeting.item


@pytest.mark.parametrize(
    ("path", "pledge", "days_after_meeting", "opens"),
    [
        ("attendee without the pledge", False, 0, False),
        ("attendee with the pledge, within the window", True, 13, True),
        ("attendee with the pledge, after the window", True, 15, False),
    ],
)
def test_a_support_meetings_minutes_open_only_with_the_pledge(  # type: ignore[no-untyped-def]
    support_meeting, shared, cast, client_for, path, pledge, days_after_meeting, opens
) -> None:
    """The minutes, the item's discussion and its decisions are what the meeting learnt under
    the duty of secrecy: the page and the printed 会議録 show them only to a pledged attendee."""
    from pypdf import PdfReader

    from tsunagu.meetings.services import record_decision, sign_pledge, write_minutes

    meeting = support_meeting.meeting
    write_minutes(
        actor=cast.coordinator,
        meeting=meeting,
        minutes="全体: 世帯の見守り体制を確認した",
        discussions={support_meeting.item.pk: "長男の就労意欲について意見交換した"},
    )
    record_decision(
        actor=cast.lead_consultant,
        item=support_meeting.item,
        kind="roles",
        text="地域包括が月1回訪問する",
        roles=[],
    )
    attendee = cast.meeting_attendee
    if pledge:
        sign_pledge(actor=attendee, meeting=meeting)
    secrets = ("世帯の見守り体制", "長男の就労意欲", "地域包括が月1回訪問する", CONTENT["name"][0])
    with time_machine.travel(meeting.held_at + dt.timedelta(days=days_after_meeting)):
        client = client_for(attendee)
        page = client.get(f"/meetings/{meeting.pk}/").content.decode()
        pdf = client.get(f"/meetings/{meeting.pk}/minutes.pdf")
        printed = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for text in secrets[:3]:
        assert (text in page) is opens, (path, text)
        assert (text in printed.replace("\n", "")) is opens, (path, text)
    # The name is 属性・家族関係: the material opens it, so the heading shows it.
    assert (secrets[3] in page) is opens, path
    disclosed = Disclosure.objects.filter(user=attendee, agenda_item=support_meeting.item)
    assert disclosed.count() == (2 if opens else 0), path
    # The convener, who holds the meeting, reads its minutes whatever the window.
    convener = client_for(cast.coordinator).get(f"/meetings/{meeting.pk}/").content.decode()
    assert secrets[0] in convener


def test_the_material_is_not_open_before_it_is_prepared(support_meeting, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.meetings.services import sign_pledge

    sign_pledge(actor=cast.meeting_attendee, meeting=support_meeting.meeting)
    with time_machine.travel(support_meeting.item.created_at - dt.timedelta(minutes=5)):
        assert _material(client_for(cast.meeting_attendee), support_meeting) == 404


def test_only_an_invited_attendee_signs_the_pledge(support_meeting, cast) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from tsunagu.meetings.services import sign_pledge

    with pytest.raises(ValidationError) as refused:
        sign_pledge(actor=cast.partner_without_consent, meeting=support_meeting.meeting)
    assert "招待" in refused.value.messages[0]


def test_an_attachment_opens_only_within_the_consent(shared, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    attachment = shared.case.attachments.get()
    url = f"/cases/{shared.case.pk}/attachments/{attachment.pk}/"
    response = client_for(cast.partner_with_consent).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    assert Disclosure.objects.filter(
        user=cast.partner_with_consent, what=f"添付資料 #{attachment.pk}"
    ).exists()
    _narrow(shared, cast)  # 生活歴・課題 only: the 診断書 (健康) stays with the lead
    assert client_for(cast.partner_with_consent).get(url).status_code == 404
    assert client_for(cast.meeting_attendee).get(url).status_code == 404


def test_the_lead_sees_what_reached_whom(shared, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    partner = client_for(cast.partner_with_consent)
    partner.post("/i18n/setlang/", {"language": "en"})  # the reader works in English
    partner.get(f"/cases/{shared.case.pk}/")
    partner.get(f"/cases/{shared.case.pk}/support/")
    url = f"/cases/{shared.case.pk}/disclosures/"
    page = client_for(cast.lead_consultant).get(url).content.decode()
    assert P.KAWABE_HOUKATSU in page and "本人同意" in page and "高橋 健一" in page
    # The record reads the same for everyone: in the installation's language, tab by tab.
    assert "ケース：概要・支援経過" in page and "ケース：アセスメント・プラン・評価" in page
    assert client_for(cast.partner_with_consent).get(url).status_code == 404
