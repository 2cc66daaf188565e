"""場 and つないでくれる人: the community coordinator records the standing bar and its owner,
drops in (顔を出す), and passes on the owner's worry — which reaches the outreach team as a
concern, while the bar's page only ever says it was received."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.community.conftest import OWNER, TODAY, ago
from tsunagu.audit.models import AuditEvent
from tsunagu.community import selectors, services
from tsunagu.community.models import PassedWorry, Place, Visit
from tsunagu.core.models import Revision
from tsunagu.outreach.choices import ConcernStatus, ReportedOnBehalfOf
from tsunagu.outreach.models import Concern

WORRY = "毎日来ていた常連さんが2週間来ない"


def test_a_worry_passed_on_becomes_a_concern_and_comes_back_only_as_received(
    net, cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    prefix = f"worry-{net.owner.pk}"
    response = page.post(
        f"/community/gatekeepers/{net.owner.pk}/worry/",
        {f"{prefix}-noticed": WORRY, f"{prefix}-urgency": "soon"},
        follow=True,
    )
    assert response.status_code == 200
    assert "大西 茂さんには「受け取りました」とだけ伝えてください" in response.content.decode()
    concern = Concern.objects.get()
    assert concern.noticed == WORRY
    assert concern.status == ConcernStatus.RECEIVED
    assert concern.on_behalf_of == ReportedOnBehalfOf.SHOP  # a bar is a shop to the outreach team
    assert "立ち飲み よりみち" in concern.place and OWNER in concern.reporter_contact
    assert concern.district == net.districts["01"]
    # The outreach team has it in its queue.
    queue = client_for(cast.coordinator).get(f"/outreach/concerns/{concern.pk}/")
    assert WORRY in queue.content.decode()
    # The bar's page says the day and that it was received, never what happened next.
    Concern.objects.filter(pk=concern.pk).update(status=ConcernStatus.CONNECTED)
    bar = page.get(f"/community/places/{net.bar.pk}/").content.decode()
    assert WORRY not in bar
    assert "支援につながりました" not in bar and "Connected to support" not in bar
    assert "受け取りました" in bar
    assert PassedWorry.objects.get().passed_on == TODAY


def test_a_worry_needs_words_and_an_ended_agreement_takes_none(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.pass_worry(actor=net.me, gatekeeper=net.owner, noticed="  ")
    assert "noticed" in refused.value.message_dict
    services.end_gatekeeper(actor=net.me, gatekeeper=net.owner, ended_on=TODAY)
    with pytest.raises(ValidationError):
        services.pass_worry(actor=net.me, gatekeeper=net.owner, noticed=WORRY)
    assert not Concern.objects.exists() and not PassedWorry.objects.exists()


def test_a_visit_keeps_general_topics_and_refuses_a_residents_name(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    url = f"/community/places/{net.bar.pk}/visits/"
    data = {"visit-visited_on": "令和8年11月20日", "visit-topics": "田中さんが最近元気がない"}
    response = page.post(url, data)
    assert response.status_code == 400
    assert "田中" in response.content.decode()  # the word that reads as a name, to fix
    assert not Visit.objects.exists()
    data["visit-topics"] = "歳末売り出しの話、空き店舗の話"
    assert page.post(url, data).status_code == 302
    visit = Visit.objects.get()
    assert visit.topics == "歳末売り出しの話、空き店舗の話"
    assert list(visit.visitors.all()) == [net.me]
    # The owner's own name, or a staff member's, is no resident's.
    services.record_visit(
        actor=net.me, place=net.bar, visited_on=ago(1), topics="大西 茂さんと祭りの相談"
    )
    services.record_visit(
        actor=net.me,
        place=net.bar,
        visited_on=ago(1),
        topics="鈴木さんと話した",
        names_checked=True,
    )
    assert Visit.objects.count() == 3


def test_a_visit_in_the_future_is_refused(net, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(net.me).post(
        f"/community/places/{net.bar.pk}/visits/",
        {"visit-visited_on": "2099-01-01", "visit-topics": "祭り"},
    )
    assert response.status_code == 400
    assert not Visit.objects.exists()


def test_places_not_visited_for_n_months_are_listed_longest_first(net, client_for) -> None:  # type: ignore[no-untyped-def]
    services.record_visit(actor=net.me, place=net.bar, visited_on=ago(120))
    services.record_visit(actor=net.me, place=net.hall, visited_on=ago(10))
    assert list(selectors.not_visited(net.me, 3)) == [net.bar]
    assert list(selectors.not_visited(net.me, 6)) == []
    page = client_for(net.me).get("/community/places/?not_visited_months=3").content.decode()
    assert "立ち飲み よりみち" in page and "まちの縁側" not in page
    # The home page's box says the same.
    home = client_for(net.me).get("/").content.decode()
    assert "立ち飲み よりみち" in home


def test_the_place_page_is_an_audited_read_and_a_manager_reads_but_writes_nothing(
    net, cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    manager = client_for(cast.manager)
    before = AuditEvent.objects.count()
    page = manager.get(f"/community/places/{net.bar.pk}/")
    assert page.status_code == 200 and OWNER in page.content.decode()
    assert AuditEvent.objects.filter(action="view", object_type="community.place").count() == 1
    assert AuditEvent.objects.count() == before + 1
    response = manager.post(
        f"/community/places/{net.bar.pk}/visits/", {"visit-visited_on": "2026-11-01"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.record_visit(actor=cast.manager, place=net.bar, visited_on=TODAY)
    assert client_for(cast.reporter).get(f"/community/places/{net.bar.pk}/").status_code == 404
    assert client_for(cast.auditor).get("/community/").status_code == 404


def test_a_place_is_corrected_with_its_history(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    response = page.post(
        f"/community/places/{net.bar.pk}/correct/",
        {
            "name": "立ち飲み よりみち",
            "kind": "bar",
            "address": "川辺一丁目2番8号",
            "days": ["0", "4"],
            "reason": "移転した",
        },
    )
    assert response.status_code == 302
    bar = Place.objects.get(pk=net.bar.pk)
    assert bar.address == "川辺一丁目2番8号" and bar.days == "04"
    revision = Revision.objects.get(record_type="community.place")
    assert revision.changes["address"] == ["川辺一丁目2番7号", "川辺一丁目2番8号"]
    assert revision.reason == "移転した"
    assert "川辺一丁目2番7号" in page.get(f"/community/places/{net.bar.pk}/").content.decode()


def test_bad_input_on_the_place_pages_gets_a_message_not_an_error(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    assert page.get("/community/places/?district=abc&kind=nope").status_code == 200
    assert page.get("/community/places/?not_visited_months=-3").status_code == 200
    assert page.get("/community/places/99999999999/").status_code == 404
    response = page.post(
        f"/community/places/{net.bar.pk}/gatekeepers/",
        {"gatekeeper-name": "坂本", "gatekeeper-agreed_on": "きのう"},
    )
    assert response.status_code == 400
    assert "gatekeeper-agreed_way" in response.content.decode()
