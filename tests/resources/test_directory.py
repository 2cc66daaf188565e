"""The directory as each reader may see it, and as HSDS 3.1: a confidential place (a shelter's
address, a group's contact) never leaves in what the public gets, and every export validates
against the HSDS schemas of ../shared/standards/hsds/."""

import datetime as dt
import json

import jsonschema_rs
import pytest
from django.utils import timezone

from tests.resources.conftest import HSDS, SECRET
from tsunagu.resources import hsds
from tsunagu.resources.choices import Tier
from tsunagu.resources.models import (
    Confirmation,
)
from tsunagu.resources.selectors import PUBLIC, listings, reader_of


def _public_text() -> str:
    return json.dumps([hsds.service(listing) for listing in listings(PUBLIC)], ensure_ascii=False)


def test_the_public_sees_the_shelter_s_front_door_never_its_place(town_directory) -> None:  # type: ignore[no-untyped-def]
    text = _public_text()
    assert "川辺ふれあいサロン" in text and "一時避難の相談" in text
    assert "つなぐ町役場 福祉課 0561-00-2000" in text
    for secret in (*SECRET.values(), "桜町", "35.2", "家族の会"):
        assert secret not in text, secret


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
