"""The outreach API: a 民生委員's app reports and follows its own concerns; the outreach team's
system opens targets, records contacts and reads the day."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from tests.fixtures import token_for
from tsunagu.outreach.models import Concern


def _api(user):  # type: ignore[no-untyped-def]
    raw = token_for(user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_report_follow_open_contact_and_the_day(cast) -> None:  # type: ignore[no-untyped-def]
    reporter, worker = _api(cast.reporter), _api(cast.coordinator)
    sent = reporter.post(
        "/api/v1/concerns",
        {
            "noticed": "庭の草が伸び放題で、雨戸が閉まったまま。",
            "place": "山手512番地付近",
            "urgency": "soon",
        },
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["status"] == "received"
    concern_id = sent.json()["id"]
    assert [c["id"] for c in reporter.get("/api/v1/concerns").json()["items"]] == [concern_id]
    assert (
        _api(cast.lead_consultant).get("/api/v1/concerns").json()["items"] == []
    )  # not a triager, not theirs

    target = worker.post(
        "/api/v1/outreach/targets",
        {
            "label": "山手の一人暮らしの女性",
            "concern_id": concern_id,
            "cadence_days": 10,
            "next_contact_on": "R8.11.27",
        },
        content_type="application/json",
    )
    assert target.status_code == 201, target.content
    target_id = target.json()["id"]
    assert [t["id"] for t in worker.get("/api/v1/outreach/due").json()["items"]] == [target_id]
    contact = worker.post(
        f"/api/v1/outreach/targets/{target_id}/contacts",
        {"method": "letter", "outcome": "not_met", "observed": "手紙をポストに入れた"},
        content_type="application/json",
    )
    assert contact.status_code == 201
    assert worker.get("/api/v1/outreach/due").json()["items"] == []  # next one in ten days
    assert reporter.get("/api/v1/concerns").json()["items"][0]["status"] == "in_progress"
    assert reporter.get("/api/v1/outreach/due").status_code == 404  # a reporter reads no target


def test_bad_input_is_refused(cast) -> None:  # type: ignore[no-untyped-def]
    reporter, worker = _api(cast.reporter), _api(cast.coordinator)
    assert (
        reporter.post(
            "/api/v1/concerns", {"noticed": " "}, content_type="application/json"
        ).status_code
        == 422
    )
    zero = worker.post(
        "/api/v1/outreach/targets",
        {"label": "x", "cadence_days": 0},
        content_type="application/json",
    )
    assert zero.status_code == 422 and "cadence_days" in zero.json()["errors"]
    target_id = worker.post(
        "/api/v1/outreach/targets", {"label": "x"}, content_type="application/json"
    ).json()["id"]
    future = worker.post(
        f"/api/v1/outreach/targets/{target_id}/contacts",
        {
            "method": "visit",
            "outcome": "talked",
            "occurred_at": (timezone.now() + dt.timedelta(days=2)).isoformat(),
        },
        content_type="application/json",
    )
    assert future.status_code == 422 and "occurred_at" in future.json()["errors"]
    assert (
        reporter.post(
            f"/api/v1/outreach/targets/{target_id}/contacts",
            {"method": "visit", "outcome": "talked"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert Concern.objects.count() == 0
