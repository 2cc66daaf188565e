"""What an agency on a case's team may know of the case without content access, everywhere a
case is named: the list and its filters, the Excel export, the API, search, notifications and
the household page. Its number, status, lead organization and lead worker, yes; the person's
name (属性・家族関係), the issues and the risk flags (生活歴・課題), only where a consent opens
those categories. A DV flag read by the wrong agency can put a person in danger."""

import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests import personas as P
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.intake.models import Issue
from tsunagu.people.services import add_household_member, create_household, register_person
from tsunagu.sharing import services
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import Disclosure

NAME = "真壁 しおり"
SON = "真壁 大地"
NOTE = "夫からの暴力を避けて実家に身を寄せている"


@pytest.fixture
def dv_case(cast, town) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    lead = cast.lead_consultant
    person = register_person(actor=lead, name=NAME)
    son = register_person(actor=lead, name=SON)
    household = create_household(actor=lead, name="真壁さん世帯")
    add_household_member(actor=lead, household=household, person=person, relationship="head")
    add_household_member(actor=lead, household=household, person=son, relationship="child")
    issue = Issue.objects.get(code="withdrawal_truancy")
    case = open_case(actor=lead, person=person, issues=[issue], main_issue=issue, risk_flags=["dv"])
    add_progress_note(actor=lead, case=case, method="phone", body=NOTE, categories=C.HISTORY)
    without, work_only = town[P.HIDAMARI], town[P.KAWABE_HOUKATSU]
    for organization in (without, work_only):
        services.add_team_member(actor=lead, case=case, organization=organization, role="related")
    services.record_consent(
        actor=lead,
        case=case,
        categories=C.SCHOOL_WORK,
        organizations=[work_only],
        purpose="就労の支援を関係機関で検討するため",
        method="written",
        obtained_on=timezone.localdate() - dt.timedelta(days=3),
    )
    return SimpleNamespace(case=case, issue=issue, household=household)


def _forbidden(text: str) -> set[str]:
    """Which of the case's content a page or document showed (a filter's options name every
    issue and risk: they are not the case's)."""
    text = re.sub(r"<select.*?</select>", "", text, flags=re.DOTALL)
    shown = {"name": NAME in text, "son": SON in text, "note": NOTE in text}
    shown["risk"] = "⚠ DV" in text or "'dv'" in text or '"dv"' in text
    shown["issue"] = "ひきこもり・不登校" in text or "withdrawal_truancy" in text
    return {key for key, seen in shown.items() if seen}


def _xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


@pytest.mark.parametrize("persona", ["partner_without_consent", "partner_with_consent"])
def test_a_team_member_without_those_categories_never_sees_name_issue_or_risk(  # type: ignore[no-untyped-def]
    dv_case, cast, client_for, persona
) -> None:
    user = getattr(cast, persona)
    client = client_for(user)
    case = dv_case.case

    listing = client.get("/cases/").content.decode()
    assert f"ケース #{case.pk}" in listing, "the case exists for the team, by its number"
    assert cast.lead_consultant.display_name in listing, "and whom to call"
    assert _forbidden(listing) == set()

    # Filters by content find nothing: they would tell what the list does not show.
    assert "0件" in client.get("/cases/", {"risk": "dv"}).content.decode()
    assert "0件" in client.get("/cases/", {"issue": dv_case.issue.pk}).content.decode()

    export = client.get("/cases/export.xlsx")
    assert export.status_code == 200
    text = _xlsx_text(export.content)
    assert str(case.pk) in text and _forbidden(text) == set()

    api = client.get("/api/v1/cases").json()["items"]
    row = next(r for r in api if r["id"] == case.pk)
    assert row["risk_flags"] == [] and row["issues"] == [] and row["person_id"] is None
    assert _forbidden(str(api)) == set()
    assert client.get("/api/v1/cases", {"risk": "dv"}).json()["items"] == []
    assert client.get("/api/v1/cases", {"issue": dv_case.issue.code}).json()["items"] == []
    detail = client.get(f"/api/v1/cases/{case.pk}").json()
    assert detail["risk_flags"] == [] and detail["issues"] == [] and NAME not in str(detail)

    for tab in ("", "support/", "collaboration/"):
        page = client.get(f"/cases/{case.pk}/{tab}")
        assert page.status_code in (200, 404)
        assert _forbidden(page.content.decode()) == set(), tab

    for query in (NAME, "暴力", "実家"):
        found = client.get("/search/", {"q": query}).content.decode()
        assert _forbidden(found.replace(f'value="{query}"', "")) == set(), query

    notifications = client.get("/notifications/").content.decode()
    assert f"#{case.pk}" in notifications and _forbidden(notifications) == set()

    # The household is the lead's to show: no member's name reaches the team member.
    assert client.get(f"/people/households/{dv_case.household.pk}/").status_code == 404

    # Nothing categorized was shown, so nothing was disclosed.
    assert not Disclosure.objects.filter(user=user).exists()


def test_the_lead_sees_all_of_it_and_a_family_consent_opens_only_the_name(  # type: ignore[no-untyped-def]
    dv_case, cast, client_for, town
) -> None:
    lead = client_for(cast.lead_consultant)
    listing = lead.get("/cases/", {"risk": "dv"}).content.decode()
    assert NAME in listing and "⚠ DV" in listing
    assert not Disclosure.objects.exists(), "the lead's own reads are not disclosures"

    services.record_consent(
        actor=cast.lead_consultant,
        case=dv_case.case,
        categories=C.FAMILY,
        organizations=[town[P.HIDAMARI]],
        purpose="世帯の状況を共有するため",
        method="written",
    )
    partner = cast.partner_without_consent
    listing = client_for(partner).get("/cases/").content.decode()
    assert NAME in listing and _forbidden(listing) == {"name"}
    disclosed = Disclosure.objects.get(user=partner)
    assert disclosed.categories == C.FAMILY and disclosed.legal_basis == "consent"
    assert disclosed.consents.count() == 1


def test_the_household_page_discloses_what_it_showed_of_a_case_led_elsewhere(  # type: ignore[no-untyped-def]
    dv_case, cast, client_for, town
) -> None:
    """An agency that knows the son, with a consent for 属性・家族関係 and 生活歴・課題 on his
    mother's case, sees her row on their household's page: her name, the case's issues and risk
    flags. That is one 情報提供記録 naming both categories; her name is not a link, for her own
    page is only for the agencies that recorded her."""
    from tsunagu.people.services import link_person

    partner = cast.partner_without_consent
    son = dv_case.household.members.get(relationship="child").person
    link_person(person=son, organization=partner.primary_organization)
    services.record_consent(
        actor=cast.lead_consultant,
        case=dv_case.case,
        categories=C.FAMILY | C.HISTORY,
        organizations=[town[P.HIDAMARI]],
        purpose="世帯の状況を共有するため",
        method="written",
    )
    page = client_for(partner).get(f"/people/households/{dv_case.household.pk}/").content.decode()
    assert _forbidden(page) == {"name", "son", "risk", "issue"}
    assert f'href="/people/{son.pk}/"' in page
    assert f'href="/people/{dv_case.case.person_id}/"' not in page
    disclosed = Disclosure.objects.get(user=partner)
    assert disclosed.categories == C.FAMILY | C.HISTORY
    assert disclosed.what == "世帯：世帯員とそのケース"
