"""Barriers into decisions: barriers heard in dialogue (no case, no names), gathered into themes
whose management response goes 受け止め → 検討 → 対応決定 → 実施 → 振り返り with an owner and a due
date; the programme of the inventory that almost fits; the inventory from and to Excel."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from tests.authorization.markers import readable_text
from tsunagu.insights import services
from tsunagu.insights.models import Barrier, Program, ProgramFit, Theme, ThemeStep
from tsunagu.insights.selectors import programs_for


@pytest.fixture
def programs(cast, lead_section):  # type: ignore[no-untyped-def]
    def make(section, name, functions, targets, funding, purpose="", target=""):  # type: ignore[no-untyped-def]
        return services.record_program(
            actor=cast.manager,
            fiscal_year=2026,
            section=section,
            name=name,
            functions=functions,
            targets=targets,
            funding=funding,
            purpose=purpose,
            target=target,
            budget=1200,
        )

    return {
        "bus": make(
            "企画課",
            "デマンド交通事業",
            ["transport"],
            ["everyone"],
            ["general"],
            "予約に応じて乗合タクシーを運行し、通院や買い物の移動を支える。",
            "町内に住む人",
        ),
        "outing": make(
            "長寿福祉課",
            "外出支援サービス事業",
            ["transport"],
            ["elderly"],
            ["care_insurance"],
            "要介護認定を受けた高齢者の通院を送迎する。",
            "65歳以上の要介護者",
        ),
        "library": make(
            "生涯学習課", "図書館運営事業", ["learning", "place"], ["everyone"], ["general"]
        ),
    }


def test_a_barrier_heard_in_dialogue_has_no_case_and_no_names(
    cast, lead_section, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    named = client.post(
        "/insights/barriers/new/",
        {
            "source": "provider_talk",
            "occasion": "第3回 受託事業者とのおしゃべり会",
            "noticed_on": "令和8年10月20日",
            "would_help": "田中さんのように夜に通院する人の送迎があれば",
            "blocked_by": "transport",
        },
    )
    assert named.status_code == 400 and "「田中」" in readable_text(named)
    assert not Barrier.objects.exists()
    response = client.post(
        "/insights/barriers/new/",
        {
            "source": "provider_talk",
            "occasion": "第3回 受託事業者とのおしゃべり会",
            "noticed_on": "令和8年10月20日",
            "would_help": "夜に通院する人の送迎があれば、受診をあきらめずに済む",
            "blocked_by": "transport",
            "program": "長寿福祉課 外出支援サービス事業",
        },
    )
    assert response.status_code == 302
    barrier = Barrier.objects.get()
    assert barrier.case is None and barrier.source == "provider_talk"
    assert str(barrier.noticed_on) == "2026-10-20"
    page = readable_text(client.get(response["Location"]))
    assert "受託事業者とのおしゃべり会" in page and "第3回" in page
    future = client.post(
        "/insights/barriers/new/",
        {
            "source": "hall_walk",
            "noticed_on": "令和20年1月1日",
            "would_help": "窓口",
            "blocked_by": "silos",
        },
    )
    assert future.status_code == 400 and Barrier.objects.count() == 1


def test_the_programme_that_almost_fits_is_found_by_function_and_target(programs, cast) -> None:  # type: ignore[no-untyped-def]
    barrier = services.record_dialogue_barrier(
        actor=cast.manager,
        source="hall_walk",
        would_help="高齢者が夜間に通院するときの移動手段があれば",
        blocked_by="transport",
    )
    found = programs_for([barrier])
    assert [s.program for s in found[:2]] == [programs["outing"], programs["bus"]]
    assert "移動" in found[0].functions[0] and found[0].targets
    assert programs["library"] not in [s.program for s in found]


def test_a_theme_goes_from_received_to_a_decision_and_keeps_each_step(
    programs, cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    barriers = [
        services.record_dialogue_barrier(
            actor=cast.manager, source="provider_talk", would_help=text, blocked_by="transport"
        )
        for text in ("夜間の通院の足がない", "山手地区から病院までのバスが朝だけ")
    ]
    client = client_for(cast.manager)
    made = client.post(
        "/insights/themes/new/",
        {
            "barrier": [b.pk for b in barriers],
            "title": "通院の移動手段",
            "owner": cast.manager.pk,
            "due_on": "令和9年3月31日",
        },
    )
    assert made.status_code == 302
    theme = Theme.objects.get()
    assert theme.barriers.count() == 2 and theme.status == "received"
    url = f"/insights/themes/{theme.pk}/"
    page = readable_text(client.get(url))
    assert "デマンド交通事業" in page and "外出支援サービス事業" in page
    # A decision without saying what: refused, with what to fix.
    bare = client.post(url, {"status": "decided", "decision": "budget"})
    assert bare.status_code == 400 and "決めた内容を書いてください" in readable_text(bare)
    # Straight from 受け止め to 実施: refused.
    skipped = client.post(url, {"status": "implementing", "note": "始めます"})
    assert skipped.status_code == 400
    decided = client.post(
        url,
        {
            "status": "decided",
            "decision": "budget",
            "decision_text": "令和9年度予算でデマンド交通の夜間便を要求する",
            "owner": cast.coordinator.pk,
            "due_on": "令和9年2月末日".replace("末日", "28日"),
            "program": programs["bus"].pk,
        },
    )
    assert decided.status_code == 302, readable_text(decided)[:600]
    theme.refresh_from_db()
    assert (theme.status, theme.decision, theme.owner, theme.program) == (
        "decided",
        "budget",
        cast.coordinator,
        programs["bus"],
    )
    steps = list(ThemeStep.objects.filter(theme=theme).values_list("status", "decision"))
    assert steps == [("received", ""), ("decided", "budget")]
    no_reason = client.post(url, {"status": "decided", "note": ""})
    assert no_reason.status_code == 400
    assert "予算要求" in readable_text(client.get("/insights/themes/"))


def test_no_action_needs_its_reason(programs, cast) -> None:  # type: ignore[no-untyped-def]
    theme = services.create_theme(actor=cast.manager, title="休日の窓口")
    with pytest.raises(Exception, match="理由|why"):
        services.advance_theme(
            actor=cast.manager, theme=theme, status="decided", decision="no_action"
        )
    services.advance_theme(
        actor=cast.manager,
        theme=theme,
        status="decided",
        decision="no_action",
        decision_text="休日は警察・消防の相談窓口と連携して案内する",
    )
    assert Theme.objects.get().decision == "no_action"


def test_a_barrier_links_to_the_programme_that_almost_fits(programs, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    barrier = services.record_dialogue_barrier(
        actor=cast.manager,
        source="circle",
        would_help="高齢者の夜の通院の送迎",
        blocked_by="transport",
    )
    client = client_for(cast.manager)
    response = client.post(
        f"/insights/barriers/{barrier.pk}/",
        {"program": programs["outing"].pk, "lacks": "夜間は運行していない"},
    )
    assert response.status_code == 302
    fit = ProgramFit.objects.get()
    assert (fit.barrier, fit.program, fit.lacks) == (
        barrier,
        programs["outing"],
        "夜間は運行していない",
    )
    assert "夜間は運行していない" in readable_text(
        client.get(f"/insights/programs/{programs['outing'].pk}/")
    )


def _workbook(rows: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "年度",
            "課",
            "事業名",
            "目的",
            "対象",
            "対象区分",
            "機能",
            "財源",
            "予算（千円）",
            "担当",
            "連絡先",
        ]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "tanaoroshi.xlsx"
    return buffer


def test_the_inventory_imports_all_or_nothing_and_exports_again(
    cast, lead_section, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    broken = _workbook(
        [
            [
                2026,
                "企画課",
                "デマンド交通事業",
                "乗合タクシー",
                "町民",
                "住民全般",
                "移動",
                "一般財源",
                8200,
                "交通係",
                "0123-45-1201",
            ],
            [2026, "", "名前のない課の事業", "", "", "", "相談", "", "", "", ""],
            [
                2026,
                "商工観光課",
                "空き店舗活用事業",
                "",
                "",
                "事業者・団体",
                "居場所・テレポート",
                "国庫補助",
                "たくさん",
                "",
                "",
            ],
        ]
    )
    response = client.post("/insights/programs/import/", {"file": broken})
    text = readable_text(response)
    assert response.status_code == 400 and not Program.objects.exists()
    assert "3" in text and "課" in text and "空です" in text
    assert "テレポート" in text and "たくさん" in text
    good = _workbook(
        [
            [
                2026,
                "企画課",
                "デマンド交通事業",
                "乗合タクシー",
                "町民",
                "住民全般",
                "移動",
                "一般財源・国庫補助",
                "8,200",
                "交通係",
                "0123-45-1201",
            ],
            [
                "2026年度",
                "商工観光課",
                "空き店舗活用事業",
                "商店街の空き店舗を地域の場に",
                "",
                "事業者・団体",
                "居場所、地域活動",
                "国庫補助",
                3000,
                "",
                "",
            ],
        ]
    )
    assert client.post("/insights/programs/import/", {"file": good}).status_code == 302
    bus = Program.objects.get(name="デマンド交通事業")
    assert (bus.functions, bus.funding, bus.budget) == (
        ["transport"],
        ["general", "national"],
        8200,
    )
    # The same file again with a changed budget: a correction, the earlier value kept.
    again = _workbook(
        [
            [
                2026,
                "企画課",
                "デマンド交通事業",
                "乗合タクシー",
                "町民",
                "住民全般",
                "移動",
                "一般財源・国庫補助",
                9000,
                "交通係",
                "0123-45-1201",
            ]
        ]
    )
    assert client.post("/insights/programs/import/", {"file": again}).status_code == 302
    assert Program.objects.count() == 2 and Program.objects.get(pk=bus.pk).budget == 9000
    detail = readable_text(client.get(f"/insights/programs/{bus.pk}/"))
    assert "8200" in detail and "9000" in detail
    not_excel = io.BytesIO(b"%PDF-1.4 not a workbook")
    not_excel.name = "list.xlsx"
    refused = client.post("/insights/programs/import/", {"file": not_excel})
    assert refused.status_code == 400 and ".xlsx" in readable_text(refused)
    download = client.get("/insights/programs/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("年度", "課", "事業名")
    assert ("一般財源・国庫補助" in rows[1]) or ("一般財源・国庫補助" in rows[2])


def test_who_reads_and_writes_the_policy_pages(programs, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    # Every member of staff reads the inventory; only policy roles write it or see themes.
    assert client_for(cast.lead_consultant).get("/insights/programs/").status_code == 200
    assert client_for(cast.lead_consultant).get("/insights/programs/new/").status_code == 404
    assert client_for(cast.lead_consultant).get("/insights/themes/").status_code == 404
    assert client_for(cast.community_coordinator).get("/insights/themes/").status_code == 200
    assert client_for(cast.auditor).get("/insights/programs/").status_code == 404
