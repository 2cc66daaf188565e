"""政策化 through the API: the same rules as the pages — a barrier heard in dialogue, a theme
taken to a decision, the inventory corrected with its history, a request for advice answered,
a story refused while it names a registered person, and a plan's indicators with their values."""

import json

import pytest

from tests import personas as P
from tests.fixtures import token_for
from tsunagu.insights.models import Program
from tsunagu.people.services import register_person


@pytest.fixture
def api(client_for):  # type: ignore[no-untyped-def]
    def as_user(user):  # type: ignore[no-untyped-def]
        client = client_for(None)
        headers = {"Authorization": f"Bearer {token_for(user)}"}

        def call(method: str, path: str, body: dict | None = None):  # type: ignore[no-untyped-def]
            return client.generic(
                method,
                f"/api/v1{path}",
                data=json.dumps(body or {}),
                content_type="application/json",
                headers=headers,
            )

        return call

    return as_user


def test_a_barrier_becomes_a_decision_through_the_api(cast, lead_section, api) -> None:  # type: ignore[no-untyped-def]
    manager = api(cast.manager)
    program = manager(
        "POST",
        "/programs",
        {
            "fiscal_year": 2026,
            "section": "長寿福祉課",
            "name": "外出支援サービス事業",
            "functions": ["transport"],
            "targets": ["高齢者"],
            "funding": ["care_insurance"],
            "budget": 5100,
        },
    )
    assert program.status_code == 201, program.content
    assert program.json()["targets"] == ["elderly"]  # a code by its Japanese label
    barrier = manager(
        "POST",
        "/barriers/dialogue",
        {
            "source": "受託事業者とのおしゃべり会",
            "would_help": "高齢者の夜間の通院の送迎",
            "blocked_by": "transport",
        },
    )
    assert barrier.status_code == 201
    suggested = manager("GET", f"/barriers/{barrier.json()['id']}/programs").json()
    assert suggested[0]["name"] == "外出支援サービス事業"
    theme = manager(
        "POST", "/themes", {"title": "通院の移動手段", "barrier_ids": [barrier.json()["id"]]}
    ).json()
    bare = manager(
        "POST", f"/themes/{theme['id']}/steps", {"status": "decided", "decision": "budget"}
    )
    assert bare.status_code == 422
    decided = manager(
        "POST",
        f"/themes/{theme['id']}/steps",
        {
            "status": "decided",
            "decision": "予算要求",
            "decision_text": "夜間便を予算要求する",
            "owner_id": cast.coordinator.pk,
            "program_id": program.json()["id"],
        },
    )
    assert decided.status_code == 201 and decided.json()["decision"] == "budget"
    corrected = manager(
        "PATCH", f"/programs/{program.json()['id']}", {"reason": "補正予算", "budget": 6300}
    )
    assert corrected.status_code == 200 and Program.objects.get().budget == 6300
    assert api(cast.lead_consultant)("POST", "/themes", {"title": "x"}).status_code == 404
    assert api(cast.lead_consultant)("GET", "/programs").status_code == 200


def test_advice_stories_and_a_plan_through_the_api(cast, town, lead_section, api) -> None:  # type: ignore[no-untyped-def]
    asker, hub = api(cast.lead_consultant), api(cast.coordinator)
    asked = asker(
        "POST",
        "/advice",
        {
            "hub_id": town[P.SHAKYO].pk,
            "topic": "関わり方",
            "situation": "50代の男性が外出していない",
            "question": "最初の一歩",
        },
    )
    assert asked.status_code == 201
    answered = hub("POST", f"/advice/{asked.json()['id']}/replies", {"text": "手紙から始めては。"})
    assert answered.status_code == 201 and answered.json()["status"] == "answered"
    assert (
        api(cast.partner_without_consent)("GET", f"/advice/{asked.json()['id']}").status_code == 404
    )

    register_person(actor=cast.lead_consultant, name="岡田 修", family_name="岡田", given_name="修")
    story = asker(
        "POST",
        "/narratives",
        {"title": "将棋の先生", "told_by": "staff", "body": "岡田さんが将棋を教えている。"},
    ).json()
    refused = asker(
        "POST",
        f"/narratives/{story['id']}/share",
        {
            "shared_body": "岡田さんが将棋を教えている。",
            "consent_on": "R8.11.1",
            "consent_how": "口頭",
        },
    )
    assert refused.status_code == 422 and "岡田" in refused.content.decode()
    shared = asker(
        "POST",
        f"/narratives/{story['id']}/share",
        {
            "shared_body": "Aさんが将棋を教えている。",
            "consent_on": "R8.11.1",
            "consent_how": "口頭",
        },
    )
    assert shared.status_code == 200 and shared.json()["status"] == "shared"

    manager = api(cast.manager)
    plan = manager(
        "POST", "/plans", {"name": "第3期計画", "first_year": 2026, "last_year": 2030}
    ).json()
    indicator = manager(
        "POST",
        f"/plans/{plan['id']}/indicators",
        {
            "name": "相談できる人がいる割合",
            "source": "survey",
            "survey": "町民意識調査",
            "unit": "%",
            "target": "70",
        },
    )
    assert indicator.status_code == 201
    assert (
        manager(
            "POST",
            f"/indicators/{indicator.json()['id']}/values",
            {"fiscal_year": 2026, "value": "64.2"},
        ).status_code
        == 201
    )
    read = manager("GET", f"/plans/{plan['id']}").json()
    assert read["indicators"][0]["values"]["2026"] == "64.20" or read["indicators"][0][
        "latest"
    ] in ("64.20", 64.2)
    assert manager("GET", f"/plans/{plan['id']}/review?year=2026").status_code == 200
