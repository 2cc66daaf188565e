"""The consultant's whole journey in a browser: an anonymous call, identification through the
duplicate list, a household case from assessment to closure, search and printing."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.fixtures import enrol_totp
from tsunagu.people.services import add_household_member, create_household, register_person

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_an_anonymous_call_to_closure(page: Page, cast, live_server) -> None:  # type: ignore[no-untyped-def]
    consultant = cast.lead_consultant
    mother = register_person(actor=consultant, name="髙橋 キヨ", name_kana="たかはし きよ")
    son = register_person(actor=consultant, name="髙橋 一郎", name_kana="たかはし いちろう")
    household = create_household(actor=consultant, name="髙橋さん世帯")
    add_household_member(actor=consultant, household=household, person=mother, relationship="head")
    add_household_member(actor=consultant, household=household, person=son, relationship="child")
    enrol_totp(consultant)
    sign_in(page, consultant)

    # An anonymous phone call: only the concern.
    page.get_by_role("link", name="新規相談").first.click()
    assert_accessible(page)
    page.get_by_label("主訴（本人・来談者の言葉で）").fill(
        "母の介護で疲れた。息子が何年も家から出ない。"
    )
    page.get_by_role("button", name="相談を受け付ける").first.click()
    expect(page.get_by_role("status")).to_contain_text("相談を受け付けました")
    expect(page.locator("dl.facts")).to_contain_text("匿名")
    assert_accessible(page)

    # Later the caller gives her son's name, typed with 高 instead of 髙.
    page.get_by_label("氏名").fill("高橋 一郎")
    page.get_by_role("button", name="検索する").click()
    candidates = page.locator("#candidates")
    expect(candidates).to_contain_text("髙橋 一郎")
    expect(candidates).to_contain_text("氏名が一致")
    candidates.get_by_role("button", name="この人です").first.click()
    expect(page.get_by_role("status")).to_contain_text("髙橋 一郎")

    # The household, then a case for the whole household.
    page.get_by_role("link", name="髙橋 一郎").first.click()
    page.get_by_role("link", name="髙橋さん世帯").click()
    expect(page.locator("table")).to_contain_text("髙橋 キヨ")
    assert_accessible(page)
    page.get_by_role("link", name="世帯でケース化する").click()
    page.get_by_label("ケース名（任意）").fill("8050: 母の介護と長男のひきこもり")
    page.get_by_role("button", name="ケースを開始").click()
    expect(page.get_by_role("status")).to_contain_text("ケースを開始しました")
    case_url = page.url
    tabs = page.get_by_role("navigation", name="ケースの記録")

    tabs.get_by_role("link", name="アセスメント・プラン・評価").click()
    page.get_by_role("link", name="アセスメントを作成").click()
    page.get_by_label("健康・障害").fill("母は膝が悪く、介護が必要。長男は昼夜逆転。")
    page.get_by_label("収入・資産・負債").fill("母の年金のみ。債務はない。")
    page.get_by_role("button", name="アセスメントを保存").click()
    expect(page.locator("#assessment")).to_contain_text("母の年金のみ")

    page.get_by_role("link", name="プランを作成").click()
    page.get_by_label("本人の想い（本人の言葉で）").fill("この家で息子と暮らしたい。")
    page.get_by_label("短期目標1").fill("介護サービスを使う")
    page.get_by_label("支援内容1").fill("介護認定の申請を手伝う")
    page.get_by_label("期限", exact=True).first.fill("R8.12.1")
    page.get_by_role("button", name="プランを保存").click()
    expect(page.locator("#plan")).to_contain_text("介護認定の申請を手伝う")
    assert_accessible(page)
    # The plan's actions are the worker's tasks, on the case's first tab.
    tabs.get_by_role("link", name="概要・支援経過").click()
    expect(page.locator("#tasks")).to_contain_text("介護認定の申請を手伝う")

    for body in (
        "自宅を訪問し、母と介護について話した。",
        "長男と初めて話せた。就労の話はまだ早い。",
    ):
        page.get_by_text("支援経過を記録する").click()
        # The form opens in place, with the focus where the worker starts typing.
        expect(page.get_by_label("内容")).to_be_focused()
        page.get_by_label("内容").fill(body)
        page.get_by_role("button", name="記録を保存").click()
        expect(page.locator("#notes")).to_contain_text(body)

    tabs.get_by_role("link", name="アセスメント・プラン・評価").click()
    page.get_by_role("link", name="プランを評価").click()
    page.get_by_label("一部達成").check()
    page.get_by_label("今後の方向").select_option("continue")
    page.get_by_role("button", name="評価を保存").click()
    expect(page.locator("#evaluations")).to_contain_text("一部達成")

    # Every sheet prints as PDF.
    for name in ("assessment", "plan", "evaluation"):
        response = page.request.get(f"{case_url}forms/{name}.pdf")
        assert response.ok and response.headers["content-type"] == "application/pdf"

    tabs.get_by_role("link", name="概要・支援経過").click()
    page.get_by_text("ケースを終結する").first.click()
    page.get_by_label("理由").select_option("goals_met")
    page.get_by_role("button", name="ケースを終結する").click()
    expect(page.get_by_role("status")).to_contain_text("ケースを終結しました")

    # Every note is found by a two-character word.
    for word, expected in (("介護", "自宅を訪問"), ("就労", "長男と初めて話せた")):
        page.goto(f"/search/?q={word}")
        expect(page.locator(".results")).to_contain_text(expected)
        expect(page.locator(".results mark").first).to_have_text(word)
    assert_accessible(page)


def test_another_agency_sees_none_of_it(page: Page, cast, live_server) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.cases.services import add_progress_note, open_case

    person = register_person(actor=cast.lead_consultant, name="髙橋 一郎")
    case = open_case(actor=cast.lead_consultant, person=person)
    add_progress_note(actor=cast.lead_consultant, case=case, method="visit", body="介護の相談")
    enrol_totp(cast.partner_without_consent)
    sign_in(page, cast.partner_without_consent)
    for path in (f"/cases/{case.pk}/", f"/people/{person.pk}/", f"/cases/{case.pk}/forms/plan.pdf"):
        response = page.goto(path)
        assert response is not None and response.status == 404, path
    page.goto("/search/?q=介護")
    expect(page.get_by_text("0件")).to_be_visible()
