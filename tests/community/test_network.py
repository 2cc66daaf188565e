"""点から面へ: the network's figures and picture change as ties across fields are made, on a
day and by district and field; suggested encounters pair fields that share topics and have
no tie, and the rate of those that became a tie is shown."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.community.conftest import PROFESSOR, TODAY, ago
from tsunagu.audit.models import AuditEvent
from tsunagu.community import encounters, network, selectors, services
from tsunagu.community.choices import Field as F
from tsunagu.community.choices import HowMet, SuggestionStatus
from tsunagu.community.models import Suggestion, Tie


def _figures(on: dt.date = TODAY, **where):  # type: ignore[no-untyped-def]
    graph = network.build_graph(network.Filter(on=on, **where))
    return network.network_figures(graph, on)


def test_the_figures_count_ties_across_fields_and_isolated_members(net) -> None:  # type: ignore[no-untyped-def]
    before = _figures()
    assert before.members == 9 and before.organizations == 8
    assert before.ties == 2 and before.ties_across == 1  # 社協–包括 (welfare), 商店会–まちづくり
    assert before.organizations_reaching_out == 2  # 商店会 and まちづくり
    isolated = {m["name"] for m in before.isolated}
    assert "古本とおしゃべりの会" in isolated and PROFESSOR in isolated
    services.record_tie(actor=net.me, a=net.lonely, b=net.school, since=ago(3), how=HowMet.WORK)
    after = _figures()
    assert after.ties == 3 and after.ties_across == 2 and after.share_across == 67
    assert after.organizations_reaching_out == 4
    assert "古本とおしゃべりの会" not in {m["name"] for m in after.isolated}
    # This quarter's new ties count it (and the figures of a year ago do not know it).
    assert after.by_quarter[-1][2:] == (1, 1)
    assert _figures(on=ago(250)).ties == 1


def test_the_network_as_it_stood_and_by_district_and_field(net) -> None:  # type: ignore[no-untyped-def]
    tie = Tie.objects.get(a=net.shakyo, b=net.houkatsu)
    services.end_tie(actor=net.me, tie=tie, ended_on=ago(5))
    assert _figures(on=ago(10)).ties == 2 and _figures().ties == 1
    yamate = _figures(district_id=net.districts["03"].pk)
    assert yamate.members == 1  # the farm
    welfare = _figures(field=F.WELFARE)
    assert welfare.members == 2 and welfare.organizations_reaching_out == 0


def test_a_tie_to_itself_or_twice_is_refused(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.record_tie(actor=net.me, a=net.farm, b=net.farm, since=TODAY, how=HowMet.WORK)
    assert "b" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.record_tie(actor=net.me, a=net.machi, b=net.shotenkai, since=TODAY, how="work")
    assert "already" in str(refused.value) or "つながって" in str(refused.value)
    with pytest.raises(ValidationError):
        services.record_tie(
            actor=net.me, a=net.farm, b=net.bus, since=TODAY + dt.timedelta(days=3), how="work"
        )
    assert Tie.objects.count() == 2


def test_the_network_page_draws_a_picture_with_the_same_data_in_a_table(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me).get("/community/network/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'role="img"' in html
    assert html.count('class="tie tie--across"') == 1 and html.count('class="tie"') == 1
    assert PROFESSOR in html and "古本とおしゃべりの会" in html
    assert "<table" in html
    # The people named in it are an audited listing.
    event = AuditEvent.objects.get(object_type="community.actor", action="view")
    assert event.detail["ids"] == [net.professor.pk]
    # A bad filter gets a message, not an error.
    bad = client_for(net.me).get("/community/network/?on=令和99年&field=nope")
    assert bad.status_code == 200


def test_a_large_town_is_drawn_by_field(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(network.Filter(on=TODAY))
    for i in range(network.PICTURE_MEMBERS + 1):
        graph.add_node(
            10_000 + i,
            chosen=True,
            name=f"会{i}",
            kind="organization",
            field=F.RESIDENTS,
            district_id=None,
        )
    drawn = network.picture(graph, selectors.field_labels())
    assert drawn.by_field and len(drawn.dots) == len(
        {d["field"] for _n, d in graph.nodes(data=True)}
    )


def test_encounters_pair_fields_that_share_topics_with_reasons(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(network.Filter(on=TODAY))
    found = encounters.suggest_encounters(
        graph, selectors.member_words(graph), selectors.field_labels()
    )
    pairs = {frozenset(e.members) for e in found}
    # Both care about 空き家/居場所 …; 子ども: the farm and the school.
    assert frozenset((net.farm.pk, net.school.pk)) in pairs
    # Never two of one field, never two already tied.
    for e in found:
        assert len(set(e.fields)) == len(e.fields)
        assert not graph.has_edge(*e.members[:2])
        assert e.reason
    farm_school = next(e for e in found if set(e.members) == {net.farm.pk, net.school.pk})
    # Words meet as the index words them (子ども and 子供 are one word).
    assert farm_school.shared == ("子供",) and "「子供」" in farm_school.reason


def test_an_encounter_arranged_becomes_a_tie_and_the_rate_shows_it(net, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(net.me)
    response = page.post(
        "/community/encounters/keep/",
        {"members": [net.farm.pk, net.school.pk], "reason": "どちらも「子ども」に関心"},
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    # Once kept, it is not suggested again.
    html = page.get("/community/encounters/").content.decode()
    assert html.count("どちらも「子ども」に関心") == 1
    page.post(
        f"/community/encounters/{suggestion.pk}/tie/",
        {
            f"s{suggestion.pk}-a": net.farm.pk,
            f"s{suggestion.pk}-b": net.school.pk,
            f"s{suggestion.pk}-since": TODAY.isoformat(),
        },
    )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.TIE
    tie = Tie.objects.get(suggestion=suggestion)
    assert tie.how == HowMet.SUGGESTION
    rate = selectors.suggestion_rate(net.me)
    assert (rate.kept, rate.became_ties, rate.rate) == (1, 1, 100)
    services.keep_suggestion(actor=net.me, members=[net.bus, net.houkatsu], reason="買い物")
    assert selectors.suggestion_rate(net.me).rate == 50
    assert "50%" in page.get("/community/").content.decode()


def test_an_encounter_needs_two_fields_and_two_to_four_members(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.keep_suggestion(actor=net.me, members=[net.shakyo, net.houkatsu], reason="x")
    with pytest.raises(ValidationError):
        services.keep_suggestion(actor=net.me, members=[net.farm], reason="x")
    assert not Suggestion.objects.exists()


def test_the_guest_list_brings_many_fields_to_one_table(net, client_for) -> None:  # type: ignore[no-untyped-def]
    coming = services.record_gathering(
        actor=net.me,
        type=net.kurumaza,
        title="車座「子どもの居場所と空き店舗」",
        held_on=TODAY + dt.timedelta(days=20),
        topics="子ども 居場所 空き店舗",
    )
    guests = selectors.guests_for(net.me, coming)
    fields = [g.field for g in guests]
    assert len(fields) == len(set(fields))  # one from each field before a second from any
    assert {F.WELFARE, F.AGRICULTURE, F.EDUCATION} <= set(fields)
    page = client_for(net.me).get(f"/community/gatherings/{coming.pk}/guests/")
    assert "町立川辺小学校" in page.content.decode()
