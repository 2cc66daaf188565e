"""A year of the town's work for the figures: consultations of every channel and agency across
the months, cases with plans and decisions, referrals, meetings, outreach and participation,
each made with its real dates so that the tests can count them again by hand."""

import datetime as dt
import random
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests import personas as P
from tsunagu.accounts.models import District, Organization
from tsunagu.cases.models import Case
from tsunagu.intake.choices import Channel
from tsunagu.intake.defaults import ensure_issue_taxonomy
from tsunagu.intake.models import Consultation, ConsultationIssue, Issue
from tsunagu.people.models import Person
from tsunagu.plans.models import Evaluation, SupportPlan
from tsunagu.referrals.models import Referral

YEAR = 2025  # 令和7年度: 2025-04-01 … 2026-03-31


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def lead_section(town):  # type: ignore[no-untyped-def]
    """福祉課 地域共生推進係 is the 主管課; the districts have their population."""
    Organization.objects.filter(name=P.WELFARE_SECTION).update(is_lead_section=True)
    for district, people in zip(District.objects.order_by("code"), (4200, 6100, 1700), strict=True):
        district.population = people
        district.save()
    return town[P.WELFARE_SECTION]


@pytest.fixture
def year(cast, town, lead_section):  # type: ignore[no-untyped-def]
    """The fiscal year 2025's consultations at three agencies, some before and after it."""
    ensure_issue_taxonomy()  # a transactional test (the browser's) starts with none
    rng = random.Random(15)  # noqa: S311 - test data
    agencies = [town[P.SASAE], town[P.KAWABE_HOUKATSU], town[P.SHAKYO]]
    districts = list(District.objects.order_by("code"))
    issues = list(Issue.objects.order_by("order")[:6])
    people = [
        Person.objects.create(
            name=f"住民 {n}", name_match_key=f"jumin{n}", district=rng.choice([*districts, None])
        )
        for n in range(40)
    ]
    consultations = []
    day = dt.date(YEAR, 3, 20)
    while day <= dt.date(YEAR + 1, 4, 10):
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            consultation = Consultation.objects.create(
                received_at=at(day, rng.randint(8, 23)),
                channel=rng.choice(Channel.values),
                organization=rng.choices(agencies, weights=[6, 3, 1])[0],
                received_by=cast.lead_consultant,
                person=rng.choice([*people, None]),
                main_concern="生活のこと",
            )
            tagged = rng.sample(issues, rng.choice([0, 1, 1, 2, 3]))
            ConsultationIssue.objects.bulk_create(
                ConsultationIssue(consultation=consultation, issue=issue, is_main=n == 0)
                for n, issue in enumerate(tagged)
            )
            if rng.random() < 0.7:
                consultation.first_response_at = consultation.received_at + dt.timedelta(
                    hours=rng.choice([2, 20, 50, 100, 400])
                )
                consultation.save(update_fields=["first_response_at"])
            consultations.append(consultation)
        day += dt.timedelta(days=1)
    cases = []
    for consultation in rng.sample([c for c in consultations if c.person], 30):
        received = timezone.localdate(consultation.received_at)
        case = Case.objects.create(
            person=consultation.person,
            consultation=consultation,
            lead_organization=consultation.organization,
            lead_worker=cast.lead_consultant,
            opened_on=received,
            support_decided_on=received + dt.timedelta(days=rng.choice([10, 45, 80, 200]))
            if rng.random() < 0.5
            else None,
        )
        cases.append(case)
        if rng.random() < 0.7:
            plan = SupportPlan.objects.create(
                case=case,
                version=1,
                persons_wishes="働きたい",
                period_start=received,
                author=cast.lead_consultant,
                employment_support=rng.random() < 0.5,
            )
            SupportPlan.objects.filter(pk=plan.pk).update(
                created_at=consultation.received_at + dt.timedelta(days=rng.choice([5, 20, 50, 90]))
            )
            if rng.random() < 0.6:
                Evaluation.objects.create(
                    case=case,
                    plan=plan,
                    evaluated_on=received + dt.timedelta(days=rng.choice([60, 120])),
                    next_direction="continue",
                    author=cast.lead_consultant,
                    found_work=rng.random() < 0.5,
                    income_rose=rng.random() < 0.3,
                )
    for case in cases[:20]:
        Referral.objects.create(
            case=case,
            from_organization=case.lead_organization,
            from_user=cast.lead_consultant,
            to_organization=town[P.HIDAMARI],
            reason="障害福祉サービスの相談",
            categories=1,
            legal_basis="consent",
            status=rng.choice(["sent", "accepted", "completed", "declined"]),
            sent_at=at(case.opened_on),
        )
    return SimpleNamespace(
        consultations=consultations, cases=cases, agencies=agencies, people=people
    )
