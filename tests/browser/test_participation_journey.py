"""参加支援 in a browser: the 社協's participation coordinator writes down what 藤田 健二 likes
with him, gets explained matches, introduces him to 立ち飲み よりみち, plans the first visit with
herself going along, records the visit, the trial and taking part, a follow-up with the host,
and the adaptation the owner agreed to — which then appears among the matches of a second
person."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import personas as P
from tests.browser.conftest import assert_accessible
from tests.participation.conftest import place
from tsunagu.cases.services import open_case
from tsunagu.participation.models import Participation
from tsunagu.people.services import register_person
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.services import add_team_member, record_consent

pytestmark = pytest.mark.django_db(transaction=True)


def _case(cast, town, name):  # type: ignore[no-untyped-def]
    case = open_case(
        actor=cast.lead_consultant, person=register_person(actor=cast.lead_consultant, name=name)
    )
    add_team_member(
        actor=cast.lead_consultant, case=case, organization=town[P.SHAKYO], role="related"
    )
    record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=C.PARTICIPATION | C.FAMILY,
        organizations=[town[P.SHAKYO]],
        purpose="参加支援",
        method="written",
    )
    return case


def test_from_interests_to_taking_part_and_an_adaptation_for_the_next_person(
    desk, cast, town
) -> None:  # type: ignore[no-untyped-def]
    bar = place(
        "立ち飲み よりみち",
        "タチノミヨリミチ",
        ["eatery"],
        "01",
        "店主が料理を出す小さな立ち飲み屋。常連さんと話せる。",
        fees="1杯300円",
        hours=[(1, 16, 22), (3, 16, 22)],
        capacity=(0, 10),
    )
    place(
        "つなぐ町立図書館",
        "ツナグチョウリツトショカン",
        ["library"],
        "01",
        "本の貸し出し。",
        free=True,
    )
    fujita = _case(cast, town, "藤田 健二")
    today = f"{timezone.localdate():%Y/%m/%d}"

    sakura = desk(cast.participation_coordinator)
    sakura.goto(f"/cases/{fujita.pk}/")
    sakura.get_by_role("link", name="興味・参加先・これまでの段階").click()
    sakura.get_by_role("link", name="ご本人と一緒に書く").click()
    sakura.get_by_label("好きなこと・興味のあること").fill("料理。包丁を握るのが好き")
    sakura.get_by_label("得意なこと・以前していたこと").fill("居酒屋の厨房で働いていた")
    sakura.get_by_label("火").check()
    sakura.get_by_label("木").check()
    sakura.get_by_label("午後（12〜17時）").check()
    assert_accessible(sakura)
    sakura.get_by_role("button", name="保存").click()

    # Explained matches: the bar is full, so it is left out, and says why.
    expect(sakura.get_by_role("heading", level=1)).to_contain_text("合う場所")
    left_out = sakura.locator("li", has_text="立ち飲み よりみち")
    expect(left_out).to_contain_text("空きなし")
    expect(sakura.get_by_text("ほかの 1件は興味とつながる言葉がないため")).to_be_visible()
    assert_accessible(sakura)
    # The owner says two seats are free again: the bar is suggested, with its reasons.
    bar.capacities.update(available=2)
    sakura.reload()
    suggestion = sakura.locator("ol.matches > li", has_text="立ち飲み よりみち")
    expect(suggestion).to_contain_text("興味・得意とつながる言葉: 料理")
    expect(suggestion).to_contain_text("都合のよい時間に開いている: 火 16:00–22:00")
    suggestion.get_by_label("受け入れ先の担当者").fill("店主の大西さん")
    suggestion.get_by_role("button", name="この場所を紹介する").click()

    # The first visit, planned with the coordinator going along: a task on her list.
    expect(sakura.get_by_role("heading", level=1)).to_contain_text("立ち飲み よりみち")
    plan = sakura.locator("form", has=sakura.get_by_role("button", name="予定する"))
    plan.get_by_label("段階", exact=True).select_option(label="見学")
    plan.get_by_label("予定日").fill(today)
    plan.get_by_label("同行する職員").select_option(label="渡辺 さくら")
    plan.get_by_role("button", name="予定する").click()
    expect(sakura.locator(".message--success")).to_contain_text("やること")
    assert_accessible(sakura)

    record = sakura.locator("form", has=sakura.get_by_role("button", name="記録する", exact=True))
    record.get_by_label("予定していた段階").select_option(index=1)
    record.get_by_label("実施日").fill(today)
    record.get_by_label("様子").fill("開店前の静かな時間に同行。厨房の話で打ち解けた")
    record.get_by_role("button", name="記録する", exact=True).click()
    expect(sakura.locator("h1 .tag")).to_have_text("見学")
    for stage in ("体験", "継続（定着）"):
        record = sakura.locator(
            "form", has=sakura.get_by_role("button", name="記録する", exact=True)
        )
        record.get_by_label("段階", exact=True).select_option(label=stage)
        record.get_by_label("実施日").fill(today)
        record.get_by_role("button", name="記録する", exact=True).click()
    expect(sakura.locator("h1 .tag")).to_have_text("継続")
    # 定着支援: the follow-ups with the host and with him were planned; the host's is recorded.
    record = sakura.locator("form", has=sakura.get_by_role("button", name="記録する", exact=True))
    planned = record.get_by_label("予定していた段階")
    host = planned.locator("option", has_text="受け入れ先と").get_attribute("value")
    planned.select_option(value=host)
    record.get_by_label("実施日").fill(today)
    record.get_by_label("様子").fill("店主「仕込みを手伝ってもらえて助かる」")
    record.get_by_role("button", name="記録する", exact=True).click()
    expect(sakura.locator("ol.card-list")).to_contain_text("店主「仕込みを手伝ってもらえて助かる」")

    # 資源化: what the owner agreed to, offered to the next person.
    adaptation = sakura.locator("form", has=sakura.get_by_role("button", name="工夫を保存する"))
    adaptation.get_by_label("受け入れ先が用意する工夫").fill(
        "開店前の30分、静かな席で品出しを手伝う"
    )
    adaptation.get_by_label("同時に受け入れられる人数").fill("2")
    adaptation.get_by_label("静かな場所・少人数").check()
    adaptation.get_by_role("button", name="工夫を保存する").click()
    expect(sakura.locator(".message--success")).to_contain_text("ほかの方の候補")
    assert Participation.objects.get(case=fujita).adaptation is not None

    # A second person, who is good at stocking shelves and needs a quiet place: the bar is
    # full again, yet the adaptation has room for one more, and is offered with its reason.
    bar.capacities.update(available=0)
    okada = _case(cast, town, "岡田 真由美")
    sakura.goto(f"/participation/cases/{okada.pk}/profile/")
    sakura.get_by_label("得意なこと・以前していたこと").fill("スーパーで品出しをしていた")
    sakura.get_by_label("静かな場所・少人数がよい").check()
    sakura.get_by_role("button", name="保存").click()
    offered = sakura.locator("ol.matches > li", has_text="立ち飲み よりみち")
    expect(offered).to_contain_text("受け入れ先の工夫: 開店前の30分、静かな席で品出しを手伝う")
    expect(offered).to_contain_text("静かな場所あり")
