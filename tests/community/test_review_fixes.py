"""What a review of 地域づくり found, each as a user would meet it."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from tests.community.conftest import TODAY, ago
from tests.fixtures import token_for
from tsunagu.community import network, services
from tsunagu.community.choices import ActorKind, HowMet, IdeaStatus
from tsunagu.community.choices import Field as F
from tsunagu.community.models import Gathering, Visit
from tsunagu.insights.models import Barrier
from tsunagu.insights.services import barrier_from_idea


def _public_kurumaza(net, **extra):  # type: ignore[no-untyped-def]
    return services.record_gathering(
        actor=net.me,
        type=net.kurumaza,
        title="車座「冬の居場所」",
        held_on=TODAY + dt.timedelta(days=7),
        place=net.hall,
        topics="内輪の話題 孤立",
        organizers=[net.shakyo],
        public=True,
        **extra,
    )


def test_the_public_search_does_not_see_the_topics(net) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    _public_kurumaza(net)
    assert "冬の居場所" not in Client().get("/public/?words=孤立").content.decode()
    assert "冬の居場所" in Client().get("/public/?words=居場所").content.decode()


def test_an_organizer_renamed_is_seen_at_once_and_the_old_etag_no_longer_matches(net) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    held = _public_kurumaza(net)
    first = Client().get(f"/public/events/{held.uuid}/")
    services.correct_actor(
        actor=net.me, member=net.shakyo, changes={"name": "つなぐ社協"}, reason="略称に"
    )
    again = Client().get(f"/public/events/{held.uuid}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "つなぐ社協" in again.content.decode()


def test_the_public_pages_are_in_japanese_for_every_visitor(net) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    english = Client().get(f"/public/places/{net.hall.uuid}/", HTTP_ACCEPT_LANGUAGE="en")
    japanese = Client().get(f"/public/places/{net.hall.uuid}/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "居場所" in japanese.content.decode() and english.content == japanese.content
    assert Client().head("/public/").status_code == 200


def test_a_non_public_place_gives_away_not_even_its_district(net) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    event = services.record_gathering(
        actor=net.me,
        type=net.salon,
        title="店の前の集まり",
        held_on=TODAY,
        place=net.bar,
        public=True,
    )
    page = Client().get(f"/public/events/{event.uuid}/").content.decode()
    assert "川辺地区" not in page and "立ち飲み" not in page


def test_corrected_attendance_and_times_show_in_the_history(net, client_for) -> None:  # type: ignore[no-untyped-def]
    held = services.record_gathering(
        actor=net.me,
        type=net.kurumaza,
        title="車座",
        held_on=ago(3),
        starts_at=dt.time(18, 30),
        attendance={F.WELFARE: 3},
        organizers=[net.shakyo],
    )
    services.correct_gathering(
        actor=net.me,
        gathering=held,
        changes={"starts_at": dt.time(19)},
        attendance={F.WELFARE: 4, F.PEER: 1},
        organizers=[net.machi],
        reason="数え直し",
    )
    page = client_for(net.me).get(f"/community/gatherings/{held.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "福祉 3" in html and "当事者 1" in html and "株式会社 まちづくりつなぐ" in html
    assert "19:00" in html


def test_bad_days_and_huge_numbers_are_refused_with_a_message(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    assert page.get("/community/network/?on=9999-12-31").status_code == 200
    response = page.post(
        "/community/gatherings/new/",
        {
            "type": net.kurumaza.pk,
            "title": "x",
            "held_on": "2026-11-01",
            "came_welfare": str(10**20),
        },
    )
    assert response.status_code == 400 and not Gathering.objects.exists()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(net.me)}")
    assert api.get("/api/v1/community/network?on=9999-12-31").status_code == 422
    sent = api.post(
        "/api/v1/community/gatherings",
        json.dumps(
            {
                "type_id": net.kurumaza.pk,
                "title": "x",
                "held_on": "2026-11-01",
                "attendance": {"welfare": 10**20},
            }
        ),
        content_type="application/json",
    )
    assert sent.status_code == 422
    nulled = api.patch(
        f"/api/v1/community/places/{net.bar.pk}",
        json.dumps({"address": None, "reason": "x"}),
        content_type="application/json",
    )
    assert nulled.status_code == 422


def test_a_manager_gets_403_before_any_id_is_looked_at(net, cast) -> None:  # type: ignore[no-untyped-def]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.manager)}")
    sent = api.post(
        f"/api/v1/community/places/{net.bar.pk}/visits",
        json.dumps({"visited_on": "2026-11-01", "visitor_ids": [99999]}),
        content_type="application/json",
    )
    assert sent.status_code == 403


def test_a_visit_corrected_keeps_residents_names_out(net) -> None:  # type: ignore[no-untyped-def]
    visit = services.record_visit(actor=net.me, place=net.bar, visited_on=ago(1), topics="祭り")
    with pytest.raises(ValidationError, match="田中美咲"):
        services.correct_visit(
            actor=net.me, visit=visit, changes={"topics": "田中美咲さんが来ない"}, reason="x"
        )
    assert Visit.objects.get().topics == "祭り"


def test_an_idea_taken_to_policy_stays_there_one_barrier(net, cast) -> None:  # type: ignore[no-untyped-def]
    held = services.record_gathering(actor=net.me, type=net.kurumaza, title="車座", held_on=ago(1))
    idea = services.record_idea(actor=net.me, gathering=held, kind="idea", text="夜の足")
    barrier_from_idea(actor=net.me, idea=idea, would_help="夜の足", blocked_by="transport")
    with pytest.raises(ValidationError):
        services.settle_idea(actor=net.me, idea=idea, status=IdeaStatus.OPEN)
    with pytest.raises(ValidationError):
        services.record_gathering(
            actor=net.me, type=net.salon, title="x", held_on=TODAY, from_idea=idea
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.BARRIER and Barrier.objects.count() == 1


def test_a_member_cannot_leave_before_joining(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.correct_actor(
            actor=net.me, member=net.farm, changes={"left_on": dt.date(1900, 1, 1)}, reason="x"
        )
    net.farm.refresh_from_db()
    assert net.farm.left_on is None


def test_new_ties_per_quarter_count_those_that_ended_since(net) -> None:  # type: ignore[no-untyped-def]
    tie = services.record_tie(actor=net.me, a=net.farm, b=net.bus, since=ago(2), how=HowMet.WORK)
    services.end_tie(actor=net.me, tie=tie, ended_on=ago(1))
    graph = network.build_graph(network.Filter(on=TODAY))
    figures = network.network_figures(graph, TODAY)
    assert figures.by_quarter[-1][2] >= 1
    medical = network.build_graph(network.Filter(on=TODAY, field=F.WELFARE))
    assert network.network_figures(medical, TODAY).groups == 1  # 社協–包括, one part
    assert net.farm.kind == ActorKind.ORGANIZATION
