"""受け入れ先のログイン: a coordinator makes one for a shop of the directory; the host confirms
its entries and room and sees whom to expect — the name and the line each person agreed it may
know — and nothing of any case."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.participation.conftest import INTERESTS
from tsunagu.participation import services
from tsunagu.participation.models import HostAccount
from tsunagu.resources.models import Confirmation


@pytest.fixture
def host(cast, places):  # type: ignore[no-untyped-def]
    account, password = services.create_host_account(
        actor=cast.participation_coordinator,
        provider_id=places["bar"].provider_id,
        display_name="大西 茂",
        email="oonishi@example.jp",
    )
    assert len(password) >= 12
    return account


def test_the_host_sees_only_the_name_and_line_the_person_agreed_to(
    cast, case, places, coordinator_access, host, client_for
) -> None:  # type: ignore[no-untyped-def]
    worker = cast.participation_coordinator
    services.record_profile(actor=worker, access=coordinator_access, interests=INTERESTS)
    services.introduce(
        actor=worker,
        access=coordinator_access,
        resource_id=places["bar"].pk,
        host_name="健二さん",
        host_note="初めての場所は緊張します",
    )
    client = client_for(host.user, verified=False)
    page = client.get("/participation/host/").content.decode()
    assert "健二さん" in page and "初めての場所は緊張します" in page
    assert "藤田" not in page and "喫茶店で働いていた" not in page  # no surname, no profile
    for path in (
        f"/cases/{case.pk}/",
        f"/participation/cases/{case.pk}/",
        "/participation/",
        "/resources/",
    ):
        assert client.get(path).status_code == 404, path


def test_someone_who_did_not_agree_is_not_named_to_the_host(
    cast, case, places, coordinator_access, host, client_for
) -> None:  # type: ignore[no-untyped-def]
    services.record_profile(
        actor=cast.participation_coordinator, access=coordinator_access, interests=INTERESTS
    )
    services.introduce(
        actor=cast.participation_coordinator,
        access=coordinator_access,
        resource_id=places["bar"].pk,
    )
    page = client_for(host.user, verified=False).get("/participation/host/").content.decode()
    assert "藤田" not in page and "健二" not in page


def test_the_host_confirms_its_own_entry_and_room_only(cast, places, host, client_for) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.resources.models import Provider, Resource

    client = client_for(host.user, verified=False)
    bar = places["bar"]
    other = Provider.objects.create(name="山手ふれあい農園の会", kind="community", tier="public")
    farm = Resource.objects.create(provider=other, name="山手の畑", tier="public")
    done = client.post(
        "/participation/host/", {"resource": bar.pk, "available": "3", "note": "店主"}
    )
    assert done.status_code == 302
    assert Confirmation.objects.filter(resource=bar, how="host").exists()
    assert bar.capacities.get().available == 3
    # Another provider's place: as if it did not exist.
    assert (
        client.post("/participation/host/", {"resource": farm.pk, "available": "1"}).status_code
        == 404
    )
    assert (
        client.post("/participation/host/", {"resource": bar.pk, "available": "-1"}).status_code
        == 400
    )


def test_only_coordinators_make_and_end_host_logins(cast, places, host, client_for) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.create_host_account(
            actor=cast.lead_consultant,
            provider_id=places["bar"].provider_id,
            display_name="x",
            email="x@example.jp",
        )
    page = client_for(cast.participation_coordinator).get("/participation/hosts/")
    assert page.status_code == 200 and "大西 茂" in page.content.decode()
    assert client_for(cast.lead_consultant).get("/participation/hosts/").status_code == 404
    ended = client_for(cast.participation_coordinator).post(f"/participation/hosts/{host.pk}/end/")
    assert ended.status_code == 302
    assert not HostAccount.objects.get(pk=host.pk).user.is_active
    made = client_for(cast.participation_coordinator).post(
        "/participation/hosts/",
        {"provider": places["farm"].provider_id, "display_name": "山本", "email": "not-an-address"},
    )
    assert made.status_code == 400


def test_a_closed_case_is_no_longer_named_to_the_host(
    cast, case, places, coordinator_access, host, client_for
) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.cases.services import close_case

    services.record_profile(
        actor=cast.participation_coordinator, access=coordinator_access, interests=INTERESTS
    )
    services.introduce(
        actor=cast.participation_coordinator,
        access=coordinator_access,
        resource_id=places["bar"].pk,
        host_name="健二さん",
    )
    close_case(actor=cast.lead_consultant, case=case, reason="goals_met", note="目標を達成")
    page = client_for(host.user, verified=False).get("/participation/host/").content.decode()
    assert "健二さん" not in page


def test_a_number_too_large_for_the_room_is_refused(cast, places, host, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(host.user, verified=False)
    refused = client.post(
        "/participation/host/", {"resource": places["bar"].pk, "available": str(10**19)}
    )
    assert refused.status_code == 400
