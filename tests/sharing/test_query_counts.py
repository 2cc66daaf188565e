"""The N+1 guard on every lawful path: a page costs as many queries for a case (or a meeting, or
a search) that holds many records as for one that holds one — read by the lead, by a partner
agency through a consent, by a 支援会議 attendee who signed the pledge, and by a search user whose
hits are many notes of a shared case. A non-lead read writes audit and disclosure rows: those
must not grow with what was shown either."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.city import furnish
from tests import personas as P
from tsunagu.accounts.models import Organization
from tsunagu.cases.models import Case
from tsunagu.cases.services import add_progress_note, attach_file, open_case
from tsunagu.meetings.models import MeetingType
from tsunagu.meetings.services import add_to_agenda, convene_meeting, sign_pledge
from tsunagu.people.services import register_person
from tsunagu.plans.services import record_evaluation
from tsunagu.referrals.services import send_referral
from tsunagu.sharing.choices import ALL_CATEGORIES
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import Disclosure
from tsunagu.sharing.services import add_team_member, record_consent

TABS = ("", "support/", "collaboration/")


def _queries(client, path: str, params: dict[str, str] | None = None) -> int:  # type: ignore[no-untyped-def]
    client.get(path, params)  # the first request of a client warms what every request shares
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200, path
    return len(queries)


def _open_to_the_partner(cast, town, case: Case) -> None:  # type: ignore[no-untyped-def]
    """The partner's agency on the team, with a consent for everything (so that every note,
    plan and document of the case is on its pages)."""
    partner = town[P.KAWABE_HOUKATSU]
    record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=ALL_CATEGORIES,
        organizations=[partner],
        purpose="関係機関が連携して支援を検討するため",
        method="written",
    )
    if not case.team.filter(organization=partner, left_at__isnull=True).exists():
        add_team_member(actor=cast.lead_consultant, case=case, organization=partner, role="related")


def _furnished(cast, town, name: str) -> Case:  # type: ignore[no-untyped-def]
    case = open_case(
        actor=cast.lead_consultant, person=register_person(actor=cast.lead_consultant, name=name)
    )
    furnish(case)  # an assessment, plans, an evaluation, consents, a team, referrals …
    add_progress_note(actor=cast.lead_consultant, case=case, method="visit", body="初回訪問")
    _open_to_the_partner(cast, town, case)
    return case


def _grow(cast, case: Case) -> None:  # type: ignore[no-untyped-def]
    """Many of each record the tabs list."""
    lead = cast.lead_consultant
    for n in range(25):
        add_progress_note(actor=lead, case=case, method="phone", body=f"電話 {n}")
    plan = case.plans.order_by("-version").first()
    assert plan is not None
    for _ in range(3):
        record_evaluation(
            actor=lead,
            case=case,
            plan=plan,
            attainments={goal.pk: ("partly", "") for goal in plan.goals.all()},
            next_direction="continue",
        )
    third = Organization.objects.exclude(
        pk__in=[case.lead_organization_id, *case.team.values_list("organization_id", flat=True)]
    ).first()
    assert third is not None
    record_consent(
        actor=lead,
        case=case,
        categories=C.FAMILY,
        organizations=[third],
        purpose="連携のため",
        method="written",
    )
    add_team_member(actor=lead, case=case, organization=third, role="related")
    send_referral(
        actor=lead,
        case=case,
        to_organization=third,
        reason="相談をお願いしたい",
        categories=C.FAMILY,
    )
    for n in range(3):
        attach_file(
            actor=lead,
            case=case,
            title=f"資料{n}",
            file=ContentFile(b"memo", name=f"memo{n}.txt"),
            categories=C.HISTORY,
        )


@pytest.fixture
def cases(cast, town) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    small, big = _furnished(cast, town, "少 なし"), _furnished(cast, town, "多 あり")
    _grow(cast, big)
    return SimpleNamespace(small=small, big=big)


@pytest.mark.parametrize("reader", ["lead_consultant", "partner_with_consent"])
def test_each_tab_reads_as_many_queries_however_much_the_case_holds(  # type: ignore[no-untyped-def]
    cases, cast, client_for, reader
) -> None:
    client = client_for(getattr(cast, reader))

    def counts(case: Case) -> list[int]:
        return [_queries(client, f"/cases/{case.pk}/{tab}") for tab in TABS]

    assert counts(cases.big) == counts(cases.small)
    # The partner's tabs are not empty pages: the notes are there, and each read is disclosed.
    page = client.get(f"/cases/{cases.big.pk}/").content.decode()
    assert "電話 24" in page
    if reader == "partner_with_consent":
        assert Disclosure.objects.filter(user=cast.partner_with_consent, case=cases.big).exists()


@pytest.fixture
def support_meeting(cases, cast, town) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """A 支援会議 in three days with both cases on its agenda; the attendee signed the pledge."""
    meeting = convene_meeting(
        actor=cast.coordinator,
        type=MeetingType.objects.get(name="支援会議"),
        held_at=timezone.now() + dt.timedelta(days=3),
        place="役場 第2会議室",
        attendees=[(town[P.HOSPITAL], cast.meeting_attendee)],
    )
    items = {
        name: add_to_agenda(
            actor=cast.lead_consultant,
            meeting=meeting,
            case=case,
            material=f"{name}: 長男は夜間に外出している様子。",
            categories=C.FAMILY | C.HISTORY,
        )
        for name, case in (("small", cases.small), ("big", cases.big))
    }
    sign_pledge(actor=cast.meeting_attendee, meeting=meeting)
    return SimpleNamespace(meeting=meeting, **items)


def test_the_material_reads_as_many_queries_however_much_the_case_holds(  # type: ignore[no-untyped-def]
    support_meeting, cast, client_for
) -> None:
    client = client_for(cast.meeting_attendee)
    base = f"/meetings/{support_meeting.meeting.pk}/items"
    big = _queries(client, f"{base}/{support_meeting.big.pk}/")
    assert big == _queries(client, f"{base}/{support_meeting.small.pk}/")
    page = client.get(f"{base}/{support_meeting.big.pk}/").content.decode()
    assert "big: 長男は夜間に外出している様子。" in page
    assert Disclosure.objects.filter(
        user=cast.meeting_attendee, legal_basis="support_meeting"
    ).exists()


def test_the_meeting_page_reads_as_many_queries_however_long_its_agenda(  # type: ignore[no-untyped-def]
    cases, cast, town, client_for
) -> None:
    def meeting_with(agenda: list[Case]) -> int:
        meeting = convene_meeting(
            actor=cast.coordinator,
            type=MeetingType.objects.get(name="支援会議"),
            held_at=timezone.now() + dt.timedelta(days=3),
            attendees=[(town[P.HOSPITAL], cast.meeting_attendee)],
        )
        for case in agenda:
            add_to_agenda(
                actor=cast.lead_consultant,
                meeting=meeting,
                case=case,
                material="母の介護負担が大きい。",
                categories=C.HISTORY,
            )
        sign_pledge(actor=cast.meeting_attendee, meeting=meeting)
        return meeting.pk

    more = [
        open_case(
            actor=cast.lead_consultant,
            person=register_person(actor=cast.lead_consultant, name=f"議題 {n}"),
        )
        for n in range(4)
    ]
    client = client_for(cast.meeting_attendee)
    one = _queries(client, f"/meetings/{meeting_with([cases.small])}/")
    many = _queries(client, f"/meetings/{meeting_with([cases.small, cases.big, *more])}/")
    assert many == one


def test_a_search_costs_as_many_queries_however_many_hits_a_shared_case_has(  # type: ignore[no-untyped-def]
    cases, cast, client_for
) -> None:
    """The partner searches; one word is in one note of a shared case, the other in twenty.
    Each search is one disclosure per case (naming the hits), not one per hit."""
    lead = cast.lead_consultant
    add_progress_note(actor=lead, case=cases.small, method="phone", body="ひまわり畑の話をした")
    for n in range(20):
        add_progress_note(actor=lead, case=cases.big, method="phone", body=f"たんぽぽの会 {n}")
    client = client_for(cast.partner_with_consent)
    one = _queries(client, "/search/", {"q": "ひまわり"})
    many = _queries(client, "/search/", {"q": "たんぽぽ"})
    assert many == one
    before = Disclosure.objects.filter(user=cast.partner_with_consent).count()
    page = client.get("/search/", {"q": "たんぽぽ"}).content.decode()
    assert page.count("たんぽぽ</mark>の会") == 20
    disclosures = Disclosure.objects.filter(user=cast.partner_with_consent).order_by("pk")
    assert disclosures.count() == before + 1
    row = disclosures.last()
    # The notes (生活歴・課題), and the name that heads each hit (属性・家族関係).
    assert row is not None and row.case == cases.big and row.categories == C.HISTORY | C.FAMILY
    assert row.what.startswith("検索結果：支援経過記録 #") and row.what.count("#") == 20
