"""The world of 参加支援: 藤田 健二 (ささえ's case; the 社協's participation coordinator on its
team with a consent of 参加・つながり and 属性・家族関係), and a directory of four places."""

import datetime as dt

import pytest
from django.utils import timezone

from tests import personas as P
from tsunagu.accounts.models import District
from tsunagu.cases.services import open_case
from tsunagu.people.services import register_person
from tsunagu.resources.choices import ProviderKind, Tier
from tsunagu.resources.models import (
    Capacity,
    Kind,
    Location,
    Provider,
    Resource,
    ResourceLocation,
    Schedule,
)
from tsunagu.sharing.access import case_access
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.services import add_team_member, record_consent

#: What the person said, in their words: none of it may reach an agency without the consent.
INTERESTS = "料理を作るのが好き。昔は喫茶店で働いていた"
WISHES = "誰かの役に立ちたい。畑で野菜を育ててみたい"


def place(
    name,
    kana,
    kinds,
    district,
    description,
    *,
    free=False,
    fees="",
    hours=(),
    capacity=None,
    quiet=False,
    step_free=False,
    pickup=False,
):  # type: ignore[no-untyped-def]
    provider = Provider.objects.get_or_create(
        name="つなぐ町の事業所", defaults={"kind": ProviderKind.BUSINESS, "tier": Tier.PUBLIC}
    )[0]
    resource = Resource.objects.create(
        provider=provider,
        name=name,
        name_kana=kana,
        description=description,
        free=free,
        fees=fees,
        pickup=pickup,
        tier=Tier.PUBLIC,
    )
    resource.kinds.set(Kind.objects.filter(code__in=kinds))
    location = Location.objects.create(
        name=name,
        prefecture="愛知県",
        municipality="つなぐ町",
        town="川辺",
        district=District.objects.get(code=district),
        quiet_space=quiet,
        step_free=step_free,
        tier=Tier.PUBLIC,
    )
    ResourceLocation.objects.create(resource=resource, location=location)
    for weekday, opens, closes in hours:
        Schedule.objects.create(
            resource=resource, weekday=weekday, opens_at=dt.time(opens), closes_at=dt.time(closes)
        )
    if capacity is not None:
        Capacity.objects.create(
            resource=resource,
            unit="席",
            available=capacity[0],
            maximum=capacity[1],
            updated_at=timezone.now(),
        )
    return resource


@pytest.fixture
def places(town):  # type: ignore[no-untyped-def]
    return {
        "bar": place(
            "立ち飲み よりみち",
            "タチノミヨリミチ",
            ["eatery"],
            "01",
            "店主が料理を出す小さな立ち飲み屋。常連さんと話せる。",
            fees="1杯300円",
            hours=[(1, 17, 22), (4, 17, 22)],
        ),
        "farm": place(
            "山手ふれあい農園",
            "ヤマテフレアイノウエン",
            ["farm", "volunteer"],
            "03",
            "畑で野菜を育てるボランティア。収穫した野菜は子ども食堂へ。",
            free=True,
            hours=[(2, 9, 12), (5, 9, 12)],
            capacity=(3, 10),
        ),
        "cafe": place(
            "カフェ こもれび",
            "カフェコモレビ",
            ["cafe", "work-b"],
            "01",
            "喫茶店の仕事を体調に合わせて。調理や接客。",
            free=True,
            hours=[(0, 10, 15), (2, 10, 15)],
            capacity=(0, 8),
            quiet=True,
        ),
        "library": place(
            "つなぐ町立図書館",
            "ツナグチョウリツトショカン",
            ["library"],
            "01",
            "本の貸し出しと読み聞かせ。",
            free=True,
            hours=[(1, 9, 17)],
        ),
    }


@pytest.fixture
def case(cast, town):  # type: ignore[no-untyped-def]
    person = register_person(
        actor=cast.lead_consultant,
        name="藤田 健二",
        birth_date=dt.date(1978, 5, 3),
        district=District.objects.get(code="01"),
    )
    case = open_case(actor=cast.lead_consultant, person=person)
    shakyo = town[P.SHAKYO]
    add_team_member(actor=cast.lead_consultant, case=case, organization=shakyo, role="related")
    record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=C.PARTICIPATION | C.FAMILY,
        organizations=[shakyo],
        purpose="参加支援",
        method="written",
    )
    return case


@pytest.fixture
def coordinator_access(cast, case):  # type: ignore[no-untyped-def]
    return case_access(cast.participation_coordinator, case)
