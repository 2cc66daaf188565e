"""政策化 in a browser: the manager of the 主管課 opens the year's dashboard (its figures equal
the records counted here by hand, no count from 1 to 4 in a breakdown, no link to a case),
drills from a theme of barriers to the programme that almost fits, records the decision
(予算要求) with its owner, and downloads the 実施状況 report as Excel."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.insights.conftest import YEAR, lead_section, year  # noqa: F401 - the fixtures
from tsunagu.insights import services
from tsunagu.insights.models import Theme, ThemeStep

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def theme(year, cast):  # type: ignore[no-untyped-def]  # noqa: F811
    for name, functions, targets, purpose in (
        ("デマンド交通事業", ["transport"], ["everyone"], "予約に応じて乗合タクシーを運行する。"),
        (
            "外出支援サービス事業",
            ["transport", "care"],
            ["elderly"],
            "要介護の高齢者の通院を送迎する。",
        ),
        ("図書館運営事業", ["learning"], ["everyone"], "図書館を運営する。"),
    ):
        services.record_program(
            actor=cast.manager,
            fiscal_year=2026,
            section="企画課" if "交通" in name else "長寿福祉課",
            name=name,
            functions=functions,
            targets=targets,
            purpose=purpose,
        )
    barriers = [
        services.record_dialogue_barrier(
            actor=cast.manager, source="provider_talk", would_help=text, blocked_by="transport"
        )
        for text in ("高齢者が夜間に通院する移動手段があれば", "山手から病院までのバスが朝だけ")
    ]
    return services.create_theme(
        actor=cast.manager, title="通院の移動手段がない", barriers=barriers
    )


def test_the_manager_turns_a_theme_into_a_budget_request(  # type: ignore[no-untyped-def]
    desk,
    live_server,
    year,  # noqa: F811
    theme,
    cast,
) -> None:
    manager = desk(cast.manager)
    manager.set_viewport_size({"width": 1280, "height": 900})

    # The year's dashboard: the figures equal the records.
    manager.goto(f"/insights/?year={YEAR}")
    expected = sum(
        1
        for c in year.consultations
        if dt.date(YEAR, 4, 1) <= timezone.localdate(c.received_at) <= dt.date(YEAR + 1, 3, 31)
    )
    figure = manager.locator("dt:has-text('新規相談件数') + dd strong").first
    expect(figure).to_have_text(f"{expected:,}")
    expect(manager.locator("main")).to_contain_text("全機関")
    counts = manager.locator("td.count").all_inner_texts()
    assert counts and all(
        t in ("5未満", "秘匿") or int(t.replace(",", "")) == 0 or int(t.replace(",", "")) >= 5
        for t in counts
    )
    assert not re.search(r'href="/cases/\d+', manager.content())
    assert_accessible(manager)

    # From the theme to the programme that almost fits, and back.
    manager.get_by_role("link", name="テーマと対応").first.click()
    manager.get_by_role("link", name="通院の移動手段がない").click()
    suggestions = manager.locator("#suggestions + p + ol")
    expect(suggestions).to_contain_text("外出支援サービス事業")
    expect(suggestions).not_to_contain_text("図書館運営事業")
    assert_accessible(manager)
    manager.get_by_role("link", name="長寿福祉課 外出支援サービス事業").click()
    expect(manager.locator("h1")).to_have_text("外出支援サービス事業")
    manager.go_back()

    # 対応決定: a budget request, owned by the coordinator, with the programme.
    manager.get_by_label("段階").select_option(label="対応決定")
    manager.get_by_label("決定の種類").select_option(label="予算要求")
    manager.get_by_label("決めた内容（対応しない場合はその理由）").fill(
        "令和9年度予算で夜間の通院送迎を要求する"
    )
    manager.get_by_label("担当者").select_option(label=cast.coordinator.display_name)
    manager.get_by_label("あと少しで合う事業").select_option(
        label="長寿福祉課 外出支援サービス事業"
    )
    manager.get_by_role("button", name="記録する").click()
    expect(manager.locator(".message--success")).to_contain_text("対応を記録しました")
    expect(manager.locator("dl.facts")).to_contain_text("予算要求")
    theme.refresh_from_db()
    assert (theme.status, theme.decision, theme.owner) == ("decided", "budget", cast.coordinator)
    assert ThemeStep.objects.filter(theme=theme).count() == 2
    assert Theme.objects.get().program.name == "外出支援サービス事業"

    # The 実施状況 report, as Excel.
    manager.goto(f"/insights/national-report/?year={YEAR}")
    assert_accessible(manager)
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Excelでダウンロード").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = {row[1]: row[2] for row in book["重層 実施状況"].iter_rows(min_row=2, values_only=True)}
    assert rows["新規相談件数"] == expected
