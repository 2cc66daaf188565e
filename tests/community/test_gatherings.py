"""集まり: a 車座 recorded with who came from which field, the ties it made, the ideas that
came out (one becomes a gathering of its own, one is taken to policy as a barrier), and the
follow-ups; bad input is refused with what to fix and nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from tests.community.conftest import PROFESSOR, TODAY, ago
from tsunagu.community import services
from tsunagu.community.choices import ActorKind, IdeaStatus
from tsunagu.community.choices import Field as F
from tsunagu.community.models import Attendance, FollowUp, Gathering, Idea, Tie
from tsunagu.core.models import Revision
from tsunagu.insights.choices import Source
from tsunagu.insights.models import Barrier


def _form(net, **extra):  # type: ignore[no-untyped-def]
    data = {
        "type": net.kurumaza.pk,
        "title": "車座「空き店舗をどう使う？」",
        "held_on": "令和8年11月5日",
        "starts_at": "18:30",
        "ends_at": "20:30",
        "place": net.hall.pk,
        "organizers": [net.shakyo.pk, net.machi.pk],
        "named": [net.professor.pk],
        "topics": "空き店舗 居場所",
        "came_welfare": "6",
        "came_machizukuri": "2",
        "came_shops": "3",
        "came_residents": "4",
    }
    return {**data, **extra}


def test_a_kurumaza_is_recorded_with_its_field_mix(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    response = page.post("/community/gatherings/new/", _form(net))
    assert response.status_code == 302
    gathering = Gathering.objects.get()
    assert {a.field: a.count for a in gathering.attendance.all()} == {
        F.WELFARE: 6,
        F.MACHIZUKURI: 2,
        F.SHOPS: 3,
        F.RESIDENTS: 4,
    }
    shown = page.get(response["Location"]).content.decode()
    assert "15" in shown and PROFESSOR in shown
    assert "株式会社 まちづくりつなぐ" in shown


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"held_on": ""}, "held_on"),
        ({"type": ""}, "type"),
        ({"came_welfare": "-1"}, "came_welfare"),
        ({"came_welfare": "たくさん"}, "came_welfare"),
        ({"ends_at": "17:00"}, "ends_at"),
        ({"held_on": "令和99年13月1日"}, "held_on"),
    ],
)
def test_a_gathering_with_bad_input_is_refused_and_nothing_is_saved(
    net, client_for, bad, field
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(net.me).post("/community/gatherings/new/", _form(net, **bad))
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Gathering.objects.exists() and not Attendance.objects.exists()


def test_the_service_refuses_what_the_form_would_not_send(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.record_gathering(
            actor=net.me, type=net.kurumaza, title="x", held_on=TODAY, attendance={F.PEER: -2}
        )
    assert "attendance" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.record_gathering(actor=net.me, type=None, title="x", held_on=TODAY)
    anonymous_person = services.record_actor(
        actor=net.me, kind=ActorKind.ORGANIZATION, name="匿名の会", field=F.PEER
    )
    anonymous_person.kind = ActorKind.PERSON  # as if someone had not agreed
    with pytest.raises(ValidationError) as refused:
        services.record_gathering(
            actor=net.me, type=net.kurumaza, title="x", held_on=TODAY, named=[anonymous_person]
        )
    assert "named" in refused.value.message_dict
    assert not Gathering.objects.exists()


def test_a_person_is_in_the_network_only_with_their_agreement(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.record_actor(actor=net.me, kind=ActorKind.PERSON, name="名無し", field=F.PEER)
    assert "agreed_on" in refused.value.message_dict


def test_ties_ideas_and_follow_ups_of_a_gathering(net, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    gathering = services.record_gathering(
        actor=net.me, type=net.kurumaza, title="車座", held_on=ago(7), attendance={F.WELFARE: 5}
    )
    page = client_for(net.me)
    url = f"/community/gatherings/{gathering.pk}"
    assert (
        page.post(f"{url}/ties/", {"tie-a": net.professor.pk, "tie-b": net.farm.pk}).status_code
        == 302
    )
    tie = Tie.objects.get(gathering=gathering)
    assert tie.since == gathering.held_on and tie.how == "gathering"
    # A tie from a member to itself, or one already there: refused, with why.
    response = page.post(f"{url}/ties/", {"tie-a": net.farm.pk, "tie-b": net.farm.pk})
    assert response.status_code == 400
    response = page.post(f"{url}/ties/", {"tie-a": net.farm.pk, "tie-b": net.professor.pk})
    assert response.status_code == 400 and PROFESSOR in response.content.decode()
    assert Tie.objects.filter(gathering=gathering).count() == 1
    # Ideas: one becomes a gathering of its own, one goes to policy (a barrier, no case).
    page.post(f"{url}/ideas/", {"idea-kind": "idea", "idea-text": "空き店舗で週1回の居場所"})
    page.post(f"{url}/ideas/", {"idea-kind": "idea", "idea-text": "夜の移動手段がほしい"})
    first, second = Idea.objects.order_by("pk")
    new = page.get(f"/community/gatherings/new/?idea={first.pk}")
    assert "空き店舗で週1回の居場所" in new.content.decode()
    page.post(
        f"/community/gatherings/new/?idea={first.pk}",
        {"type": net.salon.pk, "title": "空き店舗サロン", "held_on": "2026-12-20"},
    )
    assert Gathering.objects.get(title="空き店舗サロン").from_idea == first
    response = page.post(
        f"/insights/ideas/{second.pk}/barrier/",
        {"would_help": "夜の移動手段がほしい", "blocked_by": "transport", "is_gap": "on"},
    )
    assert response.status_code == 302
    barrier = Barrier.objects.get()
    assert barrier.case is None and barrier.source == Source.GATHERING
    assert barrier.source_id == gathering.pk
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (IdeaStatus.GATHERING, IdeaStatus.BARRIER)
    # The manager's list of barriers shows it, with no case.
    listing = client_for(cast.manager).get("/insights/barriers/").content.decode()
    assert "夜の移動手段がほしい" in listing
    # A follow-up is a task on the assignee's home page, until it is done.
    page.post(
        f"{url}/follow-ups/",
        {
            "follow-up-title": "商店会に会場を相談する",
            "follow-up-due_on": "2026-12-24",
            "follow-up-assignee": net.me.pk,
        },
    )
    assert "商店会に会場を相談する" in page.get("/").content.decode()
    follow_up = FollowUp.objects.get()
    page.post(f"/community/follow-ups/{follow_up.pk}/done/")
    assert "商店会に会場を相談する" not in page.get("/").content.decode()


def test_a_gathering_is_corrected_with_its_attendance_kept_in_history(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    page.post("/community/gatherings/new/", _form(net))
    gathering = Gathering.objects.get()
    response = page.post(
        f"/community/gatherings/{gathering.pk}/correct/",
        _form(net, came_shops="5", reason="商店会の人数を数え直した"),
    )
    assert response.status_code == 302
    assert gathering.attendance.get(field=F.SHOPS).count == 5
    revision = Revision.objects.get(record_type="community.gathering")
    assert revision.changes["attendance"][0]["shops"] == 3
    assert revision.changes["attendance"][1]["shops"] == 5
