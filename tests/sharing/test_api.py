"""The collaboration API as another municipal system would script it: consent, team, referral
to its outcome, a meeting with its agenda and decision, an emergency, a barrier. A refusal for
want of a lawful path answers 409 with what is missing; bad input 422; nothing half-saved."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests import personas as P
from tests.fixtures import token_for
from tsunagu.accounts.models import Membership
from tsunagu.cases.services import open_case
from tsunagu.meetings.models import MeetingType
from tsunagu.people.services import register_person
from tsunagu.referrals.models import Referral
from tsunagu.sharing.models import Consent


def _api(user):  # type: ignore[no-untyped-def]
    raw = token_for(user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def case(cast):  # type: ignore[no-untyped-def]
    return open_case(
        actor=cast.lead_consultant,
        person=register_person(actor=cast.lead_consultant, name="西村 春子"),
    )


def test_consent_team_referral_meeting_barrier(case, cast, town) -> None:  # type: ignore[no-untyped-def]
    lead, partner = _api(cast.lead_consultant), _api(cast.partner_with_consent)
    kawabe = town[P.KAWABE_HOUKATSU]
    # No consent yet: the referral is refused with 409 and what is missing.
    body = {
        "case_id": case.pk,
        "to_organization_id": kawabe.pk,
        "reason": "介護の相談",
        "categories": ["family", "health"],
    }
    refused = lead.post("/api/v1/referrals", body, content_type="application/json")
    assert refused.status_code == 409 and P.KAWABE_HOUKATSU in refused.json()["detail"]

    consent = lead.post(
        f"/api/v1/cases/{case.pk}/consents",
        {
            "categories": ["family", "health", "history"],
            "organizations": [kawabe.pk],
            "purpose": "介護サービスの調整",
            "method": "written",
            "obtained_on": "R8.11.20",
            "expires_on": "2027-11-19",
            "meeting_members": True,
        },
        content_type="application/json",
    )
    assert consent.status_code == 201, consent.content
    team = lead.post(
        f"/api/v1/cases/{case.pk}/team",
        {"organization_id": town[P.HIDAMARI].pk},
        content_type="application/json",
    )
    assert team.status_code == 201 and team.json()["missing"] == "consent"

    sent = lead.post("/api/v1/referrals", body, content_type="application/json")
    assert sent.status_code == 201, sent.content
    referral_id = sent.json()["id"]
    assert [r["id"] for r in partner.get("/api/v1/referrals?box=inbox").json()["items"]] == [
        referral_id
    ]
    for event in (
        {"type": "accepted"},
        {"type": "first_contact"},
        {"type": "completed", "outcome": "connected"},
    ):
        step = partner.post(
            f"/api/v1/referrals/{referral_id}/events", event, content_type="application/json"
        )
        assert step.status_code == 200, step.content
    outbox = lead.get("/api/v1/referrals?box=outbox&all=true").json()["items"]
    assert outbox[0]["status"] == "completed" and outbox[0]["outcome"] == "connected"
    late = lead.post(
        f"/api/v1/referrals/{referral_id}/events",
        {"type": "recalled"},
        content_type="application/json",
    )
    assert late.status_code == 422 and "完了" in late.json()["errors"]["__all__"][0]

    coordinator = _api(cast.coordinator)
    meeting = coordinator.post(
        "/api/v1/meetings",
        {
            "type_id": MeetingType.objects.get(name="重層的支援会議").pk,
            "held_at": (timezone.now() + dt.timedelta(days=5)).isoformat(),
            "place": "役場 第1会議室",
            "attendees": [
                {"organization_id": kawabe.pk, "user_id": cast.partner_with_consent.pk},
                {"organization_id": town[P.SASAE].pk, "user_id": cast.lead_consultant.pk},
            ],
        },
        content_type="application/json",
    )
    assert meeting.status_code == 201, meeting.content
    meeting_id = meeting.json()["id"]
    item = lead.post(
        f"/api/v1/meetings/{meeting_id}/agenda",
        {"case_id": case.pk, "material": "介護と就労の両立", "categories": ["family", "history"]},
        content_type="application/json",
    )
    assert item.status_code == 201, item.content
    decision = coordinator.post(
        f"/api/v1/meetings/{meeting_id}/decisions",
        {
            "item_id": item.json()["id"],
            "kind": "roles",
            "text": "役割を分担した",
            "roles": [
                {
                    "organization_id": kawabe.pk,
                    "description": "介護認定の申請支援",
                    "due_on": "R8.12.15",
                }
            ],
        },
        content_type="application/json",
    )
    assert decision.status_code == 201, decision.content
    pledge = partner.post(f"/api/v1/meetings/{meeting_id}/pledges", content_type="application/json")
    assert pledge.status_code == 422  # a 重層的支援会議 has no pledge: it shares under consent

    barrier = partner.post(
        "/api/v1/barriers",
        {
            "case_id": case.pk,
            "would_help": "土日に使えるデイサービス",
            "blocked_by": "requirements",
            "is_gap": True,
        },
        content_type="application/json",
    )
    assert barrier.status_code == 201, barrier.content

    withdrawn = lead.post(
        f"/api/v1/consents/{consent.json()['id']}/withdraw",
        {"note": "本人から電話"},
        content_type="application/json",
    )
    assert withdrawn.status_code == 200
    assert Consent.objects.get().withdrawn_at is not None


def test_bad_input_is_refused_and_nothing_is_saved(case, cast, town) -> None:  # type: ignore[no-untyped-def]
    lead = _api(cast.lead_consultant)
    bad = lead.post(
        f"/api/v1/cases/{case.pk}/consents",
        {
            "categories": [],
            "organizations": [],
            "purpose": "",
            "method": "oral",
            "obtained_on": "2026-11-20",
            "expires_on": "2026-11-01",
        },
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert {"categories", "organizations", "purpose", "witness", "expires_on"} <= set(
        bad.json()["errors"]
    )
    unknown = lead.post(
        f"/api/v1/cases/{case.pk}/consents",
        {
            "categories": ["secret"],
            "organizations": [town[P.HIDAMARI].pk],
            "purpose": "x",
            "method": "written",
        },
        content_type="application/json",
    )
    assert unknown.status_code == 422 and "secret" in unknown.json()["errors"]["categories.0"][0]
    own = lead.post(
        "/api/v1/referrals",
        {
            "case_id": case.pk,
            "to_organization_id": town[P.SASAE].pk,
            "reason": "x",
            "categories": ["family"],
        },
        content_type="application/json",
    )
    assert own.status_code == 422
    no_reason = _api(cast.coordinator).post(
        "/api/v1/emergency-access",
        {"case_id": case.pk, "reason": " "},
        content_type="application/json",
    )
    assert no_reason.status_code == 403  # no right to declare (yet)
    Membership.objects.filter(user=cast.coordinator).update(can_declare_emergency=True)
    no_reason = _api(cast.coordinator).post(
        "/api/v1/emergency-access",
        {"case_id": case.pk, "reason": " "},
        content_type="application/json",
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    assert not Consent.objects.exists() and not Referral.objects.exists()
    # Another agency cannot even learn the case exists.
    outsider = _api(cast.meeting_attendee)
    assert (
        outsider.post(
            f"/api/v1/cases/{case.pk}/consents",
            {"categories": ["family"], "organizations": [], "purpose": "x", "method": "written"},
            content_type="application/json",
        ).status_code
        == 404
    )
