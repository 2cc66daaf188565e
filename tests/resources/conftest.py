"""The world of the directory tests: a town directory with a public salon, a shelter the public
may know of but not find, and a group for the agencies only."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from tests import personas as P
from tsunagu.resources.choices import ConfirmedHow, ProviderKind, Tier
from tsunagu.resources.models import (
    Capacity,
    ClosedPeriod,
    Confirmation,
    Kind,
    Location,
    Provider,
    Resource,
    ResourceLocation,
    Schedule,
)

HSDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "hsds" / "schema"

#: Texts of the confidential entry and fields: none may reach the public.
SECRET = {
    "shelter_name": "みどりの家（一時避難）",
    "shelter_street": "桜町3丁目12-7",
    "shelter_phone": "0561-00-7777",
    "group_contact": "代表 宮下 恵子",
    "group_phone": "090-0000-1234",
}


@pytest.fixture
def town_directory(town):  # type: ignore[no-untyped-def]
    salon_kind = Kind.objects.get_or_create(code="salon", defaults={"name": "サロン"})[0]
    shelter_kind = Kind.objects.get_or_create(code="shelter", defaults={"name": "一時避難"})[0]
    shakyo = Provider.objects.create(
        name="つなぐ町社会福祉協議会", kind=ProviderKind.SHAKYO, tier=Tier.PUBLIC
    )
    salon = Resource.objects.create(
        provider=shakyo,
        name="川辺ふれあいサロン",
        name_kana="カワベフレアイサロン",
        description="お茶を飲みながら話せる場",
        suits="人と話すのが久しぶりの人。途中で帰っても大丈夫",
        free=True,
        phone="0561-00-1111",
        tier=Tier.PUBLIC,
    )
    salon.kinds.add(salon_kind)
    salon_place = Location.objects.create(
        name="川辺集会所",
        prefecture="愛知県",
        municipality="つなぐ町",
        town="川辺",
        street="2丁目5-1",
        latitude="35.123456",
        longitude="137.123456",
        step_free=True,
        tier=Tier.PUBLIC,
    )
    ResourceLocation.objects.create(resource=salon, location=salon_place)
    Schedule.objects.create(
        resource=salon, weekday=2, opens_at=dt.time(13, 30), closes_at=dt.time(15, 30)
    )
    ClosedPeriod.objects.create(
        resource=salon, label="年末年始", starts_month=12, starts_day=29, ends_month=1, ends_day=3
    )
    Capacity.objects.create(
        resource=salon, unit="席", available=4, maximum=12, updated_at=timezone.now()
    )
    Confirmation.objects.create(
        resource=salon, confirmed_on=timezone.localdate(), how=ConfirmedHow.VISIT
    )
    # A shelter the public may know exists, never where it is: its front door is the town's desk.
    shelter = Resource.objects.create(
        name="一時避難の相談",
        description="安全な場所が必要なときに",
        phone=SECRET["shelter_phone"],
        field_tiers={"phone": Tier.TEAM},
        front_door="つなぐ町役場 福祉課 0561-00-2000",
        keeper=town[P.SASAE],
        tier=Tier.PUBLIC,
    )
    shelter.kinds.add(shelter_kind)
    hidden = Location.objects.create(
        name=SECRET["shelter_name"],
        prefecture="愛知県",
        municipality="つなぐ町",
        town="桜町",
        street="3丁目12-7",
        latitude="35.2",
        longitude="137.2",
        tier=Tier.TEAM,
    )
    ResourceLocation.objects.create(resource=shelter, location=hidden)
    # A group whose members would be exposed: for the agencies only.
    group = Resource.objects.create(
        name="家族の会（依存症）",
        contact_name=SECRET["group_contact"],
        phone=SECRET["group_phone"],
        tier=Tier.PARTNERS,
    )
    return {"salon": salon, "shelter": shelter, "group": group}
