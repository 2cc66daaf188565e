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
    assert rows[1][1] == "高橋 一郎" and rows[1][2] == "支援中" and rows[1][5].startswith("令和")
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
