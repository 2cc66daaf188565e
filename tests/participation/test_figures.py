"""参加支援の実績: stages by district, days to the first visit, still taking part after 3 and
6 months, 協力事業者数 and 資源化, 孤独感 beside the national survey — counts only — and the Excel."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from tests.participation.conftest import INTERESTS
from tsunagu.participation import services
from tsunagu.participation.choices import StepKind
from tsunagu.participation.figures import TOTAL, participation_figures

TODAY = timezone.localdate()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def taking_part(cast, case, places, coordinator_access):  # type: ignore[no-untyped-def]
    worker = cast.participation_coordinator
    services.record_profile(actor=worker, access=coordinator_access, interests=INTERESTS)
    joined = services.introduce(
        actor=worker,
        access=coordinator_access,
        resource_id=places["bar"].pk,
        introduced_on=_ago(200),
    )
    for kind, days in ((StepKind.VISIT, 190), (StepKind.TRIAL, 185), (StepKind.CONTINUING, 180)):
        services.record_step(
            actor=worker,
            access=coordinator_access,
            participation=joined,
            kind=kind,
            happened_on=_ago(days),
        )
    services.record_adaptation(
        actor=worker,
        access=coordinator_access,
        participation=joined,
        resource_id=places["bar"].pk,
        what="開店前の静かな時間に仕込みを手伝う",
        capacity=2,
        negotiated_on=_ago(170),
    )
    for point, answers in (("start", (5, 4, 4, 4)), ("month_3", (3, 2, 2, 3))):
        services.record_wellbeing(
            actor=worker,
            access=coordinator_access,
            point=point,
            measured_on=_ago(100),
            loneliness=answers[0],
            companionship=answers[1],
            left_out=answers[2],
            isolated=answers[3],
        )
    return joined


def test_the_figures_count_stages_first_visits_and_who_kept_going(cast, taking_part) -> None:  # type: ignore[no-untyped-def]
    found = participation_figures(cast.lead_consultant, _ago(365), TODAY)
    total = next(r for r in found.rows if r.district == TOTAL)
    kawabe = next(r for r in found.rows if r.district == "川辺地区")
    assert total.people == kawabe.people == 1
    assert total.by_stage["continuing"] == 1
    assert total.days_to_first_visit == 10
    assert total.kept_3 == (1, 1) and total.kept_6 == (0, 0)  # 180 days is not yet 6 months
    assert found.hosts == 1
    # 資源化 counts as the agency's that negotiated it (社協's).
    made = participation_figures(cast.participation_coordinator, _ago(365), TODAY)
    assert made.adaptations_made == 1 and made.adaptations_reused == 0
    start = next(w for w in found.wellbeing if w.point == "start")
    assert start.answered == 1 and start.ucla_mean == 12 and start.loneliness[5] == 100.0
    assert found.national[5] == 4.9


def test_the_figures_count_only_what_the_reader_may_read(cast, taking_part) -> None:  # type: ignore[no-untyped-def]
    found = participation_figures(cast.partner_with_consent, _ago(365), TODAY)
    assert next(r for r in found.rows if r.district == TOTAL).people == 0


def test_the_figures_page_and_its_excel(cast, taking_part, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    page = client.get("/participation/figures/", {"since": "R7.4.1"})
    text = page.content.decode()
    assert page.status_code == 200 and "川辺地区" in text and "1／1" in text
    assert "令和4年 人々のつながりに関する基礎調査" in text and "藤田" not in text
    sheet = client.get("/participation/figures/", {"since": "R7.4.1", "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "地区" and any(r and r[0] == "協力事業者数" and r[1] == 1 for r in rows)
    assert client.get("/participation/figures/", {"since": "きのう"}).status_code == 200


def test_wellbeing_is_asked_once_per_point_and_refuses_what_is_not_an_answer(
    cast, taking_part, coordinator_access
) -> None:  # type: ignore[no-untyped-def]
    worker = cast.participation_coordinator
    with pytest.raises(ValidationError) as twice:
        services.record_wellbeing(
            actor=worker,
            access=coordinator_access,
            point="start",
            loneliness=1,
            companionship=1,
            left_out=1,
            isolated=1,
        )
    assert "point" in twice.value.message_dict
    with pytest.raises(ValidationError) as wrong:
        services.record_wellbeing(
            actor=worker,
            access=coordinator_access,
            point="month_6",
            loneliness=9,
            companionship=0,
            left_out=1,
            isolated=1,
        )
    assert {"loneliness", "companionship"} <= set(wrong.value.message_dict)


def test_the_api_answers_the_figures_and_records_wellbeing(cast, case, taking_part) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.fixtures import token_for

    api = Client(headers={"authorization": f"Bearer {token_for(cast.participation_coordinator)}"})
    figures = api.get("/api/v1/participation/figures", {"since": "R7.4.1"})
    assert figures.status_code == 200 and figures.json()["hosts"] == 1
    made = api.post(
        f"/api/v1/cases/{case.pk}/participation/wellbeing",
        {"point": "month_6", "loneliness": 2, "companionship": 1, "left_out": 1, "isolated": 2},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    refused = api.post(
        f"/api/v1/cases/{case.pk}/participation/wellbeing",
        {"point": "month_6", "loneliness": 7, "companionship": 1, "left_out": 1, "isolated": 2},
        content_type="application/json",
    )
    assert refused.status_code == 422
    read = api.get(f"/api/v1/cases/{case.pk}/participation").json()
    assert {w["point"] for w in read["wellbeing"]} == {"start", "month_3", "month_6"}
    assert read["participations"][0]["stage"] == "continuing"
    matches = api.get(f"/api/v1/cases/{case.pk}/participation/matches").json()
    assert matches["searched"] == 4 and "order" in matches


def test_another_agency_reading_by_consent_sees_no_district(cast, taking_part) -> None:  # type: ignore[no-untyped-def]
    found = participation_figures(cast.participation_coordinator, _ago(365), TODAY)
    assert {r.district for r in found.rows} == {"—", TOTAL}  # ささえ leads the case
