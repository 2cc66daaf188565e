"""The assessment and the plan are rewritten as new versions, never overwritten: the lead agency
sees what each version changed (who, when, before and after); a plan's action goes only to an
organization that can open the case, and to a worker of that organization."""

import pytest
from django.core.exceptions import ValidationError

from tests import personas as P
from tsunagu.cases.models import Task
from tsunagu.cases.services import open_case
from tsunagu.people.services import register_person
from tsunagu.plans.models import SupportPlan
from tsunagu.plans.services import record_assessment, record_support_plan


@pytest.fixture
def case(cast):  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="髙橋 咲")
    return open_case(actor=cast.lead_consultant, person=person)


def _plan(cast, case, **changes):  # type: ignore[no-untyped-def]
    return record_support_plan(
        actor=cast.lead_consultant,
        case=case,
        **{
            "persons_wishes": "家に住み続けたい",
            "goals": ["家賃を払う"],
            "actions": [{"description": "給付金の申請"}],
            **changes,
        },
    )


def test_the_lead_sees_what_each_version_changed(case, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    record_assessment(actor=cast.lead_consultant, case=case, income="家賃を3か月滞納")
    record_assessment(
        actor=cast.lead_consultant, case=case, income="家賃を4か月滞納、消費者金融2社"
    )
    _plan(cast, case)
    _plan(cast, case, goals=["家賃を払う", "家計表をつける"])
    page = client_for(cast.lead_consultant).get(f"/cases/{case.pk}/support/").content.decode()
    assert "版の履歴（2版）：各版の変更点" in page
    assert "<del>家賃を3か月滞納</del>" in page and "家賃を4か月滞納、消費者金融2社" in page
    assert "第2版" in page and "佐藤 美咲" in page
    assert "家計表をつける" in page and "短期目標" in page


def test_a_partner_on_the_team_does_not_see_the_earlier_versions(
    case, cast, client_for, town
) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.sharing.choices import ALL_CATEGORIES
    from tsunagu.sharing.services import add_team_member, record_consent

    add_team_member(
        actor=cast.lead_consultant, case=case, organization=town[P.KAWABE_HOUKATSU], role="related"
    )
    record_consent(
        actor=cast.lead_consultant,
        case=case,
        organizations=[town[P.KAWABE_HOUKATSU]],
        categories=ALL_CATEGORIES,
        purpose="支援のため",
        method="written",
    )
    record_assessment(actor=cast.lead_consultant, case=case, income="家賃を3か月滞納")
    record_assessment(actor=cast.lead_consultant, case=case, income="家賃を4か月滞納")
    page = client_for(cast.partner_with_consent).get(f"/cases/{case.pk}/support/").content.decode()
    assert "家賃を4か月滞納" in page and "家賃を3か月滞納" not in page


def test_an_action_goes_only_where_it_can_be_carried_out(case, cast, town) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as stranger:
        _plan(
            cast,
            case,
            actions=[{"description": "受診同行", "responsible_organization": town[P.HOSPITAL]}],
        )
    assert "チームに入っていない" in str(stranger.value)
    with pytest.raises(ValidationError) as elsewhere:
        _plan(
            cast,
            case,
            actions=[{"description": "家計相談", "responsible_worker": cast.coordinator}],
        )
    assert cast.coordinator.display_name in str(elsewhere.value)
    assert not SupportPlan.objects.exists() and not Task.objects.exists()
