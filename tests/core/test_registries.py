"""Pages of a lower app that show what higher apps know (tsunagu.core.registry): the case's tabs
show the outreach that led to it and its barriers, the person's page lists their cases, and
`tsunagu daily` queues every app's daily work, though cases, people and core import none of
those apps."""

from io import StringIO

from django.core.management import call_command

from tests import personas as P
from tsunagu.cases.services import open_case
from tsunagu.insights.services import record_barrier
from tsunagu.outreach import services as outreach
from tsunagu.people.services import register_person
from tsunagu.sharing.services import add_team_member


def test_the_case_tabs_show_the_outreach_and_the_barriers(cast, town, client_for) -> None:  # type: ignore[no-untyped-def]
    worker = cast.coordinator
    target = outreach.open_target(
        actor=worker,
        label="川辺団地の70代男性",
        person=register_person(actor=worker, name="村田 清"),
    )
    case = outreach.engage(actor=worker, target=target, main_concern="足が痛くて買い物に行けない")
    record_barrier(
        actor=worker,
        case=case,
        would_help="夜間に使える移動手段があれば通院できた",
        blocked_by="transport",
    )
    add_team_member(actor=worker, case=case, organization=town[P.HIDAMARI], role="related")

    lead = client_for(worker)
    detail = lead.get(f"/cases/{case.pk}/").content.decode()
    assert "川辺団地の70代男性" in detail and f"/outreach/targets/{target.pk}/" in detail
    support = lead.get(f"/cases/{case.pk}/support/").content.decode()
    assert "夜間に使える移動手段があれば通院できた" in support

    # The outreach is the lead's: a team member without consent sees the case, not the target.
    partner = client_for(cast.partner_without_consent).get(f"/cases/{case.pk}/")
    assert partner.status_code == 200
    assert "川辺団地の70代男性" not in partner.content.decode()


def test_the_person_page_lists_their_cases(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="岡田 修")
    case = open_case(actor=cast.lead_consultant, person=person)
    page = client_for(cast.lead_consultant).get(f"/people/{person.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/"' in page


def test_the_daily_command_queues_every_apps_daily_work(db) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("daily", stdout=out)  # (tests run tasks at once; `tsunagu worker` runs them)
    queued = {line.split(":")[0] for line in out.getvalue().splitlines()}
    assert queued == {
        "queued escalate_referrals",
        "queued refresh_ended_grants",
        "queued raise_dormant_outreach",
        "queued link_audit_events",
    }
