"""社会資源 pages as the agencies' staff use them: find a place by kind, day and access; read an
entry as far as one may; confirm it is still as it says."""

from tests.resources.conftest import SECRET
from tsunagu.resources.models import Confirmation, Kind


def test_a_consultant_finds_a_place_by_kind_day_and_access(
    cast, client_for, town_directory
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.partner_with_consent)
    salon = Kind.objects.get(code="salon")
    page = client.get("/resources/", {"kind": salon.pk, "day": 2, "step_free": "on"})
    text = page.content.decode()
    assert page.status_code == 200 and "川辺ふれあいサロン" in text
    assert "水曜日 13:30〜15:30" in text and "空き4席" in text
    assert "一時避難の相談" not in text
    thursday = client.get("/resources/", {"day": 3}).content.decode()
    assert "川辺ふれあいサロン" not in thursday
    everything = client.get("/resources/").content.decode()
    assert "家族の会（依存症）" in everything  # the agencies' entry
    assert SECRET["shelter_phone"] not in everything and "桜町" not in everything


def test_an_entry_shows_its_front_door_instead_of_what_is_closed(
    cast, client_for, town_directory
) -> None:  # type: ignore[no-untyped-def]
    shelter = town_directory["shelter"]
    other = client_for(cast.partner_with_consent).get(f"/resources/{shelter.pk}/").content.decode()
    assert "つなぐ町役場 福祉課 0561-00-2000" in other
    assert SECRET["shelter_phone"] not in other and SECRET["shelter_name"] not in other
    keeper = client_for(cast.lead_consultant).get(f"/resources/{shelter.pk}/").content.decode()
    assert SECRET["shelter_phone"] in keeper and SECRET["shelter_name"] in keeper


def test_confirming_an_entry_keeps_the_directory_fresh(cast, client_for, town_directory) -> None:  # type: ignore[no-untyped-def]
    group = town_directory["group"]
    client = client_for(cast.partner_with_consent)
    assert "家族の会（依存症）" in client.get("/resources/stale/").content.decode()
    bad = client.post(f"/resources/{group.pk}/", {"how": "import"})
    assert bad.status_code == 400 and not Confirmation.objects.filter(resource=group).exists()
    done = client.post(
        f"/resources/{group.pk}/", {"how": "call", "note": "代表に電話"}, follow=True
    )
    assert "今日の日付で確認済みにしました" in done.content.decode()
    assert Confirmation.objects.get(resource=group).confirmed_by == cast.partner_with_consent
    assert "家族の会（依存症）" not in client.get("/resources/stale/").content.decode()
    assert (
        client_for(cast.manager).post(f"/resources/{group.pk}/", {"how": "call"}).status_code == 403
    )
