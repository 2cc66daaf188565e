"""実績報告: each number of the 実施状況 and the 支援状況調査 equals the records counted here by
hand; the Excel holds the same numbers in the survey's columns; how each was counted is shown."""

import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook

from tests import personas as P
from tests.authorization.markers import readable_text
from tests.insights.conftest import YEAR
from tsunagu.insights.national_report import report
from tsunagu.plans.models import Evaluation, SupportPlan

SINCE, UNTIL = dt.date(YEAR, 4, 1), dt.date(YEAR + 1, 3, 31)


def in_year(day: dt.date | dt.datetime) -> bool:
    if isinstance(day, dt.datetime):
        day = timezone.localdate(day)
    return SINCE <= day <= UNTIL


def test_the_survey_counts_the_self_reliance_agency(year, cast, town) -> None:  # type: ignore[no-untyped-def]
    sasae = town[P.SASAE].pk
    found = report(cast.manager, SINCE, UNTIL).survey
    assert found.new == sum(
        1 for c in year.consultations if c.organization_id == sasae and in_year(c.received_at)
    )
    theirs = [c for c in year.cases if c.lead_organization_id == sasae]
    first_plans = {
        case.pk: min(p.created_at for p in SupportPlan.objects.filter(case=case))
        for case in theirs
        if SupportPlan.objects.filter(case=case).exists()
    }
    assert found.plans == sum(1 for at in first_plans.values() if in_year(at))
    employment = {
        p.case_id for p in SupportPlan.objects.filter(case__in=theirs, employment_support=True)
    }
    assert found.employment == sum(
        1
        for case_id in employment
        if in_year(
            min(
                p.created_at
                for p in SupportPlan.objects.filter(case_id=case_id, employment_support=True)
            )
        )
    )
    evaluated = [e for e in Evaluation.objects.filter(case__in=theirs) if in_year(e.evaluated_on)]
    assert found.worked == len({e.case_id for e in evaluated if e.found_work})
    assert found.worked_planned == len(
        {e.case_id for e in evaluated if e.found_work and e.case_id in employment}
    )
    assert found.raised == len({e.case_id for e in evaluated if e.income_rose})
    assert found.plans > 0 and found.employment > 0


def test_the_page_says_how_each_number_was_counted(year, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    response = client.get(f"/insights/national-report/?year={YEAR}")
    text = readable_text(response)
    assert response.status_code == 200
    for item in ("新規相談件数", "多機関協働事業", "支援会議の開催回数", "拠点数", "就労・増収率"):
        assert item in text
    assert "期間中に受け付けたすべての相談" not in text  # the dashboard's words, not the report's
    assert "対象の機関が期間中に受け付けた相談（匿名を含む）" in text
    found = report(cast.manager, SINCE, UNTIL)
    assert f"新規相談件数 {found.items[0].value}" in text


def test_the_excel_holds_the_same_numbers(year, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    download = client_for(cast.manager).get(f"/insights/national-report/?year={YEAR}&format=xlsx")
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(download.content))
    assert book.sheetnames == ["重層 実施状況", "支援状況調査", "数え方"]
    found = report(cast.manager, SINCE, UNTIL)
    values = {
        row[1]: row[2] for row in book["重層 実施状況"].iter_rows(min_row=2, values_only=True)
    }
    assert values == {item.label: item.value for item in found.items}
    survey = list(book["支援状況調査"].iter_rows(values_only=True))
    assert survey[0][:2] == ("年度・月", "新規相談受付件数")
    assert survey[1][1] == found.survey.new and survey[1][3] == found.survey.plans
    assert [row[0] for row in survey[2:]] == [
        f"{m.year}年{m.month}月分"
        for m in (dt.date(YEAR + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3))
    ]
    for row in survey[2:]:
        assert all(v in (None, "", "5未満", "秘匿") or v == 0 or v >= 5 for v in row[1:])
