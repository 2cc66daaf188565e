"""The directory as each reader may see it, and as HSDS 3.1: a confidential place (a shelter's
address, a group's contact) never leaves in what the public gets, and every export validates
against the HSDS schemas of ../shared/standards/hsds/."""

import datetime as dt
import json
from pathlib import Path

import jsonschema_rs
import pytest
from django.utils import timezone

from tests import personas as P
from tsunagu.resources import hsds
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
from tsunagu.resources.selectors import PUBLIC, listings, reader_of

HSDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "hsds" / "schema"

#: Texts of the confidential entry and fields: none may reach the public.
SECRET = {
    "shelter_name": "みどりの家（一時避難）",
    "shelter_street": "桜町3丁目12-7",
    "shelter_phone": "0561-00-7777",
    "group_contact": "代表 宮下 恵子",
    "group_phone": "090-0000-1234",
    "salon_street": "川辺2丁目5-1",
}


@pytest.fixture
def town_directory(town):  # type: ignore[no-untyped-def]
    salon_kind = Kind.objects.create(code="salon", name="サロン")
    shelter_kind = Kind.objects.create(code="shelter", name="一時避難")
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


def _public_text() -> str:
    return json.dumps([hsds.service(listing) for listing in listings(PUBLIC)], ensure_ascii=False)


def test_the_public_sees_the_shelter_s_front_door_never_its_place(town_directory) -> None:  # type: ignore[no-untyped-def]
    text = _public_text()
    assert "川辺ふれあいサロン" in text and "一時避難の相談" in text
    assert "つなぐ町役場 福祉課 0561-00-2000" in text
    for secret in (*SECRET.values(), "35.2", "家族の会"):
        if secret == SECRET["salon_street"]:
            continue
        assert secret.replace("丁目", "丁目") not in text, secret
    assert "桜町" not in text


def test_agencies_see_partner_entries_and_the_keeper_its_team_only_fields(  # type: ignore[no-untyped-def]
    cast, town_directory
) -> None:
    partner = json.dumps(
        [hsds.service(x) for x in listings(reader_of(cast.partner_without_consent))],
        ensure_ascii=False,
    )
    assert "家族の会（依存症）" in partner and SECRET["group_contact"] in partner
    assert SECRET["shelter_phone"] not in partner and "桜町" not in partner
    keeper = json.dumps(
        [hsds.service(x) for x in listings(reader_of(cast.lead_consultant))], ensure_ascii=False
    )
    assert (
        SECRET["shelter_phone"] in keeper and "桜町" in keeper and SECRET["shelter_name"] in keeper
    )


@pytest.mark.skipif(not HSDS.is_dir(), reason="../shared/standards/hsds is not here")
@pytest.mark.parametrize("who", ["public", "partner", "keeper"])
def test_every_export_validates_against_hsds_3_1(cast, town_directory, who) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads((HSDS / "compiled" / "service.json").read_text())
    validator = jsonschema_rs.Draft202012Validator(schema)
    reader = {
        "public": PUBLIC,
        "partner": reader_of(cast.partner_without_consent),
        "keeper": reader_of(cast.lead_consultant),
    }[who]
    exported = [hsds.service(listing) for listing in listings(reader)]
    assert exported
    for service in exported:
        errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(service)]
        assert not errors, (service["name"], errors)
    salon = next(s for s in exported if s["name"] == "川辺ふれあいサロン")
    assert salon["schedules"][0]["byday"] == "WE" and salon["capacities"][0]["available"] == 4
    address = salon["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["state_province"], address["city"], address["country"]) == (
        "愛知県",
        "つなぐ町",
        "JP",
    )


def test_a_place_closed_to_the_public_must_give_it_a_front_door(town_directory) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from tsunagu.resources.services import check_entry

    shelter = town_directory["shelter"]
    check_entry(shelter)  # its front door is the town's desk
    shelter.front_door = ""
    with pytest.raises(ValidationError) as refused:
        check_entry(shelter)
    assert "窓口" in refused.value.message_dict["front_door"][0]
    shelter.field_tiers = {"home_address": Tier.TEAM}
    with pytest.raises(ValidationError) as refused:
        check_entry(shelter)
    assert "field_tiers" in refused.value.message_dict


def test_capacity_and_hours_refuse_what_cannot_be(town_directory) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from tsunagu.resources.services import set_capacity, set_hours

    salon = town_directory["salon"]
    with pytest.raises(ValidationError) as refused:
        set_capacity(actor=None, resource=salon, unit="席", available=-1, maximum=12)
    assert "0" in refused.value.message_dict["available"][0]
    with pytest.raises(ValidationError):
        set_capacity(actor=None, resource=salon, unit="席", available=13, maximum=12)
    assert (
        set_capacity(actor=None, resource=salon, unit="席", available=0, maximum=12).available == 0
    )
    assert salon.capacities.get().available == 0  # updated, not a second row
    with pytest.raises(ValidationError) as refused:
        set_hours(
            actor=None, resource=salon, weekday=4, opens_at=dt.time(15), closes_at=dt.time(13)
        )
    assert "開始時刻より前" in refused.value.message_dict["closes_at"][0]


def test_entries_nobody_confirmed_for_months_are_listed_stalest_first(cast, town_directory) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.resources.selectors import unconfirmed
    from tsunagu.resources.services import confirm_entry

    salon = town_directory["salon"]
    Confirmation.objects.filter(resource=salon).update(
        confirmed_on=timezone.localdate() - dt.timedelta(days=400)
    )
    stale = [r.name for r in unconfirmed(reader_of(cast.lead_consultant), months=6)]
    assert stale[-1] == "川辺ふれあいサロン" and "一時避難の相談" in stale  # never confirmed: first
    confirm_entry(actor=cast.lead_consultant, resource=salon, how="call", note="代表に電話")
    assert "川辺ふれあいサロン" not in [
        r.name for r in unconfirmed(reader_of(cast.lead_consultant), months=6)
    ]
