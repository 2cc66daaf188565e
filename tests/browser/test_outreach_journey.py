"""アウトリーチ in a browser, with a household of the demo town: a 民生委員 reports her worry;
社協 finds the person among those it knows; for months the outreach worker tries (absent,
refused, a letter, a few words through the sister); the worry becomes a consultation and a case,
goes to a 重層的支援会議, gets a plan, is closed with a check-in — and the check-in reopens it.
The 民生委員 sees only that it was connected."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tsunagu.demo.outreach import salon_household
from tsunagu.outreach.models import Concern, OutreachTarget

pytestmark = pytest.mark.django_db(transaction=True)


def _wareki(days_ago: int, hour: int = 15) -> str:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return f"{day:%Y/%m/%d} {hour}:00"


def test_from_a_concern_to_a_case_and_back(desk, cast) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=StringIO())  # つなぐ町, and one of its households
    household = salon_household()
    assert household is not None
    person = household.members.select_related("person").first().person  # type: ignore[union-attr]
    label = f"{household.name}（山手地区）"

    # 1. The 民生委員 reports what she noticed: no name, a place.
    reporter = desk(cast.reporter, code=False)
    reporter.get_by_role("link", name="気になる人・世帯を伝える").first.click()
    reporter.get_by_label("気づいたこと").fill(
        "サロンに来なくなって一か月。雨戸が閉まったままで、郵便物がたまっている。"
    )
    reporter.get_by_label("場所", exact=True).fill(household.address)
    reporter.get_by_label("気づいた人").select_option(label="民生委員")
    assert_accessible(reporter)
    reporter.get_by_role("button", name="伝える").click()
    expect(reporter.locator("table")).to_contain_text("受付済み")
    Concern.objects.filter(reported_by=cast.reporter).update(
        created_at=timezone.now() - dt.timedelta(days=120)  # four months ago
    )

    # 2. The outreach team triages it and tries, for months.
    worker = desk(cast.coordinator)
    worker.get_by_role("link", name="アウトリーチ", exact=True).click()
    worker.get_by_role("link", name=re.compile("振り分け待ち")).click()
    worker.locator("tr", has_text="サロンに来なくなって").get_by_role("link").click()
    # Someone 社協 knows from the salon: the duplicate list finds them.
    worker.get_by_label("氏名").fill(person.name)
    worker.get_by_role("button", name="検索", exact=True).click()
    worker.locator("#candidates").get_by_role("button", name="この人です").first.click()
    expect(worker.get_by_role("status")).to_contain_text(person.name)
    worker.get_by_label("対象（わかる範囲で）").fill(label)
    worker.get_by_label("本人が信頼している人・場所").fill("姉（隣町に住む）")
    worker.get_by_role("button", name="アウトリーチを始める").click()
    expect(worker.get_by_role("status")).to_contain_text("アウトリーチを始めました")
    for days_ago, method, outcome, seen in (
        (110, "訪問", "不在", "雨戸が閉まっている。"),
        (90, "訪問", "拒否", "息子がドア越しに「帰ってください」。"),
        (60, "手紙", "会えなかった", "手紙をポストに入れた。"),
    ):
        worker.get_by_label("日時").fill(_wareki(days_ago))
        worker.get_by_label("方法").select_option(label=method)
        worker.get_by_label(outcome, exact=True).check()
        worker.get_by_label("生活の様子").fill(seen)
        worker.get_by_role("button", name="記録する", exact=True).click()
        expect(worker.get_by_role("status")).to_contain_text("接触を記録しました")
    expect(worker.locator("dl.facts")).to_contain_text("未接触")
    worker.get_by_label("日時").fill(_wareki(30))
    worker.get_by_label("方法").select_option(label="関係者経由")
    worker.get_by_label("誰を通じて").fill("姉")
    worker.get_by_label("少し話せた", exact=True).check()
    worker.get_by_role("button", name="記録する", exact=True).click()
    expect(worker.locator("dl.facts")).to_contain_text("接触できた")
    assert_accessible(worker)

    # 3. At last a real conversation: a consultation and a case, with the whole history.
    worker.get_by_label("主訴（本人の言葉で）").fill("母の通院に付き添いたいが、外に出るのが怖い。")
    worker.get_by_role("button", name="相談とケースを開始する").click()
    expect(worker.get_by_role("status")).to_contain_text("相談につながりました")
    case_url = worker.url
    expect(worker.locator("dl.facts").first).to_contain_text("接触の記録 4件")
    target = OutreachTarget.objects.get(concern__reported_by=cast.reporter)
    assert target.stage == "engaged" and target.case is not None and target.contacts.count() == 4
    assert target.person == person and target.household == household

    # 4. With his consent, a 重層的支援会議 decides; a plan is written.
    worker.goto(f"{case_url}collaboration/")
    worker.get_by_role("link", name="本人同意を記録する").click()
    for category in ("属性・家族関係", "生活歴・課題"):
        worker.get_by_label(category).check()
    worker.get_by_label("このケースを扱う重層的支援会議の構成員にも共有する").check()
    worker.get_by_label("利用目的").fill("重層的支援会議で支援を検討するため")
    worker.get_by_label("書面").check()
    worker.get_by_role("button", name="同意を記録する").click()
    worker.get_by_role("link", name="会議", exact=True).click()
    worker.get_by_role("link", name="会議を開催する").click()
    worker.get_by_label("会議の種類").select_option(label="重層的支援会議")
    worker.get_by_label("日時").fill(_wareki(-3, 14))
    worker.get_by_role("button", name="開催する").click()
    worker.get_by_role("link", name="担当ケースを議題にする").click()
    # The picker names each case with its number, age, district and lead worker.
    picker = worker.get_by_label("ケース", exact=True)
    picker.select_option(
        picker.locator("option", has_text=f"アウトリーチから: {label}").get_attribute("value")
    )
    worker.get_by_label("会議資料").fill("アウトリーチで4か月かけてつながった世帯。")
    worker.get_by_role("button", name="議題にする").click()
    expect(worker.get_by_role("status")).to_contain_text("議題にしました")
    worker.goto(f"{case_url}support/")
    worker.get_by_role("link", name="プランを作成").click()
    worker.get_by_label("本人の想い（本人の言葉で）").fill("母と一緒に病院に行けるようになりたい。")
    worker.get_by_label("短期目標1").fill("月に一度、母の通院に付き添う")
    worker.get_by_role("button", name="プランを保存").click()

    # 5. Closed with check-ins; the check-in finds new trouble and reopens the case.
    worker.goto(case_url)
    worker.get_by_text("ケースを終結する").first.click()
    worker.get_by_label("理由").select_option("goals_met")
    worker.get_by_role("button", name="ケースを終結する").click()
    expect(worker.get_by_role("status")).to_contain_text("ケースを終結しました")
    expect(worker.locator("#tasks")).to_contain_text("伴走: 様子うかがい（終結から1か月）")
    worker.get_by_label("再開の理由").fill("様子うかがいの電話で、母が入院したと聞いた。")
    worker.get_by_role("button", name="ケースを再開").click()
    expect(worker.locator("dl.facts").first).to_contain_text("支援中")
    assert_accessible(worker)

    # The 民生委員 sees that it was connected, and nothing of the case.
    reporter.goto("/outreach/concerns/mine/")
    expect(reporter.locator("table")).to_contain_text("支援につながった")
    expect(reporter.locator("main")).not_to_contain_text(person.name)
