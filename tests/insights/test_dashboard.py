"""管理職のダッシュボード: the year's figures equal what the records say, counted again here by
hand; the 主管課 sees every agency and other managers their own; no page or file shows a count
from 1 to 4 in a breakdown, a person or a link to a case; a bad period is refused."""

import datetime as dt
import io
import re
from collections import Counter

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests import personas as P
from tests.authorization.markers import readable_text
from tests.insights.conftest import YEAR
from tsunagu.audit.models import AuditEvent
from tsunagu.insights.dashboard import dashboard
from tsunagu.intake.choices import Channel
from tsunagu.referrals.models import Referral

SINCE, UNTIL = dt.date(YEAR, 4, 1), dt.date(YEAR + 1, 3, 31)
QUERY = f"?year={YEAR}"


def in_year(consultations, organizations=None):  # type: ignore[no-untyped-def]
    return [
        c
        for c in consultations
        if SINCE <= timezone.localdate(c.received_at) <= UNTIL
        and (organizations is None or c.organization_id in organizations)
    ]


def shown(n: int) -> str:
    return f"{n:,}" if n >= 5 or n == 0 else "5未満"


def test_the_figures_equal_the_records(year, cast) -> None:  # type: ignore[no-untyped-def]
    board = dashboard(cast.manager, SINCE, UNTIL)
    mine = in_year(year.consultations)
    assert board.scope.everyone
    assert board.figure("consultations").value == f"{len(mine):,}"
    several = sum(1 for c in mine if c.issues.count() >= 2)
    assert board.figure("several_issues").value == f"{several / len(mine) * 100:.1f}%"
    # The month of each consultation in 日本時間 (a call at 23:30 on 31 May is May's).
    months = Counter(timezone.localdate(c.received_at).month for c in mine)
    by_month = board.breakdown("consultations_by_month")
    assert [line.cell.count for line in by_month.lines] == [
        months[m] for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    ]
    channels = Counter(c.channel for c in mine)
    by_channel = board.breakdown("consultations_by_channel")
    assert [line.cell.count for line in by_channel.lines] == [channels[v] for v in Channel.values]
    districts = Counter(c.person.district.name for c in mine if c.person and c.person.district)
    by_district = {
        line.label: line.cell.count for line in board.breakdown("consultations_by_district").lines
    }
    assert {k: v for k, v in by_district.items() if k != "—"} == dict(districts)
    responded = [c for c in mine if c.first_response_at]
    within_a_day = sum(
        1 for c in responded if c.first_response_at - c.received_at <= dt.timedelta(days=1)
    )
    first = board.breakdown("first_contact").lines
    assert first[0].cell.count == within_a_day
    assert first[-1].cell.count == len(mine) - len(responded)
    decided = [
        c for c in year.cases if c.support_decided_on and SINCE <= c.support_decided_on <= UNTIL
    ]
    assert board.figure("support_decided").value == f"{len(decided):,}"
    sent = [r for r in Referral.objects.all() if SINCE <= timezone.localdate(r.sent_at) <= UNTIL]
    assert board.figure("referrals").value == f"{len(sent):,}"
    statuses = Counter(r.status for r in sent)
    assert {
        line.label: line.cell.count for line in board.breakdown("referrals_by_status").lines
    } == {label: statuses[value] for value, label in Referral._meta.get_field("status").choices}


def test_the_lead_section_sees_every_agency_and_a_manager_his_own(year, cast, town) -> None:  # type: ignore[no-untyped-def]
    everyone = dashboard(cast.manager, SINCE, UNTIL)
    sasae = dashboard(cast_lead_manager(cast, town), SINCE, UNTIL)
    assert not sasae.scope.everyone and P.SASAE in sasae.scope.label
    assert (
        sasae.figure("consultations").value
        == f"{len(in_year(year.consultations, {town[P.SASAE].pk})):,}"
    )
    assert int(everyone.figure("consultations").value.replace(",", "")) > int(
        sasae.figure("consultations").value.replace(",", "")
    )
    # The rate per 100,000 is the whole town's: not shown for one agency.
    assert sasae.figure("consultations_per_100k").value == "—"
    people = 4200 + 6100 + 1700
    expected = len(in_year(year.consultations)) / people * 100_000 / 365 * (365.25 / 12)
    assert everyone.figure("consultations_per_100k").value == f"{expected:.1f}"


