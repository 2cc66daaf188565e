"""The standard sheets as A4 PDF, the caseload as Excel; every print and export audited."""

import io

import pytest
from pypdf import PdfReader

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.services import open_case
from tsunagu.intake.services import record_consultation
from tsunagu.people.services import register_person
from tsunagu.plans.services import record_assessment, record_evaluation, record_support_plan

TITLES = {"assessment": "アセスメントシート", "plan": "支援プラン", "evaluation": "評価シート"}


@pytest.fixture
def case(cast):  # type: ignore[no-untyped-def]
    person = register_person(
        actor=cast.lead_consultant, name="高橋 一郎", name_kana="たかはし いちろう"
    )
    consultation = record_consultation(
        actor=cast.lead_consultant, person=person, main_concern="家賃が払えない"
    )
    case = open_case(actor=cast.lead_consultant, consultation=consultation)
    record_assessment(actor=cast.lead_consultant, case=case, income="債務あり")
    plan = record_support_plan(
        actor=cast.lead_consultant,
        case=case,
        persons_wishes="家に住み続けたい",
        goals=["家賃を払う"],
        actions=[{"description": "給付金の申請"}],
    )
    record_evaluation(
        actor=cast.lead_consultant,
        case=case,
        plan=plan,
        next_direction="continue",
        attainments={plan.goals.get().pk: ("partly", "")},
    )
    return case


@pytest.mark.parametrize("name", ["assessment", "plan", "evaluation"])
def test_each_sheet_prints_as_pdf_and_is_audited(cast, client_for, case, name) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.lead_consultant).get(f"/cases/{case.pk}/forms/{name}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    text = pdf.pages[0].extract_text()
    assert TITLES[name] in text.replace(" ", "") and "取扱注意" in text
    assert "令和" in text and "高橋" in text
    fonts = {
        str(f["/BaseFont"]) for page in pdf.pages for f in page["/Resources"]["/Font"].values()
    }
    assert all("IPAex" in font for font in fonts), fonts
    assert AuditEvent.objects.filter(
        action="print", actor=cast.lead_consultant, detail__form=name
    ).exists()


def test_the_consultation_sheet(cast, client_for, case) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.lead_consultant).get(
        f"/consultations/{case.consultation_id}/form.pdf"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="print", object_type="intake.consultation").exists()


def _pdf_text(content: bytes) -> tuple[str, int, set[str]]:
    pdf = PdfReader(io.BytesIO(content))
    fonts = {
        str(f["/BaseFont"]) for page in pdf.pages for f in page["/Resources"]["/Font"].values()
    }
    return "".join(page.extract_text() for page in pdf.pages), len(pdf.pages), fonts


def test_the_consultation_sheet_is_the_national_form_at_any_length(  # type: ignore[no-untyped-def]
    cast, client_for, case
) -> None:
    """The 相談受付票 lists every 課題 with the ticked ones marked, ends with the 申込・同意 box,
    and a 主訴 of 20,000 characters flows across pages in full (it is not in a table cell)."""
    from tsunagu.intake.models import Consultation, Issue

    consultation = Consultation.objects.get(pk=case.consultation_id)
    consultation.issues.add(Issue.objects.get(code="debt"))
    sentence = "家賃を三か月滞納していて、大家さんから退去を求められている。"
    long_concern = (sentence * 700)[:20_000] + "最後の一文。"
    Consultation.objects.filter(pk=consultation.pk).update(main_concern=long_concern)
    response = client_for(cast.lead_consultant).get(f"/consultations/{consultation.pk}/form.pdf")
    text, pages, _fonts = _pdf_text(response.content)
    flat = text.replace("\n", "").replace(" ", "")
    assert pages >= 8 and "最後の一文。" in flat
    assert "■多重・過重債務" in flat or "■債務" in flat.replace("・", "")
    assert "□" in flat and "申込・同意" in flat and "本人署名" in flat
    assert flat.count("取扱注意") == pages, "on every page, not cut off"


def test_a_name_in_rare_characters_prints_with_the_fallback_font_only_then(  # type: ignore[no-untyped-def]
    cast, client_for
) -> None:
    person = register_person(actor=cast.lead_consultant, name="𠮷田 栁子")
    consultation = record_consultation(
        actor=cast.lead_consultant, person=person, main_concern="相談"
    )
    response = client_for(cast.lead_consultant).get(f"/consultations/{consultation.pk}/form.pdf")
    text, _pages, fonts = _pdf_text(response.content)
    assert "𠮷田" in text.replace(" ", "")
    assert any("IPAmj" in font for font in fonts), fonts


def test_other_agencies_cannot_print(cast, client_for, case) -> None:  # type: ignore[no-untyped-def]
    assert (
        client_for(cast.partner_without_consent).get(f"/cases/{case.pk}/forms/plan.pdf").status_code
        == 404
    )
    assert (
        client_for(cast.lead_consultant).get(f"/cases/{case.pk}/forms/unknown.pdf").status_code
        == 404
    )


def test_caseload_as_excel(cast, client_for, case) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    response = client_for(cast.lead_consultant).get("/cases/export.xlsx", {"status": "in_support"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("ケース番号", "対象", "状態")
    assert rows[1][1] == "高橋 一郎" and rows[1][2] == "支援中"
    # The opening date is a date (sortable), shown in 和暦 as the user chose.
    opened = sheet.cell(row=2, column=6)
    assert opened.is_date and "ggge" in opened.number_format
    export = AuditEvent.objects.get(action="export", object_type="cases.case")
    assert export.detail == {"status": "in_support"}


def test_the_excel_export_follows_the_screen_including_my_cases_only(
    cast, client_for, case
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    colleague_case = open_case(
        actor=cast.colleague, person=register_person(actor=cast.colleague, name="同僚 担当")
    )
    response = client_for(cast.lead_consultant).get("/cases/export.xlsx", {"mine": "1"})
    names = [row[1] for row in list(load_workbook(io.BytesIO(response.content)).active.values)[1:]]
    assert names == ["高橋 一郎"] and colleague_case.display_name not in names
