"""多機関協働 in a browser, each worker at their own desk: the lead records the household's
consent, refers the case to the 地域包括 (which accepts it, meets the family and reports the
outcome), the coordinator convenes a 重層的支援会議 where the case is decided and roles are
shared out, and a barrier is recorded on the way."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.meetings.defaults import ensure_default_types
from tsunagu.people.services import add_household_member, create_household, register_person
from tsunagu.sharing.choices import InfoCategory as C

pytestmark = pytest.mark.django_db(transaction=True)


def test_consent_referral_meeting_and_barrier(desk, cast) -> None:  # type: ignore[no-untyped-def]
    ensure_default_types()  # (a transactional test starts from an emptied database)
    lead_user = cast.lead_consultant
    mother = register_person(actor=lead_user, name="森田 トミ", name_kana="もりた とみ")
    son = register_person(actor=lead_user, name="森田 健二", name_kana="もりた けんじ")
    household = create_household(actor=lead_user, name="森田さん世帯")
    add_household_member(actor=lead_user, household=household, person=mother, relationship="head")
    add_household_member(actor=lead_user, household=household, person=son, relationship="child")
    case = open_case(actor=lead_user, household=household, title="森田さん世帯: 8050")
    add_progress_note(
        actor=lead_user,
        case=case,
        method="visit",
        categories=C.HISTORY | C.HEALTH,
        body="母は足腰が弱り、通院が難しくなっている。長男は夜だけ外出する。",
    )
    case_url = f"/cases/{case.pk}/"
    collaboration_url = f"{case_url}collaboration/"

    # 1. The lead records the household's written consent, naming the 地域包括 and the meeting.
    lead = desk(lead_user)
    lead.goto(case_url)
    lead.get_by_role("navigation", name="ケースの記録").get_by_role(
        "link", name="関係機関・同意・つなぎ"
    ).click()
    lead.get_by_role("link", name="本人同意を記録する").click()
    for label in ("属性・家族関係", "健康・疾病・障害・介護", "生活歴・課題"):
        lead.get_by_label(label).check()
    lead.get_by_label("川辺地域包括支援センター").check()
    lead.get_by_label("このケースを扱う重層的支援会議の構成員にも共有する").check()
    lead.get_by_label("利用目的").fill(
        "母の介護と長男の社会参加について、関係機関で支援を検討するため"
    )
    lead.get_by_label("書面").check()
    assert_accessible(lead)
    lead.get_by_role("button", name="同意を記録する").click()
    expect(lead.get_by_role("status")).to_contain_text("本人同意を記録しました")
    expect(lead.locator("#team")).to_contain_text("川辺地域包括支援センター")
    assert_accessible(lead)

    # 2. ... and refers the case to it.
    lead.get_by_role("link", name="他機関へつなぐ").click()
    lead.get_by_label("つなぎ先").select_option(label="川辺地域包括支援センター")
    lead.get_by_label("つなぐ理由と、相手にお願いしたいこと").fill(
        "母の介護保険の申請と、ケアマネジャーの選定をお願いしたい。"
    )
    lead.get_by_role("button", name="つなぎを送る", exact=True).click()
    expect(lead.get_by_role("status")).to_contain_text("川辺地域包括支援センターにつなぎました")

    # 3. The 地域包括 finds it in its inbox, accepts, meets the mother and reports the outcome.
    partner = desk(cast.partner_with_consent)
    partner.get_by_role("link", name="つなぎ", exact=True).first.click()
    partner.get_by_role("link", name="つなぎ", exact=True).first.wait_for()
    partner.locator("table a").first.click()
    expect(partner.locator("dl.facts")).to_contain_text("母の介護保険の申請")
    partner.get_by_role("button", name="つなぎを受け入れる").click()
    expect(partner.get_by_role("status")).to_contain_text("受け入れ")
    # Accepted: the case is open to it within the consent, the health note included.
    partner.goto(case_url)
    expect(partner.locator("#notes")).to_contain_text("通院が難しくなっている")
    partner.go_back()
    partner.get_by_role("button", name="本人と接触できた").click()
    partner.get_by_label("結果").select_option(label="支援につながった")
    partner.get_by_role("button", name="結果を記録する").click()
    expect(partner.locator("h1")).to_contain_text("完了")
    assert_accessible(partner)

    # The sender sees how it ended.
    lead.goto(collaboration_url)
    expect(lead.locator("#referrals")).to_contain_text("支援につながった")

    # 4. The coordinator convenes a 重層的支援会議 with both agencies.
    coordinator = desk(cast.coordinator)
    coordinator.get_by_role("link", name="会議", exact=True).click()
    coordinator.get_by_role("link", name="会議を開催する").click()
    coordinator.get_by_label("会議の種類").select_option(label="重層的支援会議")
    coordinator.get_by_label("日時").fill(
        (timezone.localdate() + dt.timedelta(days=7)).strftime("%Y/%m/%d") + " 14:00"
    )
    coordinator.get_by_label("場所").fill("つなぐ町役場 第1会議室")
    for attendee in (lead_user, cast.partner_with_consent):
        coordinator.locator(f'input[name="attendees"][value="{attendee.pk}"]').check()
    coordinator.get_by_role("button", name="開催する").click()
    expect(coordinator.get_by_role("status")).to_contain_text("会議を設定し")
    meeting_url = coordinator.url

    # 5. The lead puts the case on the agenda with its material.
    lead.goto(meeting_url)
    lead.get_by_role("link", name="担当ケースを議題にする").click()
    # The picker names each case with its number, age, district and lead worker.
    picker = lead.get_by_label("ケース", exact=True)
    picker.select_option(
        picker.locator("option", has_text="森田さん世帯: 8050").get_attribute("value")
    )
    lead.get_by_label("会議資料").fill(
        "80代の母と50代の長男。母の介護と長男の社会参加を一緒に考えたい。"
    )
    lead.get_by_role("button", name="議題にする").click()
    expect(lead.get_by_role("status")).to_contain_text("議題にしました")

    # 6. The meeting approves the plan and shares out the roles; they become tasks.
    coordinator.goto(meeting_url)
    coordinator.get_by_role("link", name="決定を記録する").click()
    coordinator.get_by_label("決定の種類").select_option(label="役割分担")
    coordinator.get_by_label("決定内容").fill(
        "介護サービスの調整は地域包括、長男への声かけは自立相談が担う。"
    )
    coordinator.get_by_label("役割1").fill("介護サービスの調整")
    coordinator.locator("#id_role_1_organization").select_option(label="川辺地域包括支援センター")
    coordinator.locator("#id_role_1_due_on").fill("R9.1.15")
    coordinator.get_by_role("button", name="決定を記録する").click()
    expect(coordinator.get_by_role("status")).to_contain_text("決定を記録しました")
    expect(coordinator.locator("#agenda-heading ~ article")).to_contain_text("介護サービスの調整")
    assert_accessible(coordinator)

    # 7. What blocked the next step is recorded for the council.
    lead.goto(case_url)
    expect(lead.locator("#tasks")).to_contain_text("介護サービスの調整")
    lead.goto(f"{case_url}support/")
    lead.get_by_role("link", name="次の一歩を妨げたものを記録する").click()
    lead.get_by_label("何があれば次の一歩に進めたか").fill("長男が夜間に立ち寄れる居場所")
    lead.get_by_label("妨げになったもの").select_option(label="場所")
    lead.get_by_label("どの制度も対象にしていないニーズ（制度の狭間）").check()
    lead.get_by_role("button", name="記録する").click()
    expect(lead.locator("#barriers")).to_contain_text("長男が夜間に立ち寄れる居場所")
    assert_accessible(lead)
