"""The national standard sheets for a case (アセスメントシート, 支援プラン, 評価シート) and the
caseload as Excel. Every print and export is audited."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tsunagu.accounts.models import User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.cases.selectors import CASELOAD_EXPORT, disclose, printed, read_caseload
from tsunagu.plans import selectors as plans
from tsunagu.sharing.access import CaseAccess

CASE_FORMS = ("assessment", "plan", "evaluation")


def case_form(
    user: User, access: CaseAccess, name: str, *, api: bool = False
) -> tuple[str, dict[str, Any]]:
    """The template and context of one sheet of a case, with only what the user may see;
    404 when the case has no such sheet (that the user may see). The print is audited, and
    for another agency it is a disclosure of what the sheet carries."""
    case = access.case
    context: dict[str, Any] = {"case": case, "access": access}
    obj: Any
    shown: list[Any] = []
    if name == "assessment":
        obj = context["assessment"] = plans.latest_assessment(case)
        if obj is not None:
            context["areas"] = plans.assessment_areas(obj, access)
            shown = [a for a in context["areas"] if a.visible and a.text]
    elif name == "plan":
        obj = context["plan"] = plans.latest_plan(access)
        shown = [obj] if obj else []
    elif name == "evaluation":
        evaluations = plans.evaluations_of(access)
        obj = context["evaluation"] = evaluations[0] if evaluations else None
        shown = [obj.plan] if obj else []
    else:
        raise Http404
    if obj is None or not access.reads_content:
        raise Http404
    record_event(
        actor=user,
        action="print",
        obj=obj,
        legal_basis=access.legal_basis,
        detail={"form": name, "case": case.pk},
    )
    disclose(user, access, printed(name, api=api), shown)
    return f"documents/{name}.html", context


CASELOAD_HEADER = [
    "ケース番号",
    "対象",
    "状態",
    "主担当機関",
    "主担当",
    "開始日",
    "終結日",
    "リスク",
]


def caseload_rows(
    user: User, cases: QuerySet[Case], filters: dict[str, Any]
) -> Iterator[list[Any]]:
    """ケース一覧 for Excel, in 和暦. The export is audited with its filters."""
    record_event(
        actor=user,
        action="export",
        object_type="cases.case",
        legal_basis=LegalBasis.OWN_ORGANIZATION,
        detail={k: str(v) for k, v in filters.items() if v},
    )
    batch: list[Case] = []
    for case in cases.iterator(chunk_size=500):
        batch.append(case)
        if len(batch) == 500:
            yield from _caseload_batch(user, batch)
            batch = []
    yield from _caseload_batch(user, batch)


def _caseload_batch(user: User, cases: list[Case]) -> Iterator[list[Any]]:
    cards = read_caseload(user, cases, what=CASELOAD_EXPORT, audit=False)
    for case in cases:
        card = cards[case.pk]
        yield [
            case.pk,
            card.title,
            case.get_status_display(),
            case.lead_organization.name,
            case.lead_worker.display_name,
            case.opened_on,
            case.closed_on or "",
            "、".join(card.risk_labels),
        ]
