"""つなぐ町's network for the 地域づくり tests: organizations and people in their roles from
six fields, a standing bar with its owner as gatekeeper, and the 車座 that meets monthly."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tsunagu.accounts.models import District
from tsunagu.community import services
from tsunagu.community.choices import ActorKind, HowMet, PlaceKind
from tsunagu.community.choices import Field as F
from tsunagu.community.defaults import ensure_gathering_types
from tsunagu.community.models import GatheringType

TODAY = timezone.localdate()
#: The bar owner's name: a partner's personal data, never on a public page.
OWNER = "大西 茂"
#: A person of the network, named only with her agreement.
PROFESSOR = "藤井 直子"


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def net(cast) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """Members, a place with its gatekeeper, and a 車座: written by the community coordinator."""
    ensure_gathering_types()  # a transactional (browser) test starts from a flushed database
    me = cast.community_coordinator
    districts = {d.code: d for d in District.objects.all()}

    def org(name: str, field: str, interests: str, district: str = "01"):  # type: ignore[no-untyped-def]
        return services.record_actor(
            actor=me,
            kind=ActorKind.ORGANIZATION,
            name=name,
            field=field,
            interests=interests,
            district=districts[district],
            joined_on=ago(400),
        )

    n = SimpleNamespace(districts=districts, me=me)
    n.shakyo = org("つなぐ町社会福祉協議会", F.WELFARE, "居場所 見守り 子ども食堂")
    n.houkatsu = org("川辺地域包括支援センター", F.WELFARE, "見守り 認知症 買い物")
    n.machi = org("株式会社 まちづくりつなぐ", F.MACHIZUKURI, "空き店舗 空き家 商店街")
    n.shotenkai = org("川辺商店会", F.SHOPS, "商店街 空き店舗 祭り")
    n.farm = org("山手ふれあい農園の会", F.AGRICULTURE, "農業体験 子ども 野菜", "03")
    n.bus = org("つなぐ交通", F.TRANSPORT, "買い物 通院 移動", "02")
    n.school = org("町立川辺小学校", F.EDUCATION, "不登校 子ども 放課後")
    n.lonely = org("古本とおしゃべりの会", F.CULTURE, "古本 おしゃべり", "02")
    n.professor = services.record_actor(
        actor=me,
        kind=ActorKind.PERSON,
        name=PROFESSOR,
        field=F.ACADEMIA,
        role_title="教授（地域福祉）",
        interests="空き家 フィールドワーク 居場所",
        agreed_on=ago(300),
        joined_on=ago(300),
        district=districts["02"],
    )
    for a, b, days in ((n.shakyo, n.houkatsu, 300), (n.shotenkai, n.machi, 200)):
        services.record_tie(actor=me, a=a, b=b, since=ago(days), how=HowMet.WORK)
    n.bar = services.record_place(
        actor=me,
        name="立ち飲み よりみち",
        kind=PlaceKind.BAR,
        district=districts["01"],
        address="川辺一丁目2番7号",
        member=n.shotenkai,
        days=["0", "1", "3"],
        hours="16時〜22時",
    )
    n.owner = services.record_gatekeeper(
        actor=me,
        place=n.bar,
        name=OWNER,
        role_title="店主",
        phone="090-0000-1111",
        agreed_way="気になる常連さんのことは山本の携帯へ。返事は『受け取りました』だけ。",
        agreed_on=ago(200),
    )
    n.hall = services.record_place(
        actor=me,
        name="まちの縁側 フリースペース",
        kind=PlaceKind.IBASHO,
        district=districts["02"],
        address="駅前三丁目8番2号",
        description="駅前の古い民家。だれでも寄れる。",
        easy_description="えきの ちかくの いえです。",
        days=["1", "2"],
        interests="将棋 ボードゲーム",
        public=True,
    )
    n.kurumaza = GatheringType.objects.get(code="kurumaza")
    n.salon = GatheringType.objects.get(code="salon")
    return n
