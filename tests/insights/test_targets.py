"""地域福祉計画: indicators with a baseline, a target and a source — counted from the records
(the town's, or a district's) or entered from a survey — a logic model per 事業, the values the
dashboard tracks, and the yearly review of decisions and what is still open."""

import datetime as dt
from decimal import Decimal

from tests.authorization.markers import readable_text
from tests.insights.conftest import YEAR
from tsunagu.accounts.models import District
from tsunagu.core.models import Revision
from tsunagu.insights import services
from tsunagu.insights.models import Indicator, IndicatorValue, WelfarePlan
from tsunagu.insights.targets import counted, progress, review


def test_a_plan_with_counted_and_surveyed_indicators(year, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    refused = client.post(
        "/insights/plans/",
        {"name": "第3期つなぐ町地域福祉計画", "first_year": 2027, "last_year": 2025},
    )
    assert refused.status_code == 400 and not WelfarePlan.objects.exists()
    made = client.post(
        "/insights/plans/",
        {"name": "第3期つなぐ町地域福祉計画", "first_year": YEAR, "last_year": YEAR + 4},
    )
    assert made.status_code == 302
    plan = WelfarePlan.objects.get()
    url = f"/insights/plans/{plan.pk}/"
    no_metric = client.post(
        f"{url}indicators/new/",
        {"name": "新規相談件数", "source": "counted", "direction": "up", "level": "output"},
    )
    assert no_metric.status_code == 400 and not Indicator.objects.exists()
    assert (
        client.post(
            f"{url}indicators/new/",
            {
                "name": "新規相談件数",
                "source": "counted",
                "metric": "consultations",
                "direction": "up",
                "level": "output",
                "unit": "件",
                "baseline": "200",
                "baseline_year": YEAR - 1,
                "target": "300",
                "target_year": YEAR + 4,
            },
        ).status_code
        == 302
    )
    kawabe = District.objects.get(code="01")
    assert (
        client.post(
            f"{url}indicators/new/",
            {
                "name": "川辺地区の新規相談",
                "source": "counted",
                "metric": "consultations",
                "direction": "up",
                "level": "output",
                "district": kawabe.pk,
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{url}indicators/new/",
            {
                "name": "地域で困ったとき相談できる人がいる町民の割合",
                "source": "survey",
                "survey": "町民意識調査",
                "direction": "up",
                "level": "outcome",
                "unit": "%",
                "baseline": "61.5",
                "target": "70",
            },
        ).status_code
        == 302
    )
    counted_one, district_one, surveyed = Indicator.objects.order_by("pk")
    # A counted value equals the records counted by hand.
    expected = sum(
        1
        for c in year.consultations
        if dt.date(YEAR, 4, 1) <= c.received_at.astimezone().date() <= dt.date(YEAR + 1, 3, 31)
    )
    assert counted(counted_one, YEAR)[0] == Decimal(expected)
    in_kawabe = sum(
        1
        for c in year.consultations
        if c.person
        and c.person.district_id == kawabe.pk
        and dt.date(YEAR, 4, 1) <= c.received_at.astimezone().date() <= dt.date(YEAR + 1, 3, 31)
    )
    assert counted(district_one, YEAR)[0] == Decimal(in_kawabe)
    # A survey's value, entered and then corrected: the earlier one kept.
    value_url = f"/insights/indicators/{surveyed.pk}/value/"
    assert (
        client.post(
            value_url, {"fiscal_year": YEAR, "value": "63.0", "note": "回収率41%"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            value_url, {"fiscal_year": YEAR, "value": "64.2", "note": "集計の訂正"}
        ).status_code
        == 302
    )
    assert IndicatorValue.objects.get().value == Decimal("64.2")
    assert Revision.objects.filter(record_type="insights.indicatorvalue").count() == 1
    outside = client.post(value_url, {"fiscal_year": YEAR + 9, "value": "70"})
    assert outside.status_code == 400
    counted_value = client.post(
        f"/insights/indicators/{counted_one.pk}/value/", {"fiscal_year": YEAR, "value": "1"}
    )
    assert counted_value.status_code == 400
    found = {p.indicator.pk: p for p in progress(plan, dt.date(YEAR + 1, 3, 31))}
    assert found[surveyed.pk].latest == Decimal("64.2")
    assert found[surveyed.pk].share_of_way == round(
        (Decimal("64.2") - Decimal("61.5")) / (Decimal("70") - Decimal("61.5")) * 100
    )
    page = readable_text(client.get(url))
    assert "町民意識調査" in page and "64.2%" in page
    # The dashboard of that year tracks the plan's targets.
    board = readable_text(client.get(f"/insights/?year={YEAR}"))
    assert "第3期つなぐ町地域福祉計画" in board and "新規相談件数" in board


def test_the_yearly_review_lists_decisions_and_what_is_open(year, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    plan = services.create_welfare_plan(
        actor=cast.manager, name="第3期計画", first_year=2026, last_year=2030
    )
    decided = services.create_theme(actor=cast.manager, title="通院の移動手段")
    services.advance_theme(
        actor=cast.manager,
        theme=decided,
        status="decided",
        decision="budget",
        decision_text="デマンド交通の夜間便を予算要求する",
    )
    services.create_theme(actor=cast.manager, title="休日の相談窓口")
    found = review(plan, 2026, cast.manager)
    assert [t.title for t in found.decided] == ["通院の移動手段"]
    assert [t.title for t in found.still_open] == ["休日の相談窓口"]
    page = readable_text(
        client_for(cast.manager).get(f"/insights/plans/{plan.pk}/review/?year=2026")
    )
    assert "予算要求" in page and "休日の相談窓口" in page
