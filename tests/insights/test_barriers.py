"""あとちょっと: anyone on the case records what blocked the next step; managers see counts and
texts without the case or the person."""

import pytest

from tests import personas as P
from tsunagu.cases.services import open_case
from tsunagu.insights.models import Barrier
from tsunagu.people.services import register_person
from tsunagu.sharing.services import add_team_member


@pytest.fixture
def case(cast, town):  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="岡田 修")
    case = open_case(actor=cast.lead_consultant, person=person)
    add_team_member(
        actor=cast.lead_consultant, case=case, organization=town[P.HIDAMARI], role="related"
    )
    return case


def test_the_team_records_and_the_manager_counts(case, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/insights/cases/{case.pk}/barriers/new/?source=plan"
    for user, text, kind in (
        (cast.lead_consultant, "夜間に使える移動手段があれば通院できた", "transport"),
        (cast.partner_without_consent, "障害者手帳がなくても使える就労体験の場", "requirements"),
    ):
        response = client_for(user).post(
            url, {"would_help": text, "blocked_by": kind, "program": "障害福祉課", "is_gap": "on"}
        )
        assert response.status_code == 302, response.content.decode()[:1500]
    assert Barrier.objects.filter(is_gap=True, source="plan").count() == 2

    page = client_for(cast.manager).get("/insights/barriers/").content.decode()
    # Two barriers name the section: counted, and the small count hidden.
    assert "夜間に使える移動手段" in page
    assert '<th scope="row">障害福祉課</th><td class="number count">5未満</td>' in page
    assert "岡田 修" not in page and f"/cases/{case.pk}/" not in page


def test_bad_input_and_outsiders_are_refused(case, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/insights/cases/{case.pk}/barriers/new/"
    empty = client_for(cast.lead_consultant).post(url, {"would_help": " ", "blocked_by": "staff"})
    assert empty.status_code == 400 and not Barrier.objects.exists()
    assert client_for(cast.meeting_attendee).get(url).status_code == 404
    assert client_for(cast.partner_with_consent).get("/insights/barriers/").status_code == 404
