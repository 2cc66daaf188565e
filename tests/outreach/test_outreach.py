"""アウトリーチ: a 民生委員's thin concern, outreach with failed tries, the quiet clock moved
(not slept), engagement into a consultation and a case; the reporter only ever sees the status."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.access import masked
from tsunagu.notifications.models import Notification
from tsunagu.outreach import services
from tsunagu.outreach.models import Concern, ContactAttempt, OutreachTarget
from tsunagu.outreach.selectors import my_concerns
from tsunagu.people.services import register_person


@pytest.fixture
def concern(cast):  # type: ignore[no-untyped-def]
    return services.report_concern(
        actor=cast.reporter,
        on_behalf_of="minsei_iin",
        noticed="新聞と郵便物が一週間たまっている。夜も電気がつかない。",
        place="川辺団地3号棟の1階、角の部屋",
        urgency="soon",
    )


def test_a_reporter_sends_thin_information_and_sees_only_its_status(concern, cast) -> None:  # type: ignore[no-untyped-def]
    assert concern.person is None and concern.status == "received"
    assert list(my_concerns(cast.reporter)) == [concern]
    assert not my_concerns(cast.partner_with_consent).exists()
    with pytest.raises(ValidationError) as empty:
        services.report_concern(actor=cast.reporter, noticed="  ", on_behalf_of="neighbour")
    assert "noticed" in empty.value.message_dict
    assert Concern.objects.count() == 1


def test_outreach_until_engagement(concern, cast) -> None:  # type: ignore[no-untyped-def]
    worker = cast.coordinator
    target = services.open_target(
        actor=worker,
        concern=concern,
        label="川辺団地の70代男性",
        cadence_days=7,
        trusted="立ち飲み よりみち の店主",
    )
    concern.refresh_from_db()
    assert concern.status == "in_progress"
    for outcome in ("absent", "absent", "refused"):
        services.record_contact(
            actor=worker, target=target, method="visit", outcome=outcome, observed="玄関先にごみ袋"
        )
    assert target.stage == "not_contacted" and target.last_contact_at is None
    services.record_contact(
        actor=worker,
        target=target,
        method="via",
        via="店主",
        outcome="a_little",
        observed="店で少し話せた",
    )
    assert target.stage == "contacted"
    assert target.next_contact_on == timezone.localdate() + dt.timedelta(days=7)
    with pytest.raises(ValidationError):  # someone not yet identified cannot have a case
        services.engage(actor=worker, target=target, main_concern="足が痛くて買い物に行けない")
    target.person = register_person(actor=worker, name="村田 清")
    target.save()
    case = services.engage(actor=worker, target=target, main_concern="足が痛くて買い物に行けない")
    target.refresh_from_db()
    assert target.stage == "engaged" and target.case == case
    assert case.consultation.main_concern == "足が痛くて買い物に行けない"
    # The case keeps the way back to the whole outreach history.
    assert list(case.outreach_targets.all()) == [target]
    concern.refresh_from_db()
    assert concern.status == "connected"


def test_bad_input_is_refused_and_nothing_saved(concern, cast, town) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as zero:
        services.open_target(actor=cast.coordinator, label="x", cadence_days=0)
    assert "cadence_days" in zero.value.message_dict
    stranger = register_person(actor=cast.partner_without_consent, name="他機関 だけが知る人")
    # Someone only another agency knows is answered as someone who does not exist.
    with pytest.raises(Http404):
        services.link_concern(actor=cast.coordinator, concern=concern, person=stranger)
    target = services.open_target(actor=cast.coordinator, label="x")
    with pytest.raises(ValidationError) as future:
        services.record_contact(
            actor=cast.coordinator,
            target=target,
            method="visit",
            outcome="talked",
            occurred_at=timezone.now() + dt.timedelta(days=1),
        )
    assert "occurred_at" in future.value.message_dict
    assert not ContactAttempt.objects.exists()
    with pytest.raises(PermissionDenied):
        services.open_target(actor=cast.reporter, label="x")
    assert OutreachTarget.objects.count() == 1


def test_a_quiet_target_goes_to_the_coordinator_after_90_days(concern, cast) -> None:  # type: ignore[no-untyped-def]
    target = services.open_target(
        actor=cast.coordinator, concern=concern, label="川辺団地の70代男性"
    )
    services.record_contact(actor=cast.coordinator, target=target, method="visit", outcome="talked")
    start = timezone.now()
    with time_machine.travel(start + dt.timedelta(days=89)):
        assert services.raise_dormant_targets() == 0
    with time_machine.travel(start + dt.timedelta(days=91)):
        # Failed tries do not count as contact.
        services.record_contact(
            actor=cast.coordinator, target=target, method="visit", outcome="absent"
        )
        assert services.raise_dormant_targets() == 1
        assert services.raise_dormant_targets() == 0  # once
    target.refresh_from_db()
    assert target.review_due
    assert Notification.objects.filter(user=cast.coordinator, kind="escalation").exists()
    services.review_target(actor=cast.coordinator, target=target, review="support_meeting")
    target.refresh_from_db()
    assert not target.review_due and target.review == "support_meeting"


def test_the_reporter_cannot_read_a_target_or_a_case(concern, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    target = services.open_target(
        actor=cast.coordinator, concern=concern, label="川辺団地の70代男性"
    )
    reporter = client_for(cast.reporter)
    assert reporter.get(f"/outreach/targets/{target.pk}/").status_code == 404
    assert reporter.get(f"/outreach/concerns/{concern.pk}/").status_code == 404
    from tsunagu.cases.services import open_case

    case = open_case(
        actor=cast.coordinator, person=register_person(actor=cast.coordinator, name="村田 清")
    )
    assert reporter.get(f"/cases/{case.pk}/").status_code == 404
    page = reporter.get("/outreach/concerns/mine/").content.decode()
    assert "郵便物が一週間たまっている" in page and "対応中" in page and "70代男性" not in page


def test_the_worker_s_day_round_sheet_and_figures(concern, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    worker = client_for(cast.coordinator)
    response = worker.post(
        f"/outreach/concerns/{concern.pk}/",
        {
            "action": "target",
            "label": "川辺団地の70代男性",
            "cadence_days": "7",
            "trusted": "立ち飲み よりみち の店主",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target = OutreachTarget.objects.get()
    bad = worker.post(
        f"/outreach/targets/{target.pk}/",
        {"action": "contact", "method": "via", "outcome": "talked"},
    )
    assert bad.status_code == 400 and not ContactAttempt.objects.exists()  # through whom?
    ok = worker.post(
        f"/outreach/targets/{target.pk}/",
        {
            "action": "contact",
            "method": "visit",
            "outcome": "absent",
            "observed": "郵便受けがあふれている",
            "next_step": "手紙を入れる",
        },
    )
    assert ok.status_code == 302
    OutreachTarget.objects.filter(pk=target.pk).update(next_contact_on=timezone.localdate())
    day = worker.get("/outreach/").content.decode()
    assert "川辺団地の70代男性" in day and "不在" in day
    pdf = worker.get("/outreach/round.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace(
        "\n", ""
    )
    assert "取扱注意" in text and "よりみち" in text and "手紙を入れる" in text
    figures = worker.get("/outreach/figures/").content.decode()
    assert "対象数" in figures and "計" in figures
    export = worker.get("/outreach/figures/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    rate = sheet.cell(row=2, column=sheet.max_column)
    assert rate.number_format == "0.0%", "a rate reads as a percentage, not 0.333"


def test_triage_links_a_concern_to_someone_the_agency_knows(concern, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    known = register_person(actor=cast.coordinator, name="髙木 ヨシ")
    worker = client_for(cast.coordinator)
    page = worker.get(f"/outreach/concerns/{concern.pk}/", {"name": "高木 ヨシ"}).content.decode()
    assert "髙木 ヨシ" in page  # 高 typed, 髙 found
    response = worker.post(
        f"/outreach/concerns/{concern.pk}/", {"action": "link", "person": known.pk}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.person == known and concern.status == "in_progress"
    figures = worker.get(
        "/outreach/figures/", {"since": "R8.4.1", "until": "令和8年12月31日"}
    ).content.decode()
    assert "令和8年4月1日" in figures and "令和8年12月31日" in figures


def test_linking_someone_another_agency_knows_answers_as_for_nobody(  # type: ignore[no-untyped-def]
    concern, cast, client_for
) -> None:
    """An existence oracle closed: a person only another agency recorded, and a number that
    names nobody, answer the same 404, on the page and in the API, and nothing is linked."""
    stranger = register_person(actor=cast.partner_without_consent, name="他機関 だけが知る人")
    worker = client_for(cast.coordinator)
    url = f"/outreach/concerns/{concern.pk}/"
    answers = [
        worker.post(url, {"action": "link", "person": pk}) for pk in (stranger.pk, stranger.pk + 99)
    ]
    assert [a.status_code for a in answers] == [404, 404]
    assert masked(answers[0].content.decode()) == masked(answers[1].content.decode())
    api = [
        worker.post(
            "/api/v1/outreach/targets",
            {"label": "見守り", "person_id": pk},
            content_type="application/json",
        )
        for pk in (stranger.pk, stranger.pk + 99)
    ]
    assert [a.status_code for a in api] == [404, 404] and api[0].json() == api[1].json()
    concern.refresh_from_db()
    assert concern.person is None


def test_no_page_links_to_what_its_reader_may_not_open(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """A crawl of the demo as every persona found these links ending in 404."""
    manager = client_for(cast.manager)
    assert 'href="/consultations/new/"' not in manager.get("/consultations/").content.decode()
    assert 'href="/meetings/new/"' not in manager.get("/meetings/").content.decode()
    assert 'href="/outreach/figures/"' in manager.get("/").content.decode()
    assert manager.get("/outreach/figures/").status_code == 200
    consultant = client_for(cast.lead_consultant)
    assert 'href="/outreach/concerns/"' not in consultant.get("/outreach/").content.decode()
    assert consultant.get("/outreach/concerns/").status_code == 404
    assert 'href="/outreach/concerns/"' in client_for(cast.coordinator).get("/outreach/").text