def cast_lead_manager(cast, town):  # type: ignore[no-untyped-def]
    from tests.fixtures import make_user

    return make_user(P.LEAD_MANAGER, town)


def test_no_page_shows_a_small_cell_a_person_or_a_case(year, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    for url in (f"/insights/{QUERY}", f"/insights/national-report/{QUERY}"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert not re.search(r"/cases/\d+", page)
        for person in year.people:
            assert person.name not in page
    # Every count in a breakdown's table is 0, 5 or more, or 「5未満」.
    page = client.get(f"/insights/{QUERY}").content.decode()
    counts = re.findall(r'<td class="number count">([^<]*)</td>', page)
    assert "5未満" in counts
    assert all(
        text in ("5未満", "秘匿") or int(text.replace(",", "")) in (0, *range(5, 10**6))
        for text in counts
    )
    board = dashboard(cast.manager, SINCE, UNTIL)
    for section in board.sections:
        for b in section.breakdowns:
            for line in b.lines:
                assert str(line.cell) == shown(line.cell.count) or line.cell.concealed
    # The same in the Excel download, which leaves an audit row.
    before = AuditEvent.objects.count()
    download = client.get(f"/insights/{QUERY}&format=xlsx")
    assert download.status_code == 200 and AuditEvent.objects.count() == before + 1
    book = load_workbook(io.BytesIO(download.content))
    for sheet in book.worksheets[1:]:
        for table, line, count, hidden, _rate in sheet.iter_rows(min_row=2, values_only=True):
            if line != "計" and line != "Total":
                assert count is None and hidden in ("5未満", "秘匿") or count == 0 or count >= 5, (
                    table,
                    line,
                    count,
                )


def test_a_bad_period_is_refused_with_what_to_fix(cast, lead_section, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    backwards = client.get("/insights/?since=令和8年5月1日&until=令和8年4月1日")
    assert backwards.status_code == 400
    assert "終了日は開始日と同じ日かそれより後にしてください" in readable_text(backwards)
    era_zero = client.get("/insights/?since=令和0年4月1日")
    assert era_zero.status_code == 400 and "1（元年）から始まります" in readable_text(era_zero)
    too_long = client.get("/insights/national-report/?since=2015-04-01&until=2026-03-31")
    assert too_long.status_code == 400 and "期間は5年以内で" in readable_text(too_long)
    assert client.get("/insights/?year=abc").status_code == 400


def test_who_may_open_the_figures(cast, lead_section, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(cast.manager).get("/insights/").status_code == 200
    assert client_for(cast.coordinator).get("/insights/").status_code == 200
    for user in (cast.lead_consultant, cast.auditor, cast.reporter, cast.admin):
        assert client_for(user).get("/insights/").status_code == 404
    assert client_for(None).get("/insights/").status_code == 302


@pytest.mark.parametrize("url", ["/insights/", "/insights/national-report/"])
def test_the_pages_fit_a_phone_and_print(url, cast, lead_section, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(cast.manager).get(url).content.decode()
    assert 'role="img"' in page or "national" in url
    assert "<table" in page


def test_the_api_gives_the_same_figures(year, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests.fixtures import token_for

    client = client_for(None)
    headers = {"Authorization": f"Bearer {token_for(cast.manager)}"}
    answer = client.get(f"/api/v1/figures?year={YEAR}", headers=headers)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    board = dashboard(cast.manager, SINCE, UNTIL)
    assert body["all_agencies"] and body["since"] == SINCE.isoformat()
    months = next(
        b for s in body["sections"] for b in s["breakdowns"] if b["key"] == "consultations_by_month"
    )
    assert [line["count"] for line in months["lines"]] == [
        line.cell.value for line in board.breakdown("consultations_by_month").lines
    ]
    assert all(
        line["count"] is None or line["count"] == 0 or line["count"] >= 5
        for line in months["lines"]
    )
    refused = client.get("/api/v1/figures?since=R8.5.1&until=R8.4.1", headers=headers)
    assert refused.status_code == 422 and "開始日" in refused.content.decode()
    report = client.get(f"/api/v1/national-report?year={YEAR}", headers=headers).json()
    assert report["items"][0]["key"] == "new_consultations"
