"""What an independent review of 政策化 found, kept fixed: small counts that came back through
the API, a share, a period a day shorter or a total; pages that ignored the reader's scope; a
registry lookup that told who is registered; dates, ids and cells that gave a 500; an import
that changed what it should not; holes in a theme's response."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from tests import personas as P
from tests.authorization.markers import readable_text
from tests.fixtures import make_user, token_for
from tsunagu.accounts.models import District
from tsunagu.cases.models import Case
from tsunagu.insights import services
from tsunagu.insights.models import Program, Theme, ThemeStep
from tsunagu.people.services import register_person


def test_a_district_s_small_count_is_hidden_on_the_page_and_in_the_api(
    cast, town, lead_section, client_for
) -> None:  # type: ignore[no-untyped-def]
    plan = services.create_welfare_plan(
        actor=cast.manager, name="第3期計画", first_year=2026, last_year=2030
    )
    yamate = District.objects.get(code="03")
    indicator = services.add_indicator(
        actor=cast.manager,
        plan=plan,
        name="山手の支援決定",
        source="counted",
        metric="support_decided",
        district=yamate,
    )
    person = register_person(actor=cast.lead_consultant, name="梶原 亮", district=yamate)
    case = Case.objects.create(
        person=person,
        lead_organization=town[P.SASAE],
        lead_worker=cast.lead_consultant,
        support_decided_on="2026-06-01",
    )
    assert case.pk
    page = readable_text(client_for(cast.manager).get(f"/insights/plans/{plan.pk}/"))
    assert "5未満" in page
    answer = (
        client_for(None)
        .get(
            f"/api/v1/plans/{plan.pk}",
            headers={"Authorization": f"Bearer {token_for(cast.manager)}"},
        )
        .json()
    )
    row = next(i for i in answer["indicators"] if i["id"] == indicator.pk)
    assert row["values"]["2026"] is None and row["hidden_years"] == [2026] and row["latest"] is None
    with pytest.raises(Exception, match="町全体|whole town"):
        services.add_indicator(
            actor=cast.manager,
            plan=plan,
            name="山手の協力事業者",
            source="counted",
            metric="participation_hosts",
            district=yamate,
        )


def test_periods_are_whole_months_and_dates_stay_in_range(cast, lead_section, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    page = readable_text(client.get("/insights/?since=2026/4/1&until=2026/4/29"))
    assert "令和8年4月30日まで" in page  # a day shorter would give a day's counts back
    for url in (
        "/insights/?since=9999/12/31",
        "/insights/national-report/?since=R1.5.1&until=9999/1/1",
        "/insights/barriers/?until=9999/12/31",
        "/insights/?since=0001/1/1",
    ):
        assert client.get(url).status_code == 400, url
    assert client.get("/insights/themes/new/?barrier=99999999999999999999999").status_code == 200


def test_barriers_and_themes_follow_the_reader_s_scope(
    cast, town, lead_section, client_for
) -> None:  # type: ignore[no-untyped-def]
    sasae_manager = make_user(P.LEAD_MANAGER, town)
    ours = services.record_dialogue_barrier(
        actor=cast.manager, source="hall_walk", would_help="窓口の一本化", blocked_by="silos"
    )
    theirs = services.create_theme(actor=cast.manager, title="庁内の窓口", barriers=[ours])
    sasae = client_for(sasae_manager)
    assert "窓口の一本化" not in readable_text(sasae.get("/insights/barriers/"))
    assert sasae.get(f"/insights/barriers/{ours.pk}/").status_code == 404
    assert sasae.get(f"/insights/themes/{theirs.pk}/").status_code == 404
    assert "庁内の窓口" in readable_text(client_for(cast.manager).get("/insights/themes/"))
    # The inventory is everyone's, the barriers it almost covers only the 主管課's.
    program = services.record_program(
        actor=cast.manager, fiscal_year=2026, section="企画課", name="デマンド交通事業"
    )
    services.link_program(actor=cast.manager, barrier=ours, program=program, lacks="夜間は走らない")
    assert "窓口の一本化" not in readable_text(
        client_for(cast.lead_consultant).get(f"/insights/programs/{program.pk}/")
    )
    # The town's records are kept by the 主管課 alone.
    assert (
        sasae.post(
            "/insights/programs/new/",
            {"fiscal_year": 2026, "section": "企画課", "name": "別の事業"},
        ).status_code
        == 403
    )
    assert (
        sasae.post(
            "/insights/plans/", {"name": "計画", "first_year": 2026, "last_year": 2030}
        ).status_code
        == 403
    )


def test_the_registry_check_of_a_story_tells_only_of_people_the_author_knows(
    cast, town, client_for
) -> None:  # type: ignore[no-untyped-def]
    register_person(actor=cast.lead_consultant, name="岡田 修", family_name="岡田", given_name="修")
    story = services.record_narrative(
        actor=cast.coordinator, title="物語", told_by="staff", body="下書き"
    )
    # 社協 does not know 岡田さん: what stops the share is only Sudachi's reading, which the
    # author may overrule, as for any word read as a name (here the consent is missing).
    with pytest.raises(Exception, match="同意|consent"):
        services.share_narrative(
            actor=cast.coordinator, narrative=story, shared_body="岡田さんの話", names_checked=True
        )
    done = services.share_narrative(
        actor=cast.coordinator,
        narrative=story,
        shared_body="岡田さんの話（仮名）",
        consent_on=dt.date(2026, 11, 1),
        consent_how="口頭",
        names_checked=True,
    )
    assert done.status == "shared"
    # Phone numbers are taken out and refused.
    other = services.record_narrative(
        actor=cast.lead_consultant, title="電話", told_by="staff", body="下書き"
    )
    with pytest.raises(Exception, match="0123-45-6789"):
        services.share_narrative(
            actor=cast.lead_consultant,
            narrative=other,
            shared_body="連絡は0123-45-6789へ",
            consent_on=dt.date(2026, 11, 1),
            consent_how="口頭",
            names_checked=True,
        )


def _book(header: list[str], rows: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "tanaoroshi.xlsx"
    return buffer


def test_the_inventory_import_refuses_what_it_cannot_read(cast, lead_section, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    header = ["年度", "課", "事業名", "予算（千円）"]
    for rows in (
        [[2026, "企画課", "A事業", "inf"]],
        [[True, "企画課", "A事業", 100]],
        [[2026, "企画課", "A事業", 100], [2026, "企画課", "A事業", 200]],
    ):
        response = client.post("/insights/programs/import/", {"file": _book(header, rows)})
        assert response.status_code == 400, rows
    broken = io.BytesIO(b"PK\x03\x04 not really a workbook")
    broken.name = "x.xlsx"
    assert client.post("/insights/programs/import/", {"file": broken}).status_code == 400
    assert not Program.objects.exists()
    # A sheet without 実施中 leaves an ended programme ended.
    ended = services.record_program(
        actor=cast.manager, fiscal_year=2026, section="企画課", name="B事業", is_active=False
    )
    assert (
        client.post(
            "/insights/programs/import/", {"file": _book(header, [[2026, "企画課", "B事業", 300]])}
        ).status_code
        == 302
    )
    ended.refresh_from_db()
    assert not ended.is_active and ended.budget == 300


def test_a_theme_s_response_keeps_each_decision(cast, lead_section) -> None:  # type: ignore[no-untyped-def]
    theme = services.create_theme(actor=cast.manager, title="休日の窓口")
    services.advance_theme(
        actor=cast.manager,
        theme=theme,
        status="decided",
        decision="no_action",
        decision_text="県の窓口を案内する",
    )
    with pytest.raises(Exception, match="実施|carried out"):
        services.advance_theme(actor=cast.manager, theme=theme, status="implementing", note="x")
    services.advance_theme(actor=cast.manager, theme=theme, status="reviewed", note="1年後の見直し")
    services.advance_theme(
        actor=cast.manager, theme=theme, status="considering", note="もう一度検討する"
    )
    theme.refresh_from_db()
    assert theme.decision == "" and theme.status == "considering"
    decided = ThemeStep.objects.get(theme=theme, status="decided")
    assert decided.decision_text == "県の窓口を案内する"
    assert Theme.objects.count() == 1


def test_the_api_refuses_a_plan_of_a_thousand_years(cast, lead_section, client_for) -> None:  # type: ignore[no-untyped-def]
    answer = client_for(None).post(
        "/api/v1/plans",
        {"name": "計画", "first_year": 1, "last_year": 3000},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(cast.manager)}"},
    )
    assert answer.status_code == 422
