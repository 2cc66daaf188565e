"""地域づくりの実績 for the 実施計画: 拠点数, 参加者数, 参加機関数, gatherings by kind and field
mix, new ties across fields — by district and for the town, over a fiscal year; Excel."""

import io

from openpyxl import load_workbook

from tests.community.conftest import ago
from tsunagu.community import services
from tsunagu.community.choices import Field as F
from tsunagu.community.choices import HowMet
from tsunagu.community.figures import community_figures
from tsunagu.core.calendar import fiscal_year_start


def test_the_year_is_counted_by_district_and_for_the_town(net, client_for) -> None:  # type: ignore[no-untyped-def]
    held = services.record_gathering(
        actor=net.me,
        type=net.kurumaza,
        title="車座",
        held_on=ago(1),
        place=net.hall,  # 駅前地区
        organizers=[net.shakyo, net.machi],
        named=[net.professor],
        attendance={F.WELFARE: 5, F.MACHIZUKURI: 2, F.PEER: 1},
    )
    services.record_gathering(
        actor=net.me,
        type=net.salon,
        title="サロン",
        held_on=ago(2),
        district=net.districts["03"],
        organizers=[net.farm],
        attendance={F.RESIDENTS: 9},
    )
    services.record_tie(
        actor=net.me,
        a=net.professor,
        b=net.machi,
        since=ago(1),
        how=HowMet.GATHERING,
        gathering=held,
    )
    services.record_visit(actor=net.me, place=net.bar, visited_on=ago(3))
    since = fiscal_year_start(ago(1))
    found = community_figures(net.me, since, ago(0))
    ekimae = next(r for r in found.rows if r.district == "駅前地区")
    assert (ekimae.gatherings, ekimae.people, ekimae.bases) == (1, 8, 1)
    assert ekimae.by_field == {F.WELFARE: 5, F.MACHIZUKURI: 2, F.PEER: 1}
    assert ekimae.fields_per_gathering == 3.0
    assert ekimae.organizations == 2  # 社協 and まちづくり (the professor belongs to none)
    total = found.total
    assert (total.gatherings, total.people, total.places, total.bases) == (2, 17, 2, 1)
    assert total.by_type[net.kurumaza.pk] == 1 and total.by_type[net.salon.pk] == 1
    # This fiscal year: 大学 × まちづくり, and 商店会 × まちづくり (200 days ago).
    assert (total.ties, total.ties_across) == (2, 2)
    assert total.visits == 1 and total.gatekeepers == 1
    page = client_for(net.me).get("/community/figures/")
    assert "駅前地区" in page.content.decode() and "拠点数" in page.content.decode()
    sheet = client_for(net.me).get("/community/figures/?format=xlsx")
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert "参加機関数" in rows[0] and rows[-1][0] == "町全体"


def test_a_past_year_asked_in_wareki_counts_none_of_this_year(net, client_for) -> None:  # type: ignore[no-untyped-def]
    services.record_gathering(
        actor=net.me, type=net.kurumaza, title="車座", held_on=ago(1), attendance={F.WELFARE: 3}
    )
    page = client_for(net.me).get("/community/figures/?since=令和2年4月1日&until=令和3年3月31日")
    assert page.status_code == 200
    assert "令和2年4月1日" in page.content.decode()
    found = community_figures(net.me, fiscal_year_start(ago(3000)), ago(2700))
    assert found.total.gatherings == 0
