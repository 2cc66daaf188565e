"""記録の訂正 in a browser: the consultant adds the 課題 a call did not have and corrects a note;
the history under each shows what changed, who, when and why — at 320 px as well."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.fixtures import enrol_totp
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.intake.defaults import ensure_issue_taxonomy
from tsunagu.intake.services import record_consultation
from tsunagu.people.services import register_person

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_consultant_corrects_a_consultation_and_a_note(page: Page, cast) -> None:  # type: ignore[no-untyped-def]
    ensure_issue_taxonomy()  # an earlier browser test's flush took the migration's rows
    consultant = cast.lead_consultant
    person = register_person(actor=consultant, name="斎藤 良子")
    call = record_consultation(actor=consultant, person=person, main_concern="家賃が払えない")
    case = open_case(actor=consultant, consultation=call)
    add_progress_note(actor=consultant, case=case, method="visit", body="長男と会えた。")
    enrol_totp(consultant)
    sign_in(page, consultant)
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(f"/consultations/{call.pk}/")
    page.get_by_role("link", name="訂正・追記する").click()
    page.locator("input[name=issues]").first.check()
    page.get_by_label("訂正の理由（任意）").fill("課題の付け忘れ")
    page.get_by_role("button", name="訂正を保存する").click()
    expect(page.get_by_role("status")).to_contain_text("訂正を保存しました")
    page.get_by_text("訂正履歴（1件）").click()
    expect(page.locator(".corrections")).to_contain_text("課題の付け忘れ")
    assert_accessible(page)

    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="訂正する", exact=True).click()
    page.get_by_label("内容", exact=True).fill("長男とは会えなかった。")
    page.get_by_label("訂正の理由", exact=True).fill("記載の誤り")
    page.get_by_role("button", name="訂正を保存する").click()
    expect(page.locator("#notes")).to_contain_text("長男とは会えなかった。")
    expect(page.locator("#notes")).to_contain_text("訂正あり")
    page.locator("#notes").get_by_text("訂正履歴（1件）").click()
    expect(page.locator("#notes .corrections")).to_contain_text("長男と会えた。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
