"""The authorization table: every route of the resolver and every operation of the OpenAPI
document, each with how to build its request and what every persona gets (rules.py says the
rules; world.py who the personas are). A route without a row fails test_every_route_has_a_row.

Reading a cell: `read("name", "risk")` = 200, one audit row, those markers shown;
`read("work", via=C.SCHOOL_WORK)` = the same through another agency's path, with one
disclosure of 就学・就労; `quiet()` = 200 with no personal data, nothing audited;
`wrote(changes=1)` = the write happened; REFUSED = 403 and nothing changed; NOT_FOUND = 404 and
nothing changed, exactly as for an id that does not exist."""

import datetime as dt
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.authorization.rules import (
    ADMIN_LOGIN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    REFUSED,
    UNAUTHORIZED,
    Expect,
    Row,
    api,
    case_write,
    cells,
    quiet,
    read,
    wrote,
)
from tsunagu.sharing.choices import InfoCategory as C

W = C.SCHOOL_WORK  # the partner's one category
#: The 支援会議's item carries 属性・家族関係 and 生活歴・課題; the 重層's item 就学・就労.
SUPPORT_ITEM = C.FAMILY | C.HISTORY
#: What the case's overview tab shows its writer (every kind of content of the case).
OVERVIEW = ("name", "risk", "issue", "family", "health", "work", "money", "welfare", "history")


def _count(model_path: str, **filters: object):  # type: ignore[no-untyped-def]
    """A counter of rows of a model (filters may name world ids as "{id}")."""

    def count(ids):  # type: ignore[no-untyped-def]
        from django.apps import apps

        model = apps.get_model(model_path)
        resolved = {
            k: getattr(ids, v[1:-1]) if isinstance(v, str) and v.startswith("{") else v
            for k, v in filters.items()
        }
        return model._default_manager.filter(**resolved).count()

    return count


NOT_LISTED = quiet(hides=("case_link",))


def only_the_lead_finds(*shows: str, others: Expect = NOT_LISTED) -> dict[str, Expect]:
    """A filter by what only the lead agency may see (the risk flags, the issues): the lead
    finds the case, nobody else does (a filter that found it would tell what it hides)."""
    return cells(NOT_FOUND, case_workers=others, managers=others, lead=read(*shows))


def _today() -> str:
    return timezone.localdate().isoformat()


def _file(name: str = "shiryou.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 matrix upload")


def _inventory_file() -> SimpleUploadedFile:
    """A workbook of one programme (庁内事業の棚卸し)."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["年度", "課", "事業名", "機能"])
    sheet.append([2026, "商工観光課", "空き店舗活用事業", "居場所"])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("tanaoroshi.xlsx", buffer.getvalue())


# -- Core, accounts, audit ------------------------------------------------------------------------

CORE = [
    # ホーム: every signed-in user; the panels show what is theirs (no personal data of cases
    # they may not read).
    # The writer's day names the visits due (read, audited); a reporter sees her own reports.
    # The lead agency's urgent call waits at the top of its workers' and manager's home (one
    # more audited listing).
    Row(
        "",
        "/",
        cells(
            quiet(),
            writer=read("name", "household", "urgent_call", audit=2),
            lead_manager=read("urgent_call"),
            reporter=read("concern"),
        ),
    ),
    Row("healthz", "/healthz", cells(quiet(), anonymous=quiet())),
]

ACCOUNTS = [
    Row(
        "accounts/login/",
        "/accounts/login/",
        cells(Expect(302, location="/"), anonymous=quiet()),
    ),
    Row("accounts/logout/", "/accounts/logout/", cells(NOT_ALLOWED, anonymous=NOT_ALLOWED)),
    Row(
        "accounts/logout/",
        "/accounts/logout/",
        cells(Expect(302, audit=1, location="/accounts/login/")),
        method="POST",
    ),
    # No password typed before: back to the sign-in page, for everyone alike.
    Row("accounts/verify/", "/accounts/verify/", cells(LOGIN)),
    Row("accounts/two-factor/", "/accounts/two-factor/", cells(Expect(302, location="/"))),
    Row("accounts/preferences/", "/accounts/preferences/", cells(quiet())),
    # 役割の確認: a role given in an agency waits for that agency's manager; no other manager
    # sees it (404 as for one that does not exist).
    Row("accounts/roles/pending/", "/accounts/roles/pending/", cells(NOT_FOUND, managers=quiet())),
    Row(
        "accounts/roles/<int:membership_id>/decide/",
        "/accounts/roles/{pending_role}/decide/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    Row(
        "accounts/roles/<int:membership_id>/decide/",
        "/accounts/roles/{pending_role}/decide/",
        cells(NOT_FOUND, lead_manager=wrote(audit=1)),
        method="POST",
        data=lambda i: {"decision": "confirm"},
        counts=_count("accounts.Membership", pk="{pending_role}", is_active=True),
    ),
    Row(
        "accounts/preferences/",
        "/accounts/preferences/",
        cells(wrote()),
        method="POST",
        data=lambda i: {"date_style": "seireki"},
        counts=_count("accounts.User", date_style="seireki"),
    ),
    # APIトークン: one's own tokens only; issuing one is a write of one's own; another's token
    # answers 404 as a missing one.
    Row("accounts/tokens/", "/accounts/tokens/", cells(quiet())),
    Row(
        "accounts/tokens/",
        "/accounts/tokens/",
        cells(wrote()),
        method="POST",
        data=lambda i: {"action": "issue", "name": "月次集計", "days": "30", "read_only": "on"},
        counts=_count("accounts.ApiToken"),
        label="issue",
    ),
    Row(
        "accounts/tokens/",
        "/accounts/tokens/",
        cells(NOT_FOUND, writer=wrote()),
        method="POST",
        data=lambda i: {"action": "revoke", "token": i.token},
        counts=_count("accounts.ApiToken", revoked_at__isnull=False),
        label="revoke",
        keys=("token",),
    ),
]

AUDIT = [
    # The auditor's search of the log is itself audited. The log names objects, never their
    # content (a document's kind, not its title; no note, no name).
    Row("audit/", "/audit/", cells(NOT_FOUND, auditor=read())),
    Row("audit/export.csv", "/audit/export.csv", cells(NOT_FOUND, auditor=read())),
    Row("audit/verify/", "/audit/verify/", cells(NOT_ALLOWED, anonymous=NOT_ALLOWED)),
    Row(
        "audit/verify/",
        "/audit/verify/",
        cells(NOT_FOUND, auditor=wrote()),
        method="POST",
        counts=_count("audit.ChainVerification"),
    ),
]

# -- 相談受付 ---------------------------------------------------------------------------------------

# The lead agency's own consultations: its workers and its manager; nobody else, not even the
# agencies on the case's team (a consultation is not shared by the case's consent).
OWN = cells(
    NOT_FOUND,
    lead=read("consultation", "name", "risk"),
)

INTAKE = [
    # Each agency sees its own list; only the lead's shows personal data (of its own calls).
    Row(
        "consultations/",
        "/consultations/",
        cells(
            NOT_FOUND,
            case_workers=quiet(),
            managers=quiet(),
            lead=read("consultation", "risk"),
        ),
    ),
    Row("consultations/new/", "/consultations/new/", cells(NOT_FOUND, case_workers=quiet())),
    # 緊急・未対応: the lead agency's urgent call, for its worker and its manager; the others'
    # queues hold nothing of it.
    Row(
        "cases/urgent/",
        "/cases/urgent/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet(), lead=read("urgent_call")),
    ),
    # 断らない相談: every case worker records a consultation of their own agency.
    Row(
        "consultations/new/",
        "/consultations/new/",
        cells(NOT_FOUND, case_workers=wrote()),
        method="POST",
        data=lambda i: {
            "main_concern": "家計のことで相談したい",
            "channel": "phone",
            "consulted_by": "self",
            "urgency": "normal",
            "consent_to_share": "unknown",
            "disposition": "pending",
        },
        counts=_count("intake.Consultation"),
    ),
    Row("consultations/<int:pk>/", "/consultations/{consultation}/", OWN),
    # A print: one audit row (the print), not a view and a print.
    Row("consultations/<int:pk>/form.pdf", "/consultations/{consultation}/form.pdf", OWN),
    Row(
        "consultations/<int:pk>/identify/",
        "/consultations/{anonymous_call}/identify/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    Row(
        "consultations/<int:pk>/identify/",
        "/consultations/{anonymous_call}/identify/",
        cells(NOT_FOUND, writer=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"person": i.person},
        keys=("anonymous_call", "person"),
        counts=_count("intake.Consultation", pk="{anonymous_call}", person__isnull=False),
    ),
    Row(
        "consultations/<int:pk>/disposition/",
        "/consultations/{consultation}/disposition/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    # 記録の訂正 of a consultation: the lead agency's worker; its manager may not write.
    Row(
        "consultations/<int:pk>/correct/",
        "/consultations/{consultation}/correct/",
        cells(NOT_FOUND, writer=read("consultation"), lead_manager=REFUSED),
    ),
    Row(
        "consultations/<int:pk>/correct/",
        "/consultations/{consultation}/correct/",
        cells(NOT_FOUND, writer=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {
            "main_concern": "本人から夜間に何度も電話がある（訂正）",
            "channel": "phone",
            "consulted_by": "family",
            "urgency": "normal",
            "consent_to_share": "yes",
            "reason": "来談者を訂正",
        },
        counts=_count("core.Revision"),
    ),
    Row(
        "consultations/<int:pk>/first-response/",
        "/consultations/{urgent_call}/first-response/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    # 初動対応: the lead agency's worker records it; its manager may not write.
    Row(
        "consultations/<int:pk>/first-response/",
        "/consultations/{urgent_call}/first-response/",
        cells(NOT_FOUND, writer=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"first_response": "折り返し電話し、安全を確認した"},
        counts=_count("intake.Consultation", pk="{urgent_call}", first_response_at__isnull=False),
    ),
    Row(
        "consultations/<int:pk>/disposition/",
        "/consultations/{consultation}/disposition/",
        cells(NOT_FOUND, writer=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"disposition": "information", "response": "制度を案内した"},
        counts=_count("intake.Consultation", pk="{consultation}", disposition="information"),
    ),
]

# -- 本人・世帯 -------------------------------------------------------------------------------------

PEOPLE = [
    # A search for a name is audited (what it returned, not what was typed), found or not.
    Row(
        "people/candidates/",
        "/people/candidates/?name=紬木 瑠璃子",
        cells(NOT_FOUND, case_workers=read(), writer=read("name")),
    ),
    # 本人一覧・世帯一覧: the people an agency recorded (the lead: the person; 川辺: the mother).
    Row(
        "people/",
        "/people/",
        cells(
            NOT_FOUND,
            case_workers=quiet(),
            managers=quiet(),
            lead=read("name"),
            partner=read(),
        ),
    ),
    Row(
        "people/households/",
        "/people/households/",
        cells(
            NOT_FOUND,
            case_workers=quiet(),
            managers=quiet(),
            lead=read("household"),
            partner=read("household"),
        ),
    ),
    Row("people/new/", "/people/new/", cells(NOT_FOUND, case_workers=quiet())),
    Row(
        "people/new/",
        "/people/new/",
        cells(NOT_FOUND, case_workers=wrote()),
        method="POST",
        data=lambda i: {"name": "新規 花子"},
        counts=_count("people.Person"),
    ),
    # The person is known to the lead agency only: being on the case's team does not open the
    # person's page (the name is 属性・家族関係, outside the partner's consent).
    Row(
        "people/<int:pk>/",
        "/people/{person}/",
        cells(NOT_FOUND, lead=read("name")),
    ),
    # The mother is known to 川辺地域包括 itself: her page, her household's name, nothing of her
    # child's case.
    Row(
        "people/<int:pk>/",
        "/people/{mother}/",
        cells(
            NOT_FOUND,
            lead=read("household"),
            partner=read("household"),
        ),
        label="the mother",
    ),
    # 本人情報の訂正: an agency that recorded the person; a manager may not write.
    Row(
        "people/<int:pk>/correct/",
        "/people/{person}/correct/",
        cells(NOT_FOUND, writer=read("name"), lead_manager=REFUSED),
    ),
    Row(
        "people/<int:pk>/correct/",
        "/people/{person}/correct/",
        cells(NOT_FOUND, writer=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"name": "紬木 瑠璃子", "address": "つなぐ町駅前一丁目1番1号"},
        counts=_count("core.Revision"),
    ),
    Row(
        "people/households/new/",
        "/people/households/new/?person={person}",
        cells(NOT_FOUND, writer=read("name")),
        keys=("person",),
    ),
    Row(
        "people/households/new/",
        "/people/households/new/?person={person}",
        cells(NOT_FOUND, writer=wrote(audit=3)),
        method="POST",
        data=lambda i: {"name": "新しい世帯", "relationship": "head"},
        keys=("person",),
        counts=_count("people.Household"),
    ),
    # 世帯の全体像: each member as far as the reader knows them. 川辺地域包括 knows the mother:
    # it sees her, not her child's name, risks or issues.
    Row(
        "people/households/<int:pk>/",
        "/people/households/{household}/",
        cells(
            NOT_FOUND,
            lead=read("name", "risk", "issue"),
            partner=read("household"),
        ),
    ),
    # 世帯情報の訂正: an agency that recorded a member (川辺地域包括 knows the mother).
    Row(
        "people/households/<int:pk>/correct/",
        "/people/households/{household}/correct/",
        cells(NOT_FOUND, writer=read("household"), partner=read("household"), lead_manager=REFUSED),
    ),
    Row(
        "people/households/<int:pk>/correct/",
        "/people/households/{household}/correct/",
        cells(NOT_FOUND, writer=wrote(audit=1), partner=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"name": "紬木さん世帯（訂正）", "address": "つなぐ町川辺二丁目3番"},
        counts=_count("core.Revision"),
    ),
    # A member: only an agency that recorded that member (the partner does not know the person).
    Row(
        "people/households/<int:pk>/members/<int:person_id>/correct/",
        "/people/households/{household}/members/{person}/correct/",
        cells(NOT_FOUND, writer=read("name", "household"), lead_manager=REFUSED),
    ),
    Row(
        "people/households/<int:pk>/members/<int:person_id>/correct/",
        "/people/households/{household}/members/{person}/correct/",
        cells(NOT_FOUND, writer=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"relationship": "grandchild", "reason": "続柄の入力誤り"},
        counts=_count("core.Revision"),
    ),
    Row(
        "people/households/<int:pk>/members/",
        "/people/households/{household}/members/",
        cells(NOT_FOUND, writer=read("name"), partner=read("household"), lead_manager=REFUSED),
    ),
    # Both agencies that know the household may add who moves in.
    Row(
        "people/households/<int:pk>/members/",
        "/people/households/{household}/members/",
        cells(NOT_FOUND, writer=wrote(audit=2), partner=wrote(audit=2), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"name": "紬木 一郎", "relationship": "sibling"},
        counts=_count("people.HouseholdMember"),
    ),
]

# -- ケース -----------------------------------------------------------------------------------------

# The case pages: the writer and the lead's manager read everything; the partner the 就学・就労
# content (one disclosure); a team member without consent and a pledged 支援会議 attendee the
# case's existence, its number, the lead and whom to call (an audited view, no disclosure).
EXISTS = read(hides=OVERVIEW)


def case_page(lead: Expect, partner: Expect, *, knows: Expect = EXISTS) -> dict[str, Expect]:
    return cells(
        NOT_FOUND, writer=lead, lead_manager=lead, partner=partner, team=knows, pledged=knows
    )


CASES = [
    # The caseload: each case the reader may know, by number where the name is not theirs to
    # read; the risk flags only where 生活歴・課題 is.
    Row(
        "cases/",
        "/cases/",
        cells(
            NOT_FOUND,
            case_workers=quiet(),
            managers=quiet(),
            lead=read("name", "risk", "case_link"),
            # A list of records is audited once, with what it listed, whenever it lists any
            # (even by number only).
            partner=read("case_link"),
            team=read("case_link"),
            pledged=read("case_link"),
        ),
    ),
    # A filter by risk or issue must not find a case by what the reader may not see.
    Row(
        "cases/",
        "/cases/?risk=dv",
        only_the_lead_finds("name", "risk", "case_link"),
        label="risk filter",
    ),
    Row(
        "cases/",
        "/cases/?issue={debt_issue}",
        only_the_lead_finds("name", "case_link"),
        label="issue filter",
        keys=(),
    ),
    Row(
        "cases/new/",
        "/cases/new/?person={person}",
        # The person's open case is named on the form (a second audited listing).
        cells(NOT_FOUND, writer=read("name", audit=2)),
        keys=("person",),
    ),
    # The person has an open case: a second one is opened only when asked for …
    Row(
        "cases/new/",
        "/cases/new/",
        cells(NOT_FOUND, writer=Expect(400, audit=2, changes=0, shows=frozenset({"name"}))),
        method="POST",
        data=lambda i: {"person": i.person, "title": ""},
        keys=("person",),
        counts=_count("cases.Case"),
        label="a second case, not asked for",
    ),
    Row(
        "cases/new/",
        "/cases/new/",
        cells(NOT_FOUND, writer=wrote(audit=3)),
        method="POST",
        data=lambda i: {"person": i.person, "title": "", "second_case": "on"},
        keys=("person",),
        counts=_count("cases.Case"),
    ),
    # An export is a file: always audited. Risk flags only where 生活歴・課題 is.
    Row(
        "cases/export.xlsx",
        "/cases/export.xlsx",
        cells(
            NOT_FOUND,
            case_workers=read(),
            managers=read(),
            lead=read("name", "risk"),
        ),
    ),
    Row(
        "cases/export.xlsx",
        "/cases/export.xlsx?risk=dv",
        only_the_lead_finds("name", "risk", others=read(hides=("case_link",))),
        label="risk filter",
        keys=(),
    ),
    # The standard sheets: a print (one audit row); the partner's assessment sheet shows the
    # work area only, and is disclosed as such. A sheet that shows the reader nothing is 404,
    # and a 404 writes nothing.
    Row(
        "cases/<int:pk>/forms/<slug:name>.pdf",
        "/cases/{case}/forms/assessment.pdf",
        case_page(read("work", "money", "history"), read("work", via=W), knows=NOT_FOUND),
        label="assessment",
    ),
    Row(
        "cases/<int:pk>/forms/<slug:name>.pdf",
        "/cases/{case}/forms/plan.pdf",
        case_page(read("plan"), NOT_FOUND, knows=NOT_FOUND),
        label="plan",
    ),
    Row(
        "cases/<int:pk>/forms/<slug:name>.pdf",
        "/cases/{case}/forms/evaluation.pdf",
        case_page(read("evaluation"), NOT_FOUND, knows=NOT_FOUND),
        label="evaluation",
    ),
    Row(
        "cases/<int:pk>/",
        "/cases/{case}/",
        case_page(
            read(*OVERVIEW, "attachment_money", "attachment_work"),
            read("work", "attachment_work", via=W),
        ),
    ),
    Row(
        "cases/<int:pk>/support/",
        "/cases/{case}/support/",
        case_page(read("work", "money", "history", "plan", "evaluation"), read("work", via=W)),
    ),
    # The team, the consents and the referrals are no categorized content: no disclosure.
    Row(
        "cases/<int:pk>/collaboration/",
        "/cases/{case}/collaboration/",
        case_page(read("name"), read(), knows=read()),
    ),
    Row("cases/<int:pk>/notes/", "/cases/{case}/notes/", case_write(read("name"))),
    Row(
        "cases/<int:pk>/notes/",
        "/cases/{case}/notes/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {"method": "visit", "body": "電話で近況を聞いた", "categories": ["32"]},
        counts=_count("cases.ProgressNote"),
    ),
    # ケース情報の訂正: the case's writer; whoever knows the case gets 403.
    Row(
        "cases/<int:pk>/correct/",
        "/cases/{case}/correct/",
        case_write(read("name", "issue")),
    ),
    Row(
        "cases/<int:pk>/correct/",
        "/cases/{case}/correct/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {
            "title": "訂正後のケース名",
            "opened_on": _today(),
            "risk_flags": ["suicide", "dv"],
            "reason": "開始日の入力誤り",
        },
        counts=_count("core.Revision"),
    ),
    # 記録の訂正 of a note: its own organization's writer, with the reason.
    Row(
        "cases/<int:pk>/notes/<int:note_id>/correct/",
        "/cases/{case}/notes/{note}/correct/",
        case_write(read("history")),
    ),
    Row(
        "cases/<int:pk>/notes/<int:note_id>/correct/",
        "/cases/{case}/notes/{note}/correct/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {
            "method": "visit",
            "body": "訪問の記録（訂正後）",
            "categories": ["32"],
            "reason": "記載の誤り",
        },
        counts=_count("core.Revision"),
    ),
    Row(
        "cases/<int:pk>/status/", "/cases/{case}/status/", cells(NOT_ALLOWED, anonymous=NOT_ALLOWED)
    ),
    Row(
        "cases/<int:pk>/status/",
        "/cases/{case}/status/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {"status": "evaluation"},
        counts=_count("cases.Case", pk="{case}", status="evaluation"),
    ),
    Row("cases/<int:pk>/close/", "/cases/{case}/close/", case_write(read("name"))),
    Row(
        "cases/<int:pk>/close/",
        "/cases/{case}/close/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {
            "closure_reason": "goals_met",
            "note": "目標を達成した",
            "lead_worker": i.writer,
        },
        counts=_count("cases.Case", pk="{case}", status="closed"),
    ),
    Row(
        "cases/<int:pk>/reopen/", "/cases/{case}/reopen/", cells(NOT_ALLOWED, anonymous=NOT_ALLOWED)
    ),
    # The case is open: the writer is told it cannot be reopened; nothing changes either way.
    Row(
        "cases/<int:pk>/reopen/",
        "/cases/{case}/reopen/",
        case_write(wrote(audit=0, changes=0)),
        method="POST",
        data=lambda i: {"reason": "再び相談があった"},
        counts=_count("cases.Case", pk="{case}", status="closed"),
    ),
    Row(
        "cases/<int:pk>/tasks/<int:task_id>/done/",
        "/cases/{case}/tasks/{task}/done/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    # The lead's task: only the lead's case workers mark it done. (Another agency sees only
    # the tasks given to it: this one is to it as one that does not exist.)
    Row(
        "cases/<int:pk>/tasks/<int:task_id>/done/",
        "/cases/{case}/tasks/{task}/done/",
        cells(NOT_FOUND, writer=wrote(audit=1), lead_manager=REFUSED),
        method="POST",
        counts=_count("cases.Task", done_at__isnull=False),
    ),
    Row(
        "cases/<int:pk>/attachments/new/",
        "/cases/{case}/attachments/new/",
        case_write(read("name")),
    ),
    Row(
        "cases/<int:pk>/attachments/new/",
        "/cases/{case}/attachments/new/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {"title": "新しい資料", "file": _file(), "categories": ["32"]},
        counts=_count("cases.Attachment"),
    ),
    # The 家計表 (収入・資産・債務) stays with the lead: to the partner it does not exist.
    Row(
        "cases/<int:pk>/attachments/<int:attachment_id>/",
        "/cases/{case}/attachments/{money_attachment}/",
        case_page(read("attachment_money"), NOT_FOUND, knows=NOT_FOUND),
        label="収入・資産・債務",
    ),
    # The 履歴書 (就学・就労) is the partner's to download, and the download is disclosed.
    Row(
        "cases/<int:pk>/attachments/<int:attachment_id>/",
        "/cases/{case}/attachments/{work_attachment}/",
        case_page(read("attachment_work"), read("attachment_work", via=W), knows=NOT_FOUND),
        label="就学・就労",
    ),
    # The forms show the latest version to continue from: the writer's only.
    Row(
        "cases/<int:pk>/assessment/", "/cases/{case}/assessment/", case_write(read("work", "money"))
    ),
    Row(
        "cases/<int:pk>/assessment/",
        "/cases/{case}/assessment/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {"work": "週2回なら働けそう", "summary": ""},
        counts=_count("plans.Assessment"),
    ),
    Row("cases/<int:pk>/plan/", "/cases/{case}/plan/", case_write(read("plan"))),
    Row(
        "cases/<int:pk>/plan/",
        "/cases/{case}/plan/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {
            "persons_wishes": "働いてみたい",
            "goal_1": "週に一度外出する",
            "categories": ["16", "32"],
        },
        counts=_count("plans.SupportPlan"),
    ),
    Row("cases/<int:pk>/evaluation/", "/cases/{case}/evaluation/", case_write(read())),
    Row(
        "cases/<int:pk>/evaluation/",
        "/cases/{case}/evaluation/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {"next_direction": "continue", f"goal_{i.goal}": "partly"},
        counts=_count("plans.Evaluation"),
    ),
]

# -- 検索 -------------------------------------------------------------------------------------------

SEARCHERS = {"case_workers": read(), "managers": read()}  # a search is audited, found or not

SEARCH = [
    Row(
        "search/",
        "/search/?q=消費者金融",
        cells(NOT_FOUND, **SEARCHERS, lead=read("money")),
        label="収入・資産・債務",
    ),
    # The partner finds the 就学・就労 note: a hit's snippet is content, so it is disclosed.
    Row(
        "search/",
        "/search/?q=清掃",
        cells(
            NOT_FOUND,
            **SEARCHERS,
            lead=read("work"),
            partner=read("work", via=W),
        ),
        label="就学・就労",
    ),
    Row(
        "search/",
        "/search/?q=ひきこもって",
        cells(NOT_FOUND, **SEARCHERS, lead=read("history")),
        label="生活歴・課題",
    ),
]

# -- 同意・ケースチーム・緊急アクセス ---------------------------------------------------------------

SHARING = [
    Row("cases/<int:pk>/consents/new/", "/cases/{case}/consents/new/", case_write(read("name"))),
    Row(
        "cases/<int:pk>/consents/new/",
        "/cases/{case}/consents/new/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {
            "categories": ["4"],
            "organizations": [str(i.team_org)],
            "purpose": "就労支援のため",
            "method": "written",
            "obtained_on": _today(),
        },
        counts=_count("sharing.Consent"),
    ),
    # A consent is the lead's to withdraw; the agency it names may know it (403), others not.
    Row(
        "consents/<int:consent_id>/withdraw/",
        "/consents/{renewal}/withdraw/",
        cells(NOT_FOUND, writer=read("name"), lead_manager=REFUSED, partner=REFUSED),
    ),
    Row(
        "consents/<int:consent_id>/withdraw/",
        "/consents/{renewal}/withdraw/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED, partner=REFUSED),
        method="POST",
        data=lambda i: {"note": "電話で撤回の申し出"},
        counts=_count("sharing.Consent", withdrawn_at__isnull=False),
    ),
    # The signed form names the person (属性・家族関係): the partner's consent (就学・就労)
    # does not open it. A download by another agency would be one disclosure.
    Row(
        "consents/<int:consent_id>/document/",
        "/consents/{consent}/document/",
        cells(NOT_FOUND, lead=read("consent_scan")),
    ),
    Row("cases/<int:pk>/team/", "/cases/{case}/team/", case_write(read("name"))),
    Row(
        "cases/<int:pk>/team/",
        "/cases/{case}/team/",
        case_write(wrote()),
        method="POST",
        data=lambda i: {"organization": str(i.outsider_org), "role": "related"},
        counts=_count("sharing.CaseTeamMember"),
    ),
    # 情報提供記録: the lead agency's (the person may ask it for the record).
    Row(
        "cases/<int:pk>/disclosures/",
        "/cases/{case}/disclosures/",
        cells(NOT_FOUND, lead=read(hides=("attachment_money",))),
    ),
    Row(
        "cases/<int:pk>/team/<int:member_id>/remove/",
        "/cases/{case}/team/{team_member}/remove/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    Row(
        "cases/<int:pk>/team/<int:member_id>/remove/",
        "/cases/{case}/team/{team_member}/remove/",
        case_write(wrote()),
        method="POST",
        counts=_count("sharing.CaseTeamMember", left_at__isnull=False),
    ),
    # Nobody in the cast holds the emergency right (the lead needs none): as for a missing case.
    Row("cases/<int:pk>/emergency/", "/cases/{case}/emergency/", cells(NOT_FOUND)),
    Row(
        "cases/<int:pk>/emergency/",
        "/cases/{case}/emergency/",
        cells(NOT_FOUND),
        method="POST",
        data=lambda i: {"reason": "本人と連絡が取れず命に関わるおそれがある"},
        counts=_count("sharing.EmergencyAccess"),
    ),
    # The review queue: the auditors (all), the lead's manager (its cases). The reason is
    # personal data: the list is audited.
    Row(
        "emergency/",
        "/emergency/",
        cells(
            NOT_FOUND, auditor=read("emergency"), lead_manager=read("emergency"), manager=quiet()
        ),
    ),
    # One emergency: its declarer, its reviewers, the lead agency. What it read is named by kind
    # for the auditor (not the 家計表's title).
    Row(
        "emergency/<int:emergency_id>/",
        "/emergency/{emergency}/",
        cells(
            NOT_FOUND,
            lead=read("emergency"),
            auditor=read("emergency"),
        ),
    ),
    # The review: the auditor or the lead's manager; the lead's worker may read it (403).
    Row(
        "emergency/<int:emergency_id>/",
        "/emergency/{emergency}/",
        cells(NOT_FOUND, writer=REFUSED, lead_manager=wrote(), auditor=wrote()),
        method="POST",
        data=lambda i: {"review_outcome": "appropriate", "review_note": ""},
        counts=_count("sharing.EmergencyAccess", reviewed_at__isnull=False),
    ),
]

# -- お知らせ ---------------------------------------------------------------------------------------

NOTIFICATIONS = [
    Row("notifications/", "/notifications/", cells(quiet())),
    Row(
        "notifications/<int:pk>/open/",
        "/notifications/{notification}/open/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    # Someone else's notification is as a missing one: back to one's own list.
    Row(
        "notifications/<int:pk>/open/",
        "/notifications/{notification}/open/",
        cells(
            Expect(302, location="/notifications/"),
            writer=wrote(audit=0, location="/emergency/"),
        ),
        method="POST",
        counts=_count("notifications.Notification", read_at__isnull=False),
    ),
    Row("notifications/read/", "/notifications/read/", cells(NOT_ALLOWED, anonymous=NOT_ALLOWED)),
    Row(
        "notifications/read/",
        "/notifications/read/",
        cells(wrote(audit=0, changes=None, location="/notifications/")),
        method="POST",
    ),
]

# -- つなぎ -----------------------------------------------------------------------------------------

REFERRALS = [
    # The inbox and the outbox name the case by number where the name is not shared; a list
    # that lists referrals is audited.
    Row(
        "referrals/",
        "/referrals/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet(), partner=read(hides=("name",))),
    ),
    Row(
        "referrals/",
        "/referrals/?box=outbox",
        # Each referral names its case as the reader may know it: the lead, by its name.
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet(), lead=read("name")),
        label="outbox",
    ),
    # The receiver opening it marks it received (its own audit row) and reads it (one more).
    # The referral was disclosed to the receiver when it was sent: reading it is no second
    # disclosure.
    Row(
        "referrals/<int:referral_id>/",
        "/referrals/{referral}/",
        cells(
            NOT_FOUND,
            writer=read("referral", "name"),
            lead_manager=read("referral"),
            partner=read("referral", audit=2),
        ),
    ),
    Row(
        "referrals/<int:referral_id>/events/",
        "/referrals/{referral}/events/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    # The receiver's step; the sender is told it is not theirs (nothing changes).
    Row(
        "referrals/<int:referral_id>/events/",
        "/referrals/{referral}/events/",
        cells(NOT_FOUND, partner=wrote(), writer=wrote(audit=0, changes=0), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"type": "received"},
        counts=_count("referrals.ReferralEvent"),
        label="received",
    ),
    Row(
        "referrals/<int:referral_id>/events/",
        "/referrals/{referral}/events/",
        cells(NOT_FOUND, writer=wrote(), partner=wrote(audit=0, changes=0), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"type": "recalled"},
        counts=_count("referrals.ReferralEvent"),
        label="recalled",
    ),
    Row("referrals/new/<int:pk>/", "/referrals/new/{case}/", case_write(read("name"))),
    # Sending is the disclosure: one row naming what the referral shares (the create's audit
    # row records it).
    Row(
        "referrals/new/<int:pk>/",
        "/referrals/new/{case}/",
        case_write(Expect(302, audit=1, disclosed=W, changes=1)),
        method="POST",
        data=lambda i: {
            "to_organization": str(i.partner_org),
            "reason": "就労体験の受け入れを相談したい",
            "categories": ["4"],
        },
        counts=_count("referrals.Referral"),
    ),
]

# -- 会議 -------------------------------------------------------------------------------------------

# Who sees a meeting: its convening and attending agencies. The 支援会議 (the lead convened it;
# 木村 signed the pledge, 松本 did not): its material, discussion, minutes and decisions only
# for those who signed, within the window — a read of them is a disclosure under 106条の6.
#: The material carries 属性・家族関係: its agenda may name the person to whom it is open.
NAMED = ("name", "household")

MEETINGS = [
    Row(
        "meetings/",
        "/meetings/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row("meetings/new/", "/meetings/new/", cells(NOT_FOUND, case_workers=quiet())),
    Row(
        "meetings/new/",
        "/meetings/new/",
        cells(NOT_FOUND, case_workers=wrote()),
        method="POST",
        data=lambda i: {
            "type": str(i.support_type),
            "held_at": (timezone.localdate() + dt.timedelta(days=7)).isoformat() + " 10:00",
            "place": "役場 第1会議室",
        },
        counts=_count("meetings.Meeting"),
    ),
    Row(
        "meetings/<int:meeting_id>/",
        "/meetings/{support}/",
        cells(
            NOT_FOUND,
            lead=read("discussion", "minutes", "decision"),
            pledged=read("discussion", "minutes", "decision", via=SUPPORT_ITEM, allows=NAMED),
            unpledged=read(),  # the meeting, its attendees; no case's name, nothing discussed
        ),
        label="支援会議",
    ),
    # The 重層的支援会議 with 川辺地域包括: the consent covers its item (就学・就労).
    Row(
        "meetings/<int:meeting_id>/",
        "/meetings/{jusou}/",
        cells(
            NOT_FOUND,
            lead=read("jusou_discussion"),
            partner=read("jusou_discussion", via=W),
        ),
        label="重層的支援会議",
    ),
    Row(
        "meetings/<int:meeting_id>/pledge/",
        "/meetings/{support}/pledge/",
        cells(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    # Only an invited attendee signs (the convener's worker is one); the manager is told why
    # not. Signing twice changes nothing.
    Row(
        "meetings/<int:meeting_id>/pledge/",
        "/meetings/{support}/pledge/",
        cells(
            NOT_FOUND,
            writer=wrote(),
            unpledged=wrote(),
            pledged=wrote(audit=0, changes=0),
            lead_manager=wrote(audit=0, changes=0),
        ),
        method="POST",
        counts=_count("meetings.Attendee", pledged_at__isnull=False),
    ),
    Row(
        "meetings/<int:meeting_id>/agenda/",
        "/meetings/{support}/agenda/",
        cells(
            NOT_FOUND, writer=read("name"), pledged=quiet(), unpledged=quiet(), lead_manager=REFUSED
        ),
    ),
    # The lead puts its other case on the agenda; an attendee cannot put another agency's case
    # on it (an id of a case not theirs: 404 as for one that does not exist).
    Row(
        "meetings/<int:meeting_id>/agenda/",
        "/meetings/{support}/agenda/",
        cells(
            NOT_FOUND,
            writer=wrote(),
            lead_manager=REFUSED,
            pledged=Expect(400, uniform=True),  # the form's choice: as for a missing case
            unpledged=Expect(400, uniform=True),
        ),
        method="POST",
        data=lambda i: {
            "case": str(i.other_case),
            "material": "母の介護の状況",
            "categories": ["2"],
        },
        keys=("other_case",),
        counts=_count("meetings.AgendaItem"),
    ),
    Row(
        "meetings/<int:meeting_id>/items/<int:item_id>/",
        "/meetings/{support}/items/{item}/",
        cells(
            NOT_FOUND,
            lead=read("material"),
            pledged=read("material", via=SUPPORT_ITEM, allows=NAMED),
        ),
        label="支援会議",
    ),
    Row(
        "meetings/<int:meeting_id>/items/<int:item_id>/",
        "/meetings/{jusou}/items/{jusou_item}/",
        cells(
            NOT_FOUND,
            lead=read("jusou_material"),
            partner=read("jusou_material", via=W),
        ),
        label="重層的支援会議",
    ),
    # A decision is recorded by the convener (or the case's writer); an attendee sees the item
    # but may not (403).
    Row(
        "meetings/<int:meeting_id>/items/<int:item_id>/decisions/",
        "/meetings/{support}/items/{item}/decisions/",
        cells(NOT_FOUND, writer=quiet(), lead_manager=REFUSED, pledged=REFUSED, unpledged=REFUSED),
    ),
    Row(
        "meetings/<int:meeting_id>/items/<int:item_id>/decisions/",
        "/meetings/{support}/items/{item}/decisions/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED, pledged=REFUSED, unpledged=REFUSED),
        method="POST",
        data=lambda i: {"kind": "roles", "text": "次回までに家族構成を確認する"},
        counts=_count("meetings.Decision"),
    ),
    # 会議情報の訂正: the convening organization's worker; the attendees and the manager 403.
    Row(
        "meetings/<int:meeting_id>/correct/",
        "/meetings/{support}/correct/",
        cells(NOT_FOUND, writer=read(), lead_manager=REFUSED, pledged=REFUSED, unpledged=REFUSED),
    ),
    Row(
        "meetings/<int:meeting_id>/correct/",
        "/meetings/{support}/correct/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED, pledged=REFUSED, unpledged=REFUSED),
        method="POST",
        data=lambda i: {"held_at": _today() + " 15:00", "place": "第2会議室", "reason": "日程変更"},
        counts=_count("core.Revision"),
    ),
    Row(
        "meetings/<int:meeting_id>/minutes/",
        "/meetings/{support}/minutes/",
        cells(
            NOT_FOUND,
            writer=read("minutes", "discussion"),
            lead_manager=REFUSED,
            pledged=REFUSED,
            unpledged=REFUSED,
        ),
    ),
    Row(
        "meetings/<int:meeting_id>/minutes/",
        "/meetings/{support}/minutes/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED, pledged=REFUSED, unpledged=REFUSED),
        method="POST",
        data=lambda i: {"minutes": "会議録を改めた", f"discussion_{i.item}": "改めた検討内容"},
        counts=_count("meetings.Meeting", minutes="会議録を改めた"),
    ),
    # 会議録 (PDF), printed per reader from the same access: a print is audited; the attendee
    # who did not sign gets the meeting without anything discussed.
    Row(
        "meetings/<int:meeting_id>/minutes.pdf",
        "/meetings/{support}/minutes.pdf",
        cells(
            NOT_FOUND,
            lead=read("discussion", "minutes", "decision"),
            pledged=read("discussion", "minutes", "decision", via=SUPPORT_ITEM, allows=NAMED),
            unpledged=read(),
        ),
        label="支援会議",
    ),
    Row(
        "meetings/<int:meeting_id>/minutes.pdf",
        "/meetings/{jusou}/minutes.pdf",
        cells(
            NOT_FOUND,
            lead=read("jusou_discussion"),
            partner=read("jusou_discussion", via=W),
        ),
        label="重層的支援会議",
    ),
]

# -- あとちょっと -------------------------------------------------------------------------------------

INSIGHTS = [
    # The managers' figures and the national reports: counts only, small cells hidden, nothing
    # personal (quiet); a coordinator sees them too, nobody else.
    # The issues are the taxonomy's, every one listed with its count (none names a case).
    Row(
        "insights/", "/insights/", cells(NOT_FOUND, managers=quiet()), neutral=frozenset({"issue"})
    ),
    Row(
        "insights/national-report/",
        "/insights/national-report/",
        cells(NOT_FOUND, managers=quiet()),
    ),
    Row(
        "insights/barriers/",
        "/insights/barriers/",
        cells(NOT_FOUND, managers=quiet("barrier")),
        neutral=frozenset({"barrier"}),
    ),
    # 政策化: barriers heard in dialogue, themes and their response, the programme that almost
    # fits. Managers (and coordinators) read and write them; barriers are texts without a case.
    Row("insights/barriers/new/", "/insights/barriers/new/", cells(NOT_FOUND, managers=quiet())),
    Row(
        "insights/barriers/new/",
        "/insights/barriers/new/",
        cells(NOT_FOUND, managers=wrote()),
        method="POST",
        data=lambda i: {
            "source": "provider_talk",
            "would_help": "夜間の窓口",
            "blocked_by": "silos",
        },
        counts=_count("insights.Barrier"),
    ),
    Row(
        "insights/barriers/<int:pk>/",
        "/insights/barriers/{barrier}/",
        cells(NOT_FOUND, managers=quiet("barrier")),
        neutral=frozenset({"barrier"}),
    ),
    # Linking the same programme again updates what it lacks (no new row).
    Row(
        "insights/barriers/<int:pk>/",
        "/insights/barriers/{barrier}/",
        cells(NOT_FOUND, managers=wrote(changes=None)),
        method="POST",
        data=lambda i: {"program": i.programme, "lacks": "夜間は運行していない"},
    ),
    Row("insights/themes/", "/insights/themes/", cells(NOT_FOUND, managers=quiet())),
    Row("insights/themes/new/", "/insights/themes/new/", cells(NOT_FOUND, managers=quiet())),
    Row(
        "insights/themes/new/",
        "/insights/themes/new/",
        cells(NOT_FOUND, managers=wrote()),
        method="POST",
        data=lambda i: {"title": "夜間の相談窓口"},
        counts=_count("insights.Theme"),
    ),
    Row(
        "insights/themes/<int:pk>/",
        "/insights/themes/{theme}/",
        cells(NOT_FOUND, manager=quiet("barrier")),
        neutral=frozenset({"barrier"}),
    ),
    Row(
        "insights/themes/<int:pk>/",
        "/insights/themes/{theme}/",
        cells(NOT_FOUND, manager=wrote()),
        method="POST",
        data=lambda i: {"status": "considering", "note": "庁内で検討する"},
        counts=_count("insights.ThemeStep"),
    ),
    Row(
        "insights/themes/gather/",
        "/insights/themes/gather/",
        cells(NOT_FOUND, manager=wrote(changes=None)),
        method="POST",
        data=lambda i: {"theme": i.theme, "barrier": i.barrier},
        keys=("theme",),
    ),
    # 支援者支援: a request names nobody; the asking agency's and the hub's case workers read
    # it (the hub is the 社協, where none of the cast works), nobody else.
    Row("insights/advice/", "/insights/advice/", cells(NOT_FOUND, case_workers=quiet())),
    Row("insights/advice/new/", "/insights/advice/new/", cells(NOT_FOUND, case_workers=quiet())),
    Row(
        "insights/advice/new/",
        "/insights/advice/new/",
        cells(NOT_FOUND, case_workers=wrote()),
        method="POST",
        data=lambda i: {
            "hub": i.hub,
            "topic": "家族への声のかけ方",
            "situation": "70代の夫婦の二人暮らし",
            "question": "介護の相談先",
        },
        counts=_count("insights.AdviceRequest"),
        keys=(),
    ),
    Row(
        "insights/advice/<int:pk>/",
        "/insights/advice/{advice}/",
        cells(NOT_FOUND, writer=quiet()),
    ),
    Row(
        "insights/advice/<int:pk>/",
        "/insights/advice/{advice}/",
        cells(NOT_FOUND, writer=wrote()),
        method="POST",
        data=lambda i: {"text": "ありがとうございます。試してみます。"},
        counts=_count("insights.AdviceReply"),
    ),
    # ナラティブ: shared stories (de-identified) for all staff; a draft for its author only.
    Row(
        "insights/narratives/",
        "/insights/narratives/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row(
        "insights/narratives/new/",
        "/insights/narratives/new/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row(
        "insights/narratives/new/",
        "/insights/narratives/new/",
        cells(NOT_FOUND, case_workers=wrote(), managers=wrote()),
        method="POST",
        data=lambda i: {
            "title": "物語",
            "told_by": "staff",
            "body": "地域の人が声をかけてくれた。",
        },
        counts=_count("insights.Narrative"),
    ),
    Row(
        "insights/narratives/<int:pk>/",
        "/insights/narratives/{narrative}/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    # The booklet is a file: its download is audited.
    Row(
        "insights/narratives/booklet.pdf",
        "/insights/narratives/booklet.pdf",
        cells(NOT_FOUND, case_workers=Expect(200, audit=1), managers=Expect(200, audit=1)),
    ),
    # 地域福祉計画: its indicators (the town's counts), logic models and the yearly review.
    Row("insights/plans/", "/insights/plans/", cells(NOT_FOUND, managers=quiet())),
    Row(
        "insights/plans/",
        "/insights/plans/",
        cells(NOT_FOUND, manager=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"name": "第4期計画", "first_year": 2031, "last_year": 2035},
        counts=_count("insights.WelfarePlan"),
        keys=(),
    ),
    Row(
        "insights/plans/<int:pk>/",
        "/insights/plans/{welfare_plan}/",
        cells(NOT_FOUND, managers=quiet()),
    ),
    Row(
        "insights/plans/<int:pk>/review/",
        "/insights/plans/{welfare_plan}/review/",
        cells(NOT_FOUND, managers=quiet()),
    ),
    Row(
        "insights/plans/<int:pk>/indicators/new/",
        "/insights/plans/{welfare_plan}/indicators/new/",
        cells(NOT_FOUND, manager=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {
            "name": "新規相談件数",
            "source": "counted",
            "metric": "consultations",
            "direction": "up",
            "level": "output",
        },
        counts=_count("insights.Indicator"),
    ),
    Row(
        "insights/plans/<int:pk>/logic-models/new/",
        "/insights/plans/{welfare_plan}/logic-models/new/",
        cells(NOT_FOUND, manager=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"title": "多機関協働事業", "activities": "重層的支援会議の開催"},
        counts=_count("insights.LogicModel"),
    ),
    # A value for the same year again is a correction (no new row).
    Row(
        "insights/indicators/<int:pk>/value/",
        "/insights/indicators/{indicator}/value/",
        cells(NOT_FOUND, manager=wrote(changes=None), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"fiscal_year": 2026, "value": "63.5"},
    ),
    # 庁内事業: the city hall's own information, read by all staff, kept by managers.
    Row(
        "insights/programs/",
        "/insights/programs/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row(
        "insights/programs/<int:pk>/",
        "/insights/programs/{programme}/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row("insights/programs/new/", "/insights/programs/new/", cells(NOT_FOUND, managers=quiet())),
    Row(
        "insights/programs/new/",
        "/insights/programs/new/",
        cells(NOT_FOUND, manager=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {
            "fiscal_year": 2026,
            "section": "企画課",
            "name": f"事業{uuid.uuid4().hex[:8]}",
        },
        counts=_count("insights.Program"),
    ),
    Row(
        "insights/programs/<int:pk>/correct/",
        "/insights/programs/{programme}/correct/",
        cells(NOT_FOUND, managers=quiet()),
    ),
    Row(
        "insights/programs/<int:pk>/correct/",
        "/insights/programs/{programme}/correct/",
        cells(NOT_FOUND, manager=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {
            "fiscal_year": 2026,
            "section": "企画課",
            "name": "デマンド交通事業",
            "budget": uuid.uuid4().int % 10**6,
            "reason": "予算額の訂正",
        },
        counts=_count("core.Revision"),
    ),
    Row(
        "insights/programs/import/",
        "/insights/programs/import/",
        cells(NOT_FOUND, managers=quiet()),
    ),
    # The same workbook again changes nothing: what it adds depends on who came first.
    Row(
        "insights/programs/import/",
        "/insights/programs/import/",
        cells(NOT_FOUND, manager=Expect(302, audit=None, changes=None), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"file": _inventory_file()},
    ),
    # Anyone on the case (its lead, its team) records a barrier; the form names the case by
    # number for whom the name is not open. A 支援会議 attendee is not on the team (403).
    Row(
        "insights/cases/<int:pk>/barriers/new/",
        "/insights/cases/{case}/barriers/new/",
        cells(
            NOT_FOUND,
            writer=quiet(),
            partner=quiet(),
            team=quiet(),
            pledged=REFUSED,
            lead_manager=REFUSED,
        ),
    ),
    Row(
        "insights/cases/<int:pk>/barriers/new/",
        "/insights/cases/{case}/barriers/new/",
        cells(
            NOT_FOUND,
            writer=wrote(),
            partner=wrote(),
            team=wrote(),
            pledged=REFUSED,
            lead_manager=REFUSED,
        ),
        method="POST",
        data=lambda i: {"would_help": "夜間に相談できる窓口があれば", "blocked_by": "requirements"},
        counts=_count("insights.Barrier"),
    ),
]

# -- アウトリーチ -----------------------------------------------------------------------------------

# The outreach to the person is the lead agency's (its label is the person's name). Concerns are
# triaged by outreach workers and coordinators; none is in the cast, so the triage pages answer
# 404 to all; a 民生委員 follows only their own reports.
OUTREACH = [
    Row(
        "outreach/",
        "/outreach/",
        cells(NOT_FOUND, case_workers=quiet(), writer=read("name")),
    ),
    Row(
        "outreach/round.pdf",
        "/outreach/round.pdf",
        cells(NOT_FOUND, case_workers=read(), writer=read("name")),
    ),
    Row(
        "outreach/figures/",
        "/outreach/figures/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row(
        "outreach/figures/",
        "/outreach/figures/?format=xlsx",
        cells(NOT_FOUND, case_workers=read(), managers=read()),
        label="xlsx",
    ),
    Row("outreach/concerns/", "/outreach/concerns/", cells(NOT_FOUND)),
    Row(
        "outreach/concerns/new/",
        "/outreach/concerns/new/",
        cells(NOT_FOUND, case_workers=quiet(), reporter=quiet()),
    ),
    Row(
        "outreach/concerns/new/",
        "/outreach/concerns/new/",
        cells(NOT_FOUND, case_workers=wrote(), reporter=wrote()),
        method="POST",
        data=lambda i: {
            "noticed": "郵便物がたまっている",
            "on_behalf_of": "minsei_iin",
            "urgency": "normal",
        },
        counts=_count("outreach.Concern"),
    ),
    Row(
        "outreach/concerns/mine/",
        "/outreach/concerns/mine/",
        cells(NOT_FOUND, case_workers=quiet(), reporter=read("concern")),
    ),
    Row("outreach/concerns/<int:concern_id>/", "/outreach/concerns/{concern}/", cells(NOT_FOUND)),
    Row(
        "outreach/concerns/<int:concern_id>/",
        "/outreach/concerns/{concern}/",
        cells(NOT_FOUND),
        method="POST",
        data=lambda i: {"action": "close", "closed_reason": "親族が対応済み"},
        counts=_count("outreach.Concern", status="closed"),
    ),
    Row("outreach/targets/new/", "/outreach/targets/new/", cells(NOT_FOUND, case_workers=quiet())),
    Row(
        "outreach/targets/new/",
        "/outreach/targets/new/",
        cells(NOT_FOUND, case_workers=wrote()),
        method="POST",
        data=lambda i: {"label": "駅前団地の60代男性", "cadence_days": "14"},
        counts=_count("outreach.OutreachTarget"),
    ),
    Row(
        "outreach/targets/<int:target_id>/",
        "/outreach/targets/{target}/",
        cells(NOT_FOUND, writer=read("name", "contact")),
    ),
    Row(
        "outreach/targets/<int:target_id>/",
        "/outreach/targets/{target}/",
        cells(NOT_FOUND, writer=wrote(audit=2)),
        method="POST",
        data=lambda i: {"action": "contact", "method": "visit", "outcome": "absent"},
        counts=_count("outreach.ContactAttempt"),
    ),
    # 記録の訂正 of the outreach and of a contact: the outreach's own agency's workers.
    Row(
        "outreach/targets/<int:target_id>/correct/",
        "/outreach/targets/{target}/correct/",
        cells(NOT_FOUND, writer=read("name")),
    ),
    Row(
        "outreach/targets/<int:target_id>/correct/",
        "/outreach/targets/{target}/correct/",
        cells(NOT_FOUND, writer=wrote()),
        method="POST",
        data=lambda i: {
            "label": "川辺団地の30代女性",
            "cadence_days": "7",
            "next_contact_on": _today(),
            "place": "川辺団地3号棟",
        },
        counts=_count("core.Revision"),
    ),
    Row(
        "outreach/targets/<int:target_id>/contacts/<int:contact_id>/correct/",
        "/outreach/targets/{target}/contacts/{contact}/correct/",
        cells(NOT_FOUND, writer=read("contact")),
    ),
    Row(
        "outreach/targets/<int:target_id>/contacts/<int:contact_id>/correct/",
        "/outreach/targets/{target}/contacts/{contact}/correct/",
        cells(NOT_FOUND, writer=wrote()),
        method="POST",
        data=lambda i: {"method": "visit", "outcome": "absent", "reason": "結果の選択誤り"},
        counts=_count("core.Revision"),
    ),
]

# -- The API ----------------------------------------------------------------------------------------

API_DOCS = [
    # The API's description holds no personal data: public, like the page that shows it.
    # The document lists the code lists (the risk flags' codes among them): no case content.
    Row(
        "api/v1/openapi.json",
        "/api/v1/openapi.json",
        cells(quiet(), anonymous=quiet()),
        neutral=frozenset({"risk"}),
    ),
    # The docs page (Swagger UI from the installation's static files) is for signed-in users.
    Row("api/v1/docs", "/api/v1/docs", cells(quiet())),
    Row("api/v1/", "/api/v1/", cells(NOT_FOUND, anonymous=NOT_FOUND)),
]


def _post(route: str, path: str, expect: dict[str, Expect], data, counts, **kw):  # type: ignore[no-untyped-def]
    return Row(f"POST {route}", path, expect, method="POST", data=data, counts=counts, **kw)


def _patch(route: str, path: str, expect: dict[str, Expect], data, counts, **kw):  # type: ignore[no-untyped-def]
    return Row(f"PATCH {route}", path, expect, method="PATCH", data=data, counts=counts, **kw)


def _get(route: str, path: str, expect: dict[str, Expect], **kw):  # type: ignore[no-untyped-def]
    return Row(f"GET {route}", path, expect, **kw)


CREATED = wrote(201)

API = [
    _get("/api/v1/me", "/api/v1/me", api(quiet())),
    _get(
        "/api/v1/people/candidates",
        # (birth_date is optional in the operation's signature, yet the API refuses a search
        # without it: given here, so that the row tests the access.)
        "/api/v1/people/candidates?name=紬木 瑠璃子&birth_date=1990-06-02",
        api(case_workers=read(), writer=read("name")),
    ),
    _post(
        "/api/v1/people",
        "/api/v1/people",
        api(case_workers=CREATED),
        lambda i: {"name": "新規 花子"},
        _count("people.Person"),
    ),
    _get(
        "/api/v1/people/{person_id}",
        "/api/v1/people/{person}",
        api(lead=read("name")),
    ),
    # A household with a head the caller does not know: 404, as for a person who does not exist.
    _patch(
        "/api/v1/people/{person_id}",
        "/api/v1/people/{person}",
        api(writer=wrote(200, audit=2), lead_manager=REFUSED),  # the correction, and the read
        lambda i: {"address": "つなぐ町駅前一丁目1番1号", "reason": "転居"},
        _count("core.Revision"),
    ),
    _post(
        "/api/v1/households",
        "/api/v1/households",
        api(writer=wrote(201, audit=3), knowers=NOT_FOUND),
        lambda i: {"name": "紬木家（別居）", "head_id": i.person},
        _count("people.Household"),
        keys=("person",),
    ),
    _get(
        "/api/v1/households/{household_id}",
        "/api/v1/households/{household}",
        api(
            lead=read("name"),
            partner=read("household"),  # the mother, not her child
        ),
    ),
    _patch(
        "/api/v1/households/{household_id}",
        "/api/v1/households/{household}",
        api(writer=wrote(200, audit=2), partner=wrote(200, audit=2), lead_manager=REFUSED),
        lambda i: {"address": "つなぐ町川辺二丁目3番", "reason": "世帯で転居"},
        _count("core.Revision"),
    ),
    _patch(
        "/api/v1/households/{household_id}/members/{person_id}",
        "/api/v1/households/{household}/members/{person}",
        api(writer=wrote(200, audit=2), lead_manager=REFUSED),
        lambda i: {"relationship": "grandchild", "reason": "続柄の入力誤り"},
        _count("core.Revision"),
    ),
    _post(
        "/api/v1/households/{household_id}/members",
        "/api/v1/households/{household}/members",
        api(writer=wrote(201, audit=1), partner=NOT_FOUND, lead_manager=REFUSED),
        lambda i: {"person_id": i.stranger, "relationship": "other_relative"},
        _count("people.HouseholdMember"),
        keys=("household", "stranger"),
    ),
    # The consultations and people lists through the API: each organization its own, as on the
    # pages (the lead agency's worker and manager; the partner knows only the mother).
    _get(
        "/api/v1/consultations",
        "/api/v1/consultations",
        api(case_workers=quiet(), managers=quiet(), lead=read("consultation", "urgent_call")),
    ),
    _get(
        "/api/v1/consultations/{consultation_id}",
        "/api/v1/consultations/{consultation}",
        api(lead=read("consultation")),
    ),
    _get(
        "/api/v1/people",
        "/api/v1/people",
        api(
            case_workers=quiet(),
            managers=quiet(),
            lead=read("name", "household"),
            partner=read("household"),
        ),
    ),
    _post(
        "/api/v1/consultations",
        "/api/v1/consultations",
        api(case_workers=CREATED),
        lambda i: {"main_concern": "家計のことで相談したい"},
        _count("intake.Consultation"),
    ),
    # 記録の訂正 through the API: the lead agency's worker; its manager may not write.
    _patch(
        "/api/v1/consultations/{consultation_id}",
        "/api/v1/consultations/{consultation}",
        api(writer=wrote(200, audit=1), lead_manager=REFUSED),
        lambda i: {"consulted_by": "family", "reason": "来談者を訂正"},
        _count("core.Revision"),
    ),
    _patch(
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case}",
        case_write(wrote(200, audit=2), api_=True),
        lambda i: {"risk_flags": ["suicide", "dv"], "title": "訂正後のケース名"},
        _count("core.Revision"),
    ),
    _patch(
        "/api/v1/cases/{case_id}/notes/{note_id}",
        "/api/v1/cases/{case}/notes/{note}",
        case_write(wrote(200, audit=1), api_=True),
        lambda i: {"body": "訪問の記録（訂正後）", "reason": "記載の誤り"},
        _count("core.Revision"),
    ),
    _post(
        "/api/v1/consultations/{consultation_id}/first-response",
        "/api/v1/consultations/{urgent_call}/first-response",
        api(writer=wrote(200, audit=1), lead_manager=REFUSED),
        lambda i: {"first_response": "折り返し電話し、安全を確認した"},
        _count("intake.Consultation", pk="{urgent_call}", first_response_at__isnull=False),
    ),
    _post(
        "/api/v1/cases",
        "/api/v1/cases",
        api(writer=wrote(201, audit=2)),
        lambda i: {"person_id": i.person, "second_case": True},  # the person has one open
        _count("cases.Case"),
        keys=("person",),
    ),
    _get(
        "/api/v1/cases",
        "/api/v1/cases",
        api(
            case_workers=quiet(),
            managers=quiet(),
            lead=read("name", "risk", "issue", "case_link"),
            partner=read("case_link"),
            team=read("case_link"),
            pledged=read("case_link"),
        ),
    ),
    _get(
        "/api/v1/cases",
        "/api/v1/cases?risk=dv",
        only_the_lead_finds("name", "risk", "case_link") | {"anonymous": UNAUTHORIZED},
        label="risk filter",
    ),
    # The API's case shows its title, issues and risks: for the partner none of them is open,
    # so nothing categorized is shown and nothing is disclosed.
    _get(
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case}",
        case_page(read("name", "risk", "issue"), EXISTS) | {"anonymous": UNAUTHORIZED},
    ),
    # The case record through the API: the tabs' access and audit. The partner's consent covers
    # 就学・就労: that note and that area, disclosed as such; the team member without consent
    # reads an empty list (audited, nothing disclosed).
    _get(
        "/api/v1/cases/{case_id}/notes",
        "/api/v1/cases/{case}/notes",
        case_page(
            read("family", "health", "work", "money", "welfare", "history"), read("work", via=W)
        )
        | {"anonymous": UNAUTHORIZED},
    ),
    _get(
        "/api/v1/cases/{case_id}/assessments",
        "/api/v1/cases/{case}/assessments",
        case_page(read("work", "money", "history"), read("work", via=W))
        | {"anonymous": UNAUTHORIZED},
    ),
    _get(
        "/api/v1/cases/{case_id}/plans",
        "/api/v1/cases/{case}/plans",
        case_page(read("plan"), EXISTS) | {"anonymous": UNAUTHORIZED},
    ),
    _get(
        "/api/v1/cases/{case_id}/evaluations",
        "/api/v1/cases/{case}/evaluations",
        case_page(read("evaluation"), EXISTS) | {"anonymous": UNAUTHORIZED},
    ),
    _post(
        "/api/v1/cases/{case_id}/notes",
        "/api/v1/cases/{case}/notes",
        case_write(CREATED, api_=True),
        lambda i: {"body": "電話で近況を聞いた", "categories": ["history"]},
        _count("cases.ProgressNote"),
    ),
    _post(
        "/api/v1/cases/{case_id}/assessments",
        "/api/v1/cases/{case}/assessments",
        case_write(CREATED, api_=True),
        lambda i: {"work": "週2回なら働けそう"},
        _count("plans.Assessment"),
    ),
    _post(
        "/api/v1/cases/{case_id}/plans",
        "/api/v1/cases/{case}/plans",
        case_write(CREATED, api_=True),
        lambda i: {"persons_wishes": "働いてみたい", "goals": ["週に一度外出する"]},
        _count("plans.SupportPlan"),
    ),
    _post(
        "/api/v1/cases/{case_id}/evaluations",
        "/api/v1/cases/{case}/evaluations",
        case_write(CREATED, api_=True),
        lambda i: {
            "attainments": [{"goal_id": i.goal, "attainment": "partly"}],
            "next_direction": "continue",
        },
        _count("plans.Evaluation"),
    ),
    _post(
        "/api/v1/cases/{case_id}/close",
        "/api/v1/cases/{case}/close",
        case_write(wrote(200), api_=True),
        lambda i: {"reason": "goals_met"},
        _count("cases.Case", pk="{case}", status="closed"),
    ),
    _get(
        "/api/v1/cases/{case_id}/forms/{name}.pdf",
        "/api/v1/cases/{case}/forms/assessment.pdf",
        case_page(read("work", "money", "history"), read("work", via=W), knows=NOT_FOUND)
        | {"anonymous": UNAUTHORIZED},
        label="assessment",
    ),
    _get(
        "/api/v1/cases/{case_id}/forms/{name}.pdf",
        "/api/v1/cases/{case}/forms/plan.pdf",
        case_page(read("plan"), NOT_FOUND, knows=NOT_FOUND) | {"anonymous": UNAUTHORIZED},
        label="plan",
    ),
    _get(
        "/api/v1/search",
        "/api/v1/search?q=消費者金融",
        api(**SEARCHERS, lead=read("money")),
    ),
    _post(
        "/api/v1/cases/{case_id}/consents",
        "/api/v1/cases/{case}/consents",
        case_write(CREATED, api_=True),
        lambda i: {
            "categories": ["school_work"],
            "organizations": [i.team_org],
            "purpose": "就労支援のため",
            "method": "written",
        },
        _count("sharing.Consent"),
    ),
    _post(
        "/api/v1/consents/{consent_id}/withdraw",
        "/api/v1/consents/{renewal}/withdraw",
        api(writer=wrote(200), lead_manager=REFUSED, partner=REFUSED),
        lambda i: {"note": "電話で撤回の申し出"},
        _count("sharing.Consent", withdrawn_at__isnull=False),
    ),
    _post(
        "/api/v1/cases/{case_id}/team",
        "/api/v1/cases/{case}/team",
        case_write(CREATED, api_=True),
        lambda i: {"organization_id": i.outsider_org},
        _count("sharing.CaseTeamMember"),
    ),
    # Nobody in the cast holds the right: every case worker is refused alike, whatever the case
    # (a refusal that differed for a missing case would tell which cases exist).
    _post(
        "/api/v1/emergency-access",
        "/api/v1/emergency-access",
        api(case_workers=Expect(403, uniform=True)),
        lambda i: {"case_id": i.case, "reason": "本人と連絡が取れず命に関わるおそれがある"},
        _count("sharing.EmergencyAccess"),
        keys=("case",),
    ),
    _post(
        "/api/v1/referrals",
        "/api/v1/referrals",
        case_write(Expect(201, audit=1, disclosed=W, changes=1), api_=True),
        lambda i: {
            "case_id": i.case,
            "to_organization_id": i.partner_org,
            "reason": "就労体験の受け入れを相談したい",
            "categories": ["school_work"],
        },
        _count("referrals.Referral"),
        keys=("case",),
    ),
    # The receiver's step; for the sender it is not theirs (403: they see the referral).
    _post(
        "/api/v1/referrals/{referral_id}/events",
        "/api/v1/referrals/{referral}/events",
        api(partner=wrote(200), writer=REFUSED, lead_manager=REFUSED),
        lambda i: {"type": "received"},
        _count("referrals.ReferralEvent"),
    ),
    _get(
        "/api/v1/referrals",
        "/api/v1/referrals?box=outbox",
        api(case_workers=quiet(), managers=quiet(), lead=read()),
    ),
    _post(
        "/api/v1/meetings",
        "/api/v1/meetings",
        api(case_workers=CREATED),
        lambda i: {
            "type_id": i.support_type,
            "held_at": (timezone.now() + dt.timedelta(days=7)).isoformat(),
        },
        _count("meetings.Meeting"),
    ),
    _patch(
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/meetings/{support}",
        api(writer=wrote(200), lead_manager=REFUSED, pledged=REFUSED, unpledged=REFUSED),
        lambda i: {"place": "第2会議室", "reason": "会場の変更"},
        _count("core.Revision"),
    ),
    _post(
        "/api/v1/meetings/{meeting_id}/agenda",
        "/api/v1/meetings/{support}/agenda",
        api(writer=CREATED, lead_manager=REFUSED),
        lambda i: {"case_id": i.other_case, "material": "母の介護の状況", "categories": ["health"]},
        _count("meetings.AgendaItem"),
        keys=("other_case",),
    ),
    _post(
        "/api/v1/meetings/{meeting_id}/pledges",
        "/api/v1/meetings/{support}/pledges",
        api(
            writer=CREATED,
            unpledged=CREATED,
            pledged=wrote(201, audit=0, changes=0),
            lead_manager=REFUSED,
        ),
        lambda i: {},
        _count("meetings.Attendee", pledged_at__isnull=False),
    ),
    _post(
        "/api/v1/meetings/{meeting_id}/decisions",
        "/api/v1/meetings/{support}/decisions",
        api(writer=CREATED, lead_manager=REFUSED, pledged=REFUSED, unpledged=REFUSED),
        lambda i: {"item_id": i.item, "kind": "roles", "text": "次回までに家族構成を確認する"},
        _count("meetings.Decision"),
        keys=("support", "item"),
    ),
    _post(
        "/api/v1/barriers",
        "/api/v1/barriers",
        api(writer=CREATED, partner=CREATED, team=CREATED, pledged=REFUSED, lead_manager=REFUSED),
        lambda i: {"case_id": i.case, "would_help": "夜間の窓口", "blocked_by": "requirements"},
        _count("insights.Barrier"),
        keys=("case",),
    ),
    _post(
        "/api/v1/concerns",
        "/api/v1/concerns",
        api(case_workers=CREATED, reporter=CREATED),
        lambda i: {"noticed": "郵便物がたまっている"},
        _count("outreach.Concern"),
    ),
    _get(
        "/api/v1/concerns",
        "/api/v1/concerns",
        api(case_workers=quiet(), reporter=read("concern")),
    ),
    _post(
        "/api/v1/outreach/targets",
        "/api/v1/outreach/targets",
        api(case_workers=CREATED),
        lambda i: {"label": "駅前団地の60代男性"},
        _count("outreach.OutreachTarget"),
    ),
    # A person the caller's agency does not know: 404, as for one that does not exist (not "your
    # agency does not know them", which tells that they exist).
    _post(
        "/api/v1/outreach/targets",
        "/api/v1/outreach/targets",
        api(writer=CREATED),
        lambda i: {"person_id": i.person},
        _count("outreach.OutreachTarget"),
        keys=("person",),
        label="a known person",
    ),
    _post(
        "/api/v1/outreach/targets/{target_id}/contacts",
        "/api/v1/outreach/targets/{target}/contacts",
        api(writer=wrote(201, audit=2)),
        lambda i: {"method": "visit", "outcome": "absent"},
        _count("outreach.ContactAttempt"),
    ),
    _patch(
        "/api/v1/outreach/targets/{target_id}",
        "/api/v1/outreach/targets/{target}",
        api(writer=wrote(200, audit=2)),
        lambda i: {"place": "川辺団地3号棟", "cadence_days": 7},
        _count("core.Revision"),
    ),
    _patch(
        "/api/v1/outreach/targets/{target_id}/contacts/{contact_id}",
        "/api/v1/outreach/targets/{target}/contacts/{contact}",
        api(writer=wrote(200)),
        lambda i: {"outcome": "absent", "reason": "結果の選択誤り"},
        _count("core.Revision"),
    ),
    _get(
        "/api/v1/outreach/due",
        "/api/v1/outreach/due",
        api(case_workers=quiet(), writer=read("name")),
    ),
    # -- Every screen's data, read through the API with the page's access and audit --
    _get(
        "/api/v1/households",
        "/api/v1/households",
        api(
            case_workers=quiet(),
            managers=quiet(),
            lead=read("household"),
            partner=read("household"),
        ),
    ),
    # The attachments' titles are content of their categories, as on the case's overview.
    _get(
        "/api/v1/cases/{case_id}/attachments",
        "/api/v1/cases/{case}/attachments",
        case_page(read("attachment_money", "attachment_work"), read("attachment_work", via=W))
        | {"anonymous": UNAUTHORIZED},
    ),
    _get(
        "/api/v1/cases/{case_id}/attachments/{attachment_id}",
        "/api/v1/cases/{case}/attachments/{money_attachment}",
        case_page(read("attachment_money"), NOT_FOUND, knows=NOT_FOUND)
        | {"anonymous": UNAUTHORIZED},
        label="収入・資産・債務",
    ),
    _get(
        "/api/v1/cases/{case_id}/attachments/{attachment_id}",
        "/api/v1/cases/{case}/attachments/{work_attachment}",
        case_page(read("attachment_work"), read("attachment_work", via=W), knows=NOT_FOUND)
        | {"anonymous": UNAUTHORIZED},
        label="就学・就労",
    ),
    _get(
        "/api/v1/cases/{case_id}/tasks",
        "/api/v1/cases/{case}/tasks",
        case_page(read(), read(), knows=read()) | {"anonymous": UNAUTHORIZED},
    ),
    _get(
        "/api/v1/tasks",
        "/api/v1/tasks?due_by=R99.1.1",
        api(case_workers=quiet(), managers=quiet(), writer=read()),
    ),
    _get(
        "/api/v1/cases/{case_id}/barriers",
        "/api/v1/cases/{case}/barriers",
        case_page(read("barrier"), read(), knows=read()) | {"anonymous": UNAUTHORIZED},
    ),
    # A manager reads what blocked, by which agency, without the case (no audit: no personal
    # data), as on the barriers page.
    _get(
        "/api/v1/barriers",
        "/api/v1/barriers",
        api(managers=quiet("barrier")),
        neutral=frozenset({"barrier"}),
    ),
    # The managers' figures and the national reports, as on the pages: counts only.
    _get("/api/v1/figures", "/api/v1/figures", api(managers=quiet()), neutral=frozenset({"issue"})),
    _get("/api/v1/national-report", "/api/v1/national-report", api(managers=quiet())),
    # The collaboration tab's data: no categorized content, no disclosure.
    _get(
        "/api/v1/cases/{case_id}/team",
        "/api/v1/cases/{case}/team",
        case_page(read(), read(), knows=read()) | {"anonymous": UNAUTHORIZED},
    ),
    _get(
        "/api/v1/cases/{case_id}/consents",
        "/api/v1/cases/{case}/consents",
        case_page(read(), read(), knows=read()) | {"anonymous": UNAUTHORIZED},
    ),
    _get(
        "/api/v1/cases/{case_id}/referrals",
        "/api/v1/cases/{case}/referrals",
        case_page(read(), read(), knows=read()) | {"anonymous": UNAUTHORIZED},
    ),
    # 情報提供記録: the lead agency's.
    _get(
        "/api/v1/cases/{case_id}/disclosures",
        "/api/v1/cases/{case}/disclosures",
        api(lead=read(hides=("attachment_money",))),
    ),
    # A referral read through the API is not marked received (the receiver's step is its own).
    _get(
        "/api/v1/referrals/{referral_id}",
        "/api/v1/referrals/{referral}",
        api(writer=read("referral"), lead_manager=read("referral"), partner=read("referral")),
    ),
    _get(
        "/api/v1/referrals",
        "/api/v1/referrals",
        api(case_workers=quiet(), managers=quiet(), partner=read(hides=("name",))),
        label="inbox",
    ),
    _get(
        "/api/v1/meetings",
        "/api/v1/meetings?when=all",
        api(case_workers=quiet(), managers=quiet()),
    ),
    _get(
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/meetings/{support}",
        api(
            lead=read("discussion", "minutes", "decision"),
            pledged=read("discussion", "minutes", "decision", via=SUPPORT_ITEM, allows=NAMED),
            unpledged=read(),
        ),
        label="支援会議",
    ),
    _get(
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/meetings/{jusou}",
        api(lead=read("jusou_discussion"), partner=read("jusou_discussion", via=W)),
        label="重層的支援会議",
    ),
    _get(
        "/api/v1/meetings/{meeting_id}/items/{item_id}",
        "/api/v1/meetings/{support}/items/{item}",
        api(lead=read("material"), pledged=read("material", via=SUPPORT_ITEM, allows=NAMED)),
        label="支援会議",
    ),
    _get(
        "/api/v1/meetings/{meeting_id}/items/{item_id}",
        "/api/v1/meetings/{jusou}/items/{jusou_item}",
        api(lead=read("jusou_material"), partner=read("jusou_material", via=W)),
        label="重層的支援会議",
    ),
    _get(
        "/api/v1/concerns/{concern_id}",
        "/api/v1/concerns/{concern}",
        api(reporter=read("concern")),
    ),
    _get(
        "/api/v1/outreach/targets",
        "/api/v1/outreach/targets",
        api(case_workers=quiet(), writer=read("name")),
    ),
    _get(
        "/api/v1/outreach/targets/{target_id}",
        "/api/v1/outreach/targets/{target}",
        api(writer=read("name", "contact")),
    ),
    # 参加支援: the lead reads and writes (its manager reads, and is refused writes); a case
    # whose 参加・つながり is closed to the caller is to it as one that does not exist.
    _get(
        "/api/v1/cases/{case_id}/participation",
        "/api/v1/cases/{case}/participation",
        api(lead=read("participation")),
    ),
    Row(
        "PUT /api/v1/cases/{case_id}/participation/profile",
        "/api/v1/cases/{case}/participation/profile",
        api(writer=wrote(200), lead_manager=REFUSED),
        method="PUT",
        data=lambda i: {"interests": "ギターと歌", "reason": "二回目の面談で聞いた"},
        counts=_count("core.Revision", record_type="participation.profile"),
    ),
    _get(
        "/api/v1/cases/{case_id}/participation/matches",
        "/api/v1/cases/{case}/participation/matches",
        api(lead=read()),
    ),
    _post(
        "/api/v1/cases/{case_id}/participation/participations",
        "/api/v1/cases/{case}/participation/participations",
        api(writer=CREATED, lead_manager=REFUSED),
        lambda i: {"resource_id": i.library, "host_contact": "司書の方"},
        _count("participation.Participation"),
    ),
    _post(
        "/api/v1/cases/{case_id}/participation/declines",
        "/api/v1/cases/{case}/participation/declines",
        api(writer=CREATED, lead_manager=REFUSED),
        lambda i: {"resource_id": i.library, "reason": "time"},
        _count("participation.Decline"),
    ),
    _get(
        "/api/v1/participations",
        "/api/v1/participations",
        api(case_workers=quiet(), managers=quiet(), lead=read()),
    ),
    _get(
        "/api/v1/participations/{participation_id}",
        "/api/v1/participations/{participation}",
        api(lead=read()),
    ),
    _post(
        "/api/v1/participations/{participation_id}/steps",
        "/api/v1/participations/{participation}/steps",
        api(writer=CREATED, lead_manager=REFUSED),
        lambda i: {"kind": "visit", "planned_on": _today()},
        _count("participation.Step"),
    ),
    _post(
        "/api/v1/participations/{participation_id}/end",
        "/api/v1/participations/{participation}/end",
        api(writer=wrote(200, audit=2), lead_manager=REFUSED),
        lambda i: {"reason": "wish"},
        _count("participation.Participation", stage="ended"),
    ),
    _patch(
        "/api/v1/participations/{participation_id}",
        "/api/v1/participations/{participation}",
        api(writer=wrote(200, audit=2), lead_manager=REFUSED),
        lambda i: {"host_contact": "世話役の木村さん", "reason": "名前を聞き直した"},
        _count("core.Revision", record_type="participation.participation"),
    ),
    _post(
        "/api/v1/participations/{participation_id}/adaptations",
        "/api/v1/participations/{participation}/adaptations",
        api(writer=CREATED, lead_manager=REFUSED),
        lambda i: {"what": "端の静かな席を用意する"},
        _count("participation.Adaptation"),
    ),
    _post(
        "/api/v1/cases/{case_id}/participation/wellbeing",
        "/api/v1/cases/{case}/participation/wellbeing",
        api(writer=CREATED, lead_manager=REFUSED),
        lambda i: {
            "point": "start",
            "loneliness": 3,
            "companionship": 2,
            "left_out": 2,
            "isolated": 1,
        },
        _count("participation.Wellbeing"),
    ),
    _get(
        "/api/v1/participation/figures",
        "/api/v1/participation/figures",
        api(case_workers=quiet(), managers=quiet()),
    ),
    _get(
        "/api/v1/adaptations",
        "/api/v1/adaptations",
        api(case_workers=quiet(), managers=quiet()),
    ),
    # お知らせ: one's own; a notification names nothing its recipient may not see.
    _get("/api/v1/notifications", "/api/v1/notifications", api(quiet())),
]

# -- The administration site ----------------------------------------------------------------------

# It opens to the account administrator only (is_staff follows that role); everyone else is
# sent to its sign-in, which is ours. The account administrator manages accounts,
# organizations, districts, tokens and the issue taxonomy; everything else (the audit log, the
# devices, the meeting types' legal rules, the task queue, the lockouts) is refused (403).
# Each registered model, the id of one of its objects, what the administrator may do with it:
# "full" (list, add, change, delete), "no_add", "no_delete", or "none".
ADMIN_MODELS: dict[str, tuple[str, str]] = {
    "auth/group": ("group", "none"),
    "otp_totp/totpdevice": ("totp", "none"),
    "otp_static/staticdevice": ("static_device", "none"),
    "axes/accessattempt": ("access_attempt", "none"),
    "axes/accesslog": ("access_log", "none"),
    "axes/accessfailurelog": ("access_failure_log", "none"),
    "django_tasks_database/dbtaskresult": ("task_result", "none"),
    "accounts/district": ("district", "full"),
    "accounts/organization": ("lead_org", "full"),
    "accounts/user": ("user", "full"),
    "accounts/apitoken": ("token", "no_add"),
    "audit/auditevent": ("audit_event", "none"),
    "intake/issue": ("issue", "no_delete"),  # the taxonomy is no case content
    "search/synonym": ("synonym", "full"),  # the town's abbreviations: no case content
    "meetings/meetingtype": ("support_type", "none"),
}
OPEN = quiet()
STAFF_ONLY = {"anonymous": ADMIN_LOGIN} | {persona: ADMIN_LOGIN for persona in cells(OPEN)}


def _admin(expect_admin: Expect) -> dict[str, Expect]:
    return STAFF_ONLY | {"admin": expect_admin}


def _admin_model_rows(model: str, key: str, may: str) -> list[Row]:
    """The routes Django's ModelAdmin adds for one model."""
    listing = OPEN if may != "none" else REFUSED
    adding = OPEN if may in ("full", "no_delete") else REFUSED
    deleting = OPEN if may in ("full", "no_add") else REFUSED
    obj, keys = f"{{{key}}}", (key,)
    change = OPEN if may != "none" else REFUSED
    redirect = Expect(302, location=f"/admin/{model}/")
    neutral = frozenset({"issue"}) if model == "intake/issue" else frozenset()
    rows = [
        Row(f"admin/{model}/", f"/admin/{model}/", _admin(listing), neutral=neutral),
        Row(f"admin/{model}/add/", f"/admin/{model}/add/", _admin(adding)),
        Row(
            f"admin/{model}/<path:object_id>/history/",
            f"/admin/{model}/{obj}/history/",
            _admin(change),
            keys=keys,
            neutral=neutral,
        ),
        Row(
            f"admin/{model}/<path:object_id>/delete/",
            f"/admin/{model}/{obj}/delete/",
            _admin(deleting),
            keys=keys,
            neutral=neutral,
        ),
        Row(
            f"admin/{model}/<path:object_id>/change/",
            f"/admin/{model}/{obj}/change/",
            _admin(change),
            keys=keys,
            neutral=neutral,
        ),
        Row(
            f"admin/{model}/<path:object_id>/",
            f"/admin/{model}/{obj}/",
            _admin(redirect),
            keys=(),
        ),
    ]
    if model == "accounts/user":
        rows.append(
            Row(
                "admin/accounts/user/<id>/password/",
                "/admin/accounts/user/{user}/password/",
                _admin(OPEN),
            )
        )
    if model == "otp_totp/totpdevice":
        rows += [
            Row(
                "admin/otp_totp/totpdevice/<int:pk>/config/",
                "/admin/otp_totp/totpdevice/{totp}/config/",
                _admin(REFUSED),
            ),
            Row(
                "admin/otp_totp/totpdevice/<int:pk>/qrcode/",
                "/admin/otp_totp/totpdevice/{totp}/qrcode/",
                _admin(REFUSED),
            ),
        ]
    return rows


def _roles(user: str, membership: str, organization: str, role: str):  # type: ignore[no-untyped-def]
    """The user's change form on the site, keeping their role and adding a consultant's role
    at the lead agency (which would open its cases)."""

    def data(i):  # type: ignore[no-untyped-def]
        from tsunagu.accounts.models import User

        account = User.objects.get(pk=getattr(i, user))
        return {
            "email": account.email,
            "display_name": account.display_name,
            "display_name_kana": "",
            "date_style": "wareki",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": str(getattr(i, membership)),
            "memberships-0-user": str(account.pk),
            "memberships-0-organization": str(getattr(i, organization)),
            "memberships-0-role": role,
            "memberships-0-title": "",
            "memberships-0-is_active": "on",
            "memberships-1-user": str(account.pk),
            "memberships-1-organization": str(i.lead_org),
            "memberships-1-role": "consultant",
            "memberships-1-title": "",
            "memberships-1-is_active": "on",
        }

    return data


ADMIN = [
    # A role in another agency than the administrator's own waits for that agency's manager to
    # confirm it (issue 10, item 7): nothing opens with the administrator's POST alone.
    Row(
        "admin/accounts/user/<path:object_id>/change/",
        "/admin/accounts/user/{lead_manager}/change/",
        _admin(Expect(302, audit=None, changes=0)),
        method="POST",
        data=_roles("lead_manager", "lead_manager_membership", "lead_org", "manager"),
        counts=_count(
            "accounts.Membership", user="{lead_manager}", role="consultant", is_active=True
        ),
        keys=(),
        label="a role in another agency",
    ),
    Row("admin/", "/admin/", _admin(OPEN)),
    # Our sign-in (second factor, lockout, audit) stands in for the admin's own.
    Row("admin/login/", "/admin/login/", cells(Expect(302, location="/accounts/login/"))),
    Row(
        "admin/logout/",
        "/admin/logout/",
        {p: Expect(302, location="/admin/") for p in STAFF_ONLY} | {"admin": NOT_ALLOWED},
    ),
    Row("admin/password_change/", "/admin/password_change/", _admin(OPEN)),
    Row("admin/password_change/done/", "/admin/password_change/done/", _admin(OPEN)),
    Row(
        "admin/autocomplete/",
        "/admin/autocomplete/?app_label=accounts&model_name=membership&field_name=organization",
        _admin(OPEN),
    ),
    Row("admin/jsi18n/", "/admin/jsi18n/", _admin(OPEN)),
    # No model has a page of its own on the site: nothing to go to, and no object's existence
    # is told by it (a case's id and a missing id answer alike).
    Row(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        "/admin/r/{case_content_type}/{case}/",
        _admin(NOT_FOUND),
        keys=("case",),
    ),
    Row(
        "admin/^(?P<app_label>auth|otp_totp|otp_static|axes|django_tasks_database|accounts|audit|intake|search|meetings)/$",
        "/admin/accounts/",
        _admin(OPEN),
    ),
    Row("admin/(?P<url>.*)$", "/admin/no-such-page/", _admin(NOT_FOUND)),
    *[
        row
        for model, (key, may) in ADMIN_MODELS.items()
        for row in _admin_model_rows(model, key, may)
    ],
]

# -- 社会資源: the directory's HSDS API --------------------------------------------------------


# The directory holds nobody's personal data: the public feed answers everyone alike and writes
# no audit row (what a token opens beyond it is tested in tests/resources).
def _hsds(route: str, path: str) -> Row:
    return Row(f"api/hsds/{route}", f"/api/hsds/{path}", cells(quiet(), anonymous=quiet()))


DIRECTORY = [
    # The directory's pages: the agencies' staff (a manager reads; confirming is a write).
    Row("resources/", "/resources/", cells(NOT_FOUND, case_workers=quiet(), managers=quiet())),
    Row(
        "resources/stale/",
        "/resources/stale/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row(
        "resources/<int:pk>/",
        "/resources/{resource}/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row(
        "resources/<int:pk>/",
        "/resources/{resource}/",
        cells(NOT_FOUND, case_workers=wrote(), managers=REFUSED),
        method="POST",
        data=lambda i: {"how": "call", "note": "代表に電話で確認"},
        counts=_count("resources.Confirmation"),
    ),
    # 公共施設一覧 of the public directory (nothing the public may not see): an audited export.
    Row(
        "resources/public_facility.csv",
        "/resources/public_facility.csv",
        cells(NOT_FOUND, case_workers=read(), managers=read()),
    ),
    Row(
        "resources/public_facility.xlsx",
        "/resources/public_facility.xlsx",
        cells(NOT_FOUND, case_workers=read(), managers=read()),
    ),
    # Imports from the web: the coordinators' (none of the matrix's personas; see
    # tests/resources/test_web_import.py).
    Row("resources/imports/", "/resources/imports/", cells(NOT_FOUND)),
    Row(
        "resources/imports/",
        "/resources/imports/",
        cells(NOT_FOUND),
        method="POST",
        data=lambda i: {"file": SimpleUploadedFile("a.csv", "名称\r\n公民館\r\n".encode())},
        counts=_count("resources.ImportRun"),
    ),
    Row("resources/imports/<int:pk>/", "/resources/imports/{import_run}/", cells(NOT_FOUND)),
    _hsds("", ""),
    _hsds("services", "services?full=true"),
    _hsds("services/<str:id>", "services/{resource_uuid}"),
    _hsds("organizations", "organizations"),
    _hsds("organizations/<str:id>", "organizations/{provider_uuid}"),
    _hsds("locations", "locations"),
    _hsds("locations/<str:id>", "locations/{location_uuid}"),
    _hsds("service_at_locations", "service_at_locations"),
    _hsds("service_at_locations/<str:id>", "service_at_locations/{service_at_location}"),
    _hsds("taxonomies", "taxonomies"),
    _hsds("taxonomies/<str:id>", "taxonomies/{taxonomy}"),
    _hsds("taxonomy_terms", "taxonomy_terms"),
    _hsds("taxonomy_terms/<str:id>", "taxonomy_terms/{kind_uuid}"),
]

PARTICIPATION = [
    # The hosts' pages: none of the matrix's personas is a host or keeps the hosts' logins
    # (tests/participation/test_hosts.py tests them); to everyone else they do not exist.
    Row("participation/host/", "/participation/host/", cells(NOT_FOUND)),
    Row(
        "participation/host/",
        "/participation/host/",
        cells(NOT_FOUND),
        method="POST",
        data=lambda i: {"resource": i.resource, "available": "2"},
        counts=_count("resources.Confirmation"),
    ),
    Row("participation/hosts/", "/participation/hosts/", cells(NOT_FOUND)),
    Row(
        "participation/hosts/",
        "/participation/hosts/",
        cells(NOT_FOUND),
        method="POST",
        data=lambda i: {"provider": "1", "display_name": "大西 茂", "email": "o@example.jp"},
        counts=_count("participation.HostAccount"),
    ),
    Row(
        "participation/hosts/<int:host_id>/end/",
        "/participation/hosts/{host}/end/",
        cells(NOT_FOUND),
        method="POST",
        counts=_count("participation.HostAccount", user__is_active=False),
    ),
    Row(
        "participation/figures/",
        "/participation/figures/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet()),
    ),
    Row(
        "participation/cases/<int:case_id>/wellbeing/",
        "/participation/cases/{case}/wellbeing/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {
            "wellbeing-point": "start",
            "wellbeing-loneliness": "3",
            "wellbeing-companionship": "2",
            "wellbeing-left_out": "2",
            "wellbeing-isolated": "1",
        },
        counts=_count("participation.Wellbeing"),
    ),
    # 参加支援: the lead reads and writes it (a manager reads); an agency on the team reads the
    # case's page with what it lacks; the rest of it is to them as a case that does not exist.
    Row(
        "participation/",
        "/participation/",
        cells(NOT_FOUND, case_workers=quiet(), managers=quiet(), lead=read("name")),
    ),
    Row(
        "participation/cases/<int:case_id>/",
        "/participation/cases/{case}/",
        cells(NOT_FOUND, lead=read("participation"), partner=read(), team=read(), pledged=read()),
    ),
    Row(
        "participation/cases/<int:case_id>/profile/",
        "/participation/cases/{case}/profile/",
        cells(NOT_FOUND, lead=read("participation")),
    ),
    Row(
        "participation/cases/<int:case_id>/profile/",
        "/participation/cases/{case}/profile/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"interests": "ギターと歌", "reason": "二回目の面談で聞いた"},
        counts=_count("core.Revision", record_type="participation.profile"),
    ),
    Row(
        "participation/cases/<int:case_id>/matches/",
        "/participation/cases/{case}/matches/",
        cells(NOT_FOUND, lead=read("name")),
    ),
    Row(
        "participation/cases/<int:case_id>/introduce/",
        "/participation/cases/{case}/introduce/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"resource": i.library, "host_contact": "司書の方"},
        counts=_count("participation.Participation"),
    ),
    Row(
        "participation/cases/<int:case_id>/decline/",
        "/participation/cases/{case}/decline/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"resource": i.library, "reason": "time"},
        counts=_count("participation.Decline"),
    ),
    Row(
        "participation/<int:participation_id>/",
        "/participation/{participation}/",
        cells(NOT_FOUND, lead=read("name")),
    ),
    Row(
        "participation/<int:participation_id>/plan/",
        "/participation/{participation}/plan/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"plan-kind": "visit", "plan-planned_on": _today()},
        counts=_count("participation.Step"),
    ),
    Row(
        "participation/<int:participation_id>/record/",
        "/participation/{participation}/record/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {
            "record-kind": "visit",
            "record-happened_on": _today(),
            "record-note": "一緒に見学した",
        },
        counts=_count("participation.Step"),
    ),
    Row(
        "participation/<int:participation_id>/end/",
        "/participation/{participation}/end/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"end-reason": "wish"},
        counts=_count("participation.Participation", stage="ended"),
    ),
    Row(
        "participation/<int:participation_id>/adaptation/",
        "/participation/{participation}/adaptation/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"adaptation-what": "端の静かな席を用意する", "adaptation-capacity": "1"},
        counts=_count("participation.Adaptation"),
    ),
    Row(
        "participation/<int:participation_id>/correct/",
        "/participation/{participation}/correct/",
        cells(NOT_FOUND, lead=read()),
    ),
    Row(
        "participation/<int:participation_id>/correct/",
        "/participation/{participation}/correct/",
        cells(NOT_FOUND, writer=wrote(), lead_manager=REFUSED),
        method="POST",
        data=lambda i: {"host_contact": "世話役の木村さん", "reason": "名前を聞き直した"},
        counts=_count("core.Revision", record_type="participation.participation"),
    ),
]

# -- 地域づくり -------------------------------------------------------------------------------------

# The town's places, gatherings and network hold no client: every case worker and every manager
# reads them (accounts.access.READERS); the auditor, the administrator and a 民生委員 get 404. They
# hold partners' names (a gatekeeper's, a person of the network named with their agreement): a
# page or an answer that shows one writes one audit row (a list: one row naming the ids shown).
# Case workers write (a consultant who drops in at the bar logs the visit); a manager gets 403.
GATEKEEPER = "gatekeeper"
NETWORK_PERSON = "network_person"
PARTNERS = (GATEKEEPER, NETWORK_PERSON)


def _reads(expect: Expect, *, api_: bool = False) -> dict[str, Expect]:
    build = api if api_ else cells
    return build(NOT_FOUND, case_workers=expect, managers=expect)


def _writes(done: Expect, *, api_: bool = False) -> dict[str, Expect]:
    build = api if api_ else cells
    return build(NOT_FOUND, case_workers=done, managers=REFUSED)


def _days_ago(days: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days)).isoformat()


def _public(path: str, route: str, **kw) -> Row:  # type: ignore[no-untyped-def]
    """A page of /public/: the same for everyone, signed in or not; no partner's name."""
    everyone = quiet(hides=PARTNERS)
    return Row(route, path, cells(everyone, anonymous=everyone), **kw)


def _not_public(path: str, route: str) -> Row:
    """A place or an event not marked public does not exist on /public/, for anyone."""
    return Row(route, path, cells(NOT_FOUND, anonymous=NOT_FOUND), label="not public")


_COMMUNITY_API = "/api/v1/community"

COMMUNITY = [
    # The desk, the lists and the figures name no partner (the isolated are counted, not named).
    Row("community/", "/community/", _reads(quiet())),
    Row("community/figures/", "/community/figures/", _reads(quiet())),
    # The figures as Excel: counts only, but a file, and files are always audited.
    Row("community/figures/", "/community/figures/?format=xlsx", _reads(read()), label="xlsx"),
    Row("community/places/", "/community/places/", _reads(quiet())),
    Row("community/places/new/", "/community/places/new/", _reads(quiet())),
    Row(
        "community/places/new/",
        "/community/places/new/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"name": "川辺の新しい居場所", "kind": "ibasho"},
        counts=_count("community.Place"),
    ),
    # The bar: its gatekeeper's name (an audited read).
    Row("community/places/<int:place_id>/", "/community/places/{place}/", _reads(read(GATEKEEPER))),
    # Its correction form shows the place, not its gatekeepers.
    Row(
        "community/places/<int:place_id>/correct/",
        "/community/places/{place}/correct/",
        _reads(quiet(hides=PARTNERS)),
    ),
    Row(
        "community/places/<int:place_id>/correct/",
        "/community/places/{place}/correct/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "name": "立ち飲み うずしお",
            "kind": "bar",
            "district": i.district,
            "address": "つなぐ町川辺一丁目2番",
            "hours": "16時〜23時",
            "reason": "営業時間が変わった",
        },
        counts=_count("core.Revision", record_type="community.place"),
    ),
    Row(
        "community/places/<int:place_id>/gatekeepers/",
        "/community/places/{place}/gatekeepers/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "gatekeeper-name": "川辺 としこ",
            "gatekeeper-role_title": "女将",
            "gatekeeper-agreed_way": "気になる人がいたら、ささえへ電話。返事は『受け取りました』だけ",
            "gatekeeper-agreed_on": _days_ago(1),
        },
        counts=_count("community.Gatekeeper"),
    ),
    Row(
        "community/places/<int:place_id>/visits/",
        "/community/places/{place}/visits/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"visit-visited_on": _today(), "visit-topics": "最近の客足"},
        counts=_count("community.Visit"),
    ),
    Row(
        "community/gatekeepers/<int:gatekeeper_id>/end/",
        "/community/gatekeepers/{gatekeeper}/end/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"end-ended_on": _today()},
        counts=_count("community.Gatekeeper", ended_on__isnull=False),
    ),
    # つないでもらう: the worry becomes a concern for the outreach team (its own audit row).
    Row(
        "community/gatekeepers/<int:gatekeeper_id>/worry/",
        "/community/gatekeepers/{gatekeeper}/worry/",
        _writes(wrote(audit=2)),
        method="POST",
        data=lambda i: {
            f"worry-{i.gatekeeper}-noticed": "常連さんが最近来ない、痩せた様子",
            f"worry-{i.gatekeeper}-urgency": "normal",
        },
        counts=_count("community.PassedWorry"),
    ),
    Row(
        "community/visits/<int:visit_id>/correct/",
        "/community/visits/{visit}/correct/",
        _reads(quiet(hides=PARTNERS)),
    ),
    Row(
        "community/visits/<int:visit_id>/correct/",
        "/community/visits/{visit}/correct/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "visited_on": _days_ago(3),
            "topics": "最近の客足と商店街の祭り",
            "reason": "話題を書き足した",
        },
        counts=_count("core.Revision", record_type="community.visit"),
    ),
    Row("community/gatherings/", "/community/gatherings/", _reads(quiet())),
    # The form to record a gathering: its kinds, places and the network to choose from.
    # The form offers the people of the network by name (who came): an audited listing.
    Row("community/gatherings/new/", "/community/gatherings/new/", _reads(read(NETWORK_PERSON))),
    Row(
        "community/gatherings/new/",
        "/community/gatherings/new/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "type": i.gathering_type,
            "title": "次の車座",
            "held_on": _today(),
            "came_welfare": "3",
        },
        counts=_count("community.Gathering"),
    ),
    # The 車座 held: the person named as having come (an audited read).
    Row(
        "community/gatherings/<int:gathering_id>/",
        "/community/gatherings/{gathering}/",
        _reads(read(NETWORK_PERSON)),
    ),
    # Its correction form: whom it names, as the page does (the read, audited).
    Row(
        "community/gatherings/<int:gathering_id>/correct/",
        "/community/gatherings/{gathering}/correct/",
        _reads(read(NETWORK_PERSON)),
    ),
    Row(
        "community/gatherings/<int:gathering_id>/correct/",
        "/community/gatherings/{gathering}/correct/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "type": i.gathering_type,
            "title": "川辺の車座",
            "held_on": _days_ago(10),
            "place": i.place,
            "topics": "空き店舗の使い道",
            "outcome": "空き店舗で子ども食堂を開く案が出た（訂正）",
            "organizers": [i.member_org],
            "named": [i.member],
            "came_welfare": "5",
            "came_shops": "3",
            "came_machizukuri": "2",
            "reason": "参加者数の数え直し",
        },
        counts=_count("core.Revision", record_type="community.gathering"),
    ),
    # The guests to invite to the public お茶会 (by its topics): members of the network by name.
    Row(
        "community/gatherings/<int:gathering_id>/guests/",
        "/community/gatherings/{public_event}/guests/",
        _reads(read(NETWORK_PERSON)),
    ),
    Row(
        "community/gatherings/<int:gathering_id>/ties/",
        "/community/gatherings/{gathering}/ties/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "tie-a": i.other_org,
            "tie-b": i.member_org,
            "tie-note": "車座で知り合った",
        },
        counts=_count("community.Tie"),
    ),
    Row(
        "community/gatherings/<int:gathering_id>/ideas/",
        "/community/gatherings/{gathering}/ideas/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"idea-kind": "project", "idea-text": "商店街で見守りの目印を配る"},
        counts=_count("community.Idea"),
    ),
    Row(
        "community/gatherings/<int:gathering_id>/follow-ups/",
        "/community/gatherings/{gathering}/follow-ups/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "follow-up-title": "小学校に声をかける",
            "follow-up-due_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
            "follow-up-assignee": i.writer,
        },
        counts=_count("community.FollowUp"),
    ),
    Row(
        "community/ideas/<int:idea_id>/",
        "/community/ideas/{idea}/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"settle-status": "dropped", "settle-note": "場所の目途が立たない"},
        counts=_count("community.Idea", status="dropped"),
    ),
    Row(
        "community/follow-ups/<int:follow_up_id>/done/",
        "/community/follow-ups/{follow_up}/done/",
        _writes(wrote()),
        method="POST",
        counts=_count("community.FollowUp", done_on__isnull=False),
    ),
    # The members: the person among them is an audited listing.
    Row("community/members/", "/community/members/", _reads(read(NETWORK_PERSON))),
    Row("community/members/new/", "/community/members/new/", _reads(quiet())),
    Row(
        "community/members/new/",
        "/community/members/new/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"kind": "organization", "name": "川辺自治会", "field": "residents"},
        counts=_count("community.Actor"),
    ),
    Row(
        "community/members/<int:member_id>/",
        "/community/members/{member}/",
        _reads(read(NETWORK_PERSON)),
    ),
    # An organization's page names whom it is tied to (the person): a read of her name too.
    Row(
        "community/members/<int:member_id>/",
        "/community/members/{member_org}/",
        _reads(read(NETWORK_PERSON)),
        label="an organization",
    ),
    Row(
        "community/members/<int:member_id>/correct/",
        "/community/members/{member}/correct/",
        _reads(read(NETWORK_PERSON)),
    ),
    Row(
        "community/members/<int:member_id>/correct/",
        "/community/members/{member}/correct/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "kind": "person",
            "name": "鳴門 仁吉",
            "field": "shops",
            "role_title": "店主・商店会長",
            "member_of": i.member_org,
            "district": i.district,
            "interests": "子ども食堂 空き店舗",
            "agreed_on": _days_ago(60),
            "joined_on": _days_ago(60),
            "reason": "商店会長になった",
        },
        counts=_count("core.Revision", record_type="community.actor"),
    ),
    Row(
        "community/members/<int:member_id>/ties/",
        "/community/members/{member}/ties/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"tie-other": i.other_org, "tie-since": _today(), "tie-how": "introduced"},
        counts=_count("community.Tie"),
    ),
    Row(
        "community/ties/<int:tie_id>/end/",
        "/community/ties/{tie}/end/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"end-ended_on": _today(), "back": i.member},
        counts=_count("community.Tie", ended_on__isnull=False),
    ),
    # 点から面へ: the network's table names the person (an audited listing).
    Row("community/network/", "/community/network/", _reads(read(NETWORK_PERSON))),
    # 計画的偶発性: the encounters arranged name their members (the person among them).
    Row("community/encounters/", "/community/encounters/", _reads(read(NETWORK_PERSON))),
    Row(
        "community/encounters/keep/",
        "/community/encounters/keep/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            "members": [i.member_org, i.other_org],
            "reason": "空き店舗と放課後の居場所",
        },
        counts=_count("community.Suggestion"),
    ),
    Row(
        "community/encounters/<int:suggestion_id>/tie/",
        "/community/encounters/{suggestion}/tie/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {
            f"s{i.suggestion}-a": i.member,
            f"s{i.suggestion}-b": i.other_org,
            f"s{i.suggestion}-since": _today(),
        },
        counts=_count("community.Tie"),
    ),
    Row(
        "community/encounters/<int:suggestion_id>/decide/",
        "/community/encounters/{suggestion}/decide/",
        _writes(wrote()),
        method="POST",
        data=lambda i: {"status": "not_now"},
        counts=_count("community.Suggestion", status="not_now"),
    ),
    # 政策課題へ: an idea of the 車座 taken to policy as a barrier with no case (its text, no name).
    Row(
        "insights/ideas/<int:idea_id>/barrier/",
        "/insights/ideas/{idea}/barrier/",
        _reads(quiet(hides=PARTNERS)),
    ),
    Row(
        "insights/ideas/<int:idea_id>/barrier/",
        "/insights/ideas/{idea}/barrier/",
        _writes(wrote(audit=2)),  # the barrier, and the idea marked as taken to policy
        method="POST",
        data=lambda i: {
            "would_help": "空き店舗を安く借りられる制度があれば",
            "blocked_by": "place",
        },
        counts=_count("insights.Barrier"),
    ),
    # /public/: what is marked public, for everyone; never a gatekeeper, a visit, who came.
    _public("/public/", "public/"),
    _public("/public/yasashii/", "public/yasashii/"),
    _public("/public/events.ics", "public/events.ics"),
    _public("/public/events.csv", "public/events.csv"),
    _public("/public/events/{public_event_uuid}/", "public/events/<uuid:event_uuid>/"),
    _not_public("/public/events/{private_event_uuid}/", "public/events/<uuid:event_uuid>/"),
    _public(
        "/public/yasashii/events/{public_event_uuid}/", "public/yasashii/events/<uuid:event_uuid>/"
    ),
    _not_public(
        "/public/yasashii/events/{private_event_uuid}/",
        "public/yasashii/events/<uuid:event_uuid>/",
    ),
    _public("/public/places/{public_place_uuid}/", "public/places/<uuid:place_uuid>/"),
    _not_public("/public/places/{private_place_uuid}/", "public/places/<uuid:place_uuid>/"),
    _public(
        "/public/yasashii/places/{public_place_uuid}/", "public/yasashii/places/<uuid:place_uuid>/"
    ),
    _not_public(
        "/public/yasashii/places/{private_place_uuid}/",
        "public/yasashii/places/<uuid:place_uuid>/",
    ),
    _public(
        "/public/places/{public_place_uuid}/events.ics",
        "public/places/<uuid:place_uuid>/events.ics",
    ),
    _not_public(
        "/public/places/{private_place_uuid}/events.ics",
        "public/places/<uuid:place_uuid>/events.ics",
    ),
]

# The same through the API: readers 200 (or 404), anonymous 401; writes 201 (a correction 200).
COMMUNITY_API = [
    _get(f"{_COMMUNITY_API}/places", f"{_COMMUNITY_API}/places", _reads(quiet(), api_=True)),
    _post(
        f"{_COMMUNITY_API}/places",
        f"{_COMMUNITY_API}/places",
        _writes(CREATED, api_=True),
        lambda i: {"name": "川辺の新しい居場所", "kind": "ibasho", "days": [1, 3]},
        _count("community.Place"),
    ),
    _get(
        f"{_COMMUNITY_API}/places/{{place_id}}",
        f"{_COMMUNITY_API}/places/{{place}}",
        _reads(read(GATEKEEPER), api_=True),
    ),
    _patch(
        f"{_COMMUNITY_API}/places/{{place_id}}",
        f"{_COMMUNITY_API}/places/{{place}}",
        _writes(wrote(200), api_=True),
        lambda i: {"hours": "16時〜23時", "reason": "営業時間が変わった"},
        _count("core.Revision", record_type="community.place"),
    ),
    _post(
        f"{_COMMUNITY_API}/places/{{place_id}}/gatekeepers",
        f"{_COMMUNITY_API}/places/{{place}}/gatekeepers",
        _writes(CREATED, api_=True),
        lambda i: {
            "name": "川辺 としこ",
            "agreed_way": "気になる人がいたら、ささえへ電話。返事は『受け取りました』だけ",
            "agreed_on": _days_ago(1),
        },
        _count("community.Gatekeeper"),
    ),
    _post(
        f"{_COMMUNITY_API}/gatekeepers/{{gatekeeper_id}}/worries",
        f"{_COMMUNITY_API}/gatekeepers/{{gatekeeper}}/worries",
        _writes(wrote(201, audit=2), api_=True),  # the concern, and the worry passed on
        lambda i: {"noticed": "常連さんが最近来ない、痩せた様子"},
        _count("community.PassedWorry"),
    ),
    _post(
        f"{_COMMUNITY_API}/gatekeepers/{{gatekeeper_id}}/end",
        f"{_COMMUNITY_API}/gatekeepers/{{gatekeeper}}/end",
        _writes(wrote(200), api_=True),
        lambda i: {"ended_on": _today()},
        _count("community.Gatekeeper", ended_on__isnull=False),
    ),
    _post(
        f"{_COMMUNITY_API}/places/{{place_id}}/visits",
        f"{_COMMUNITY_API}/places/{{place}}/visits",
        _writes(CREATED, api_=True),
        lambda i: {"visited_on": _today(), "topics": "最近の客足"},
        _count("community.Visit"),
    ),
    _patch(
        f"{_COMMUNITY_API}/visits/{{visit_id}}",
        f"{_COMMUNITY_API}/visits/{{visit}}",
        _writes(wrote(200), api_=True),
        lambda i: {"topics": "最近の客足と商店街の祭り", "reason": "話題を書き足した"},
        _count("core.Revision", record_type="community.visit"),
    ),
    _get(
        f"{_COMMUNITY_API}/gathering-types",
        f"{_COMMUNITY_API}/gathering-types",
        _reads(quiet(), api_=True),
    ),
    _get(
        f"{_COMMUNITY_API}/gatherings", f"{_COMMUNITY_API}/gatherings", _reads(quiet(), api_=True)
    ),
    _post(
        f"{_COMMUNITY_API}/gatherings",
        f"{_COMMUNITY_API}/gatherings",
        _writes(CREATED, api_=True),
        lambda i: {
            "type_id": i.gathering_type,
            "title": "次の車座",
            "held_on": _today(),
            "attendance": {"welfare": 3},
        },
        _count("community.Gathering"),
    ),
    _get(
        f"{_COMMUNITY_API}/gatherings/{{gathering_id}}",
        f"{_COMMUNITY_API}/gatherings/{{gathering}}",
        _reads(read(NETWORK_PERSON), api_=True),
    ),
    _patch(
        f"{_COMMUNITY_API}/gatherings/{{gathering_id}}",
        f"{_COMMUNITY_API}/gatherings/{{gathering}}",
        _writes(wrote(200), api_=True),
        lambda i: {"attendance": {"welfare": 5, "shops": 3}, "reason": "参加者数の数え直し"},
        _count("core.Revision", record_type="community.gathering"),
    ),
    _post(
        f"{_COMMUNITY_API}/gatherings/{{gathering_id}}/ties",
        f"{_COMMUNITY_API}/gatherings/{{gathering}}/ties",
        _writes(CREATED, api_=True),
        lambda i: {"a_id": i.other_org, "b_id": i.member_org, "note": "車座で知り合った"},
        _count("community.Tie"),
    ),
    _post(
        f"{_COMMUNITY_API}/gatherings/{{gathering_id}}/ideas",
        f"{_COMMUNITY_API}/gatherings/{{gathering}}/ideas",
        _writes(CREATED, api_=True),
        lambda i: {"kind": "project", "text": "商店街で見守りの目印を配る"},
        _count("community.Idea"),
    ),
    _post(
        f"{_COMMUNITY_API}/ideas/{{idea_id}}",
        f"{_COMMUNITY_API}/ideas/{{idea}}",
        _writes(wrote(200), api_=True),
        lambda i: {"status": "dropped", "note": "場所の目途が立たない"},
        _count("community.Idea", status="dropped"),
    ),
    _post(
        f"{_COMMUNITY_API}/gatherings/{{gathering_id}}/follow-ups",
        f"{_COMMUNITY_API}/gatherings/{{gathering}}/follow-ups",
        _writes(CREATED, api_=True),
        lambda i: {
            "title": "小学校に声をかける",
            "due_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
            "assignee_id": i.writer,
        },
        _count("community.FollowUp"),
    ),
    _post(
        f"{_COMMUNITY_API}/follow-ups/{{follow_up_id}}/done",
        f"{_COMMUNITY_API}/follow-ups/{{follow_up}}/done",
        _writes(wrote(200), api_=True),
        None,
        _count("community.FollowUp", done_on__isnull=False),
    ),
    _get(
        f"{_COMMUNITY_API}/gatherings/{{gathering_id}}/guests",
        f"{_COMMUNITY_API}/gatherings/{{public_event}}/guests",
        _reads(read(NETWORK_PERSON), api_=True),
    ),
    _get(
        f"{_COMMUNITY_API}/members",
        f"{_COMMUNITY_API}/members",
        _reads(read(NETWORK_PERSON), api_=True),
    ),
    _post(
        f"{_COMMUNITY_API}/members",
        f"{_COMMUNITY_API}/members",
        _writes(CREATED, api_=True),
        lambda i: {"kind": "organization", "name": "川辺自治会", "field": "residents"},
        _count("community.Actor"),
    ),
    _get(
        f"{_COMMUNITY_API}/members/{{member_id}}",
        f"{_COMMUNITY_API}/members/{{member}}",
        _reads(read(NETWORK_PERSON), api_=True),
    ),
    _patch(
        f"{_COMMUNITY_API}/members/{{member_id}}",
        f"{_COMMUNITY_API}/members/{{member}}",
        _writes(wrote(200), api_=True),
        lambda i: {"role_title": "店主・商店会長", "reason": "商店会長になった"},
        _count("core.Revision", record_type="community.actor"),
    ),
    _post(
        f"{_COMMUNITY_API}/ties",
        f"{_COMMUNITY_API}/ties",
        _writes(CREATED, api_=True),
        lambda i: {"a_id": i.member, "b_id": i.other_org, "since": _today(), "how": "introduced"},
        _count("community.Tie"),
    ),
    _post(
        f"{_COMMUNITY_API}/ties/{{tie_id}}/end",
        f"{_COMMUNITY_API}/ties/{{tie}}/end",
        _writes(wrote(200), api_=True),
        lambda i: {"ended_on": _today()},
        _count("community.Tie", ended_on__isnull=False),
    ),
    _get(
        f"{_COMMUNITY_API}/network",
        f"{_COMMUNITY_API}/network",
        _reads(read(NETWORK_PERSON), api_=True),
    ),
    # Nobody here to suggest (the person is tied to one organization and kept with the other):
    # the encounters arranged, by ids — the person among them is an audited read all the same.
    _get(
        f"{_COMMUNITY_API}/encounters",
        f"{_COMMUNITY_API}/encounters",
        _reads(read(), api_=True),
    ),
    _post(
        f"{_COMMUNITY_API}/suggestions",
        f"{_COMMUNITY_API}/suggestions",
        _writes(CREATED, api_=True),
        lambda i: {"member_ids": [i.member_org, i.other_org], "reason": "空き店舗と放課後の居場所"},
        _count("community.Suggestion"),
    ),
    _post(
        f"{_COMMUNITY_API}/suggestions/{{suggestion_id}}/tie",
        f"{_COMMUNITY_API}/suggestions/{{suggestion}}/tie",
        _writes(CREATED, api_=True),
        lambda i: {"a_id": i.member, "b_id": i.other_org, "since": _today()},
        _count("community.Tie"),
    ),
    _post(
        f"{_COMMUNITY_API}/suggestions/{{suggestion_id}}/decide",
        f"{_COMMUNITY_API}/suggestions/{{suggestion}}/decide",
        _writes(wrote(200), api_=True),
        lambda i: {"status": "not_now"},
        _count("community.Suggestion", status="not_now"),
    ),
    _get(f"{_COMMUNITY_API}/figures", f"{_COMMUNITY_API}/figures", _reads(quiet(), api_=True)),
]


# -- 政策化 (the API): as its pages. Managers carry policy; every member of staff reads the
# inventory and the shared stories; requests for advice are the asking agency's and the hub's.

POLICY_API = [
    _post(
        "/api/v1/barriers/dialogue",
        "/api/v1/barriers/dialogue",
        api(managers=CREATED),
        lambda i: {"source": "hall_walk", "would_help": "窓口の一本化", "blocked_by": "silos"},
        _count("insights.Barrier"),
        keys=(),
    ),
    _get(
        "/api/v1/barriers/{barrier_id}/programs",
        "/api/v1/barriers/{barrier}/programs",
        api(managers=quiet()),
    ),
    _post(
        "/api/v1/barriers/{barrier_id}/fits",
        "/api/v1/barriers/{barrier}/fits",
        api(managers=wrote(201, changes=None)),
        lambda i: {"program_id": i.programme, "lacks": "夜間は運行していない"},
        None,
        keys=("barrier",),
    ),
    _get("/api/v1/themes", "/api/v1/themes", api(managers=quiet())),
    _post(
        "/api/v1/themes",
        "/api/v1/themes",
        api(managers=CREATED),
        lambda i: {"title": "休日の窓口"},
        _count("insights.Theme"),
        keys=(),
    ),
    _get("/api/v1/themes/{theme_id}", "/api/v1/themes/{theme}", api(manager=quiet())),
    _post(
        "/api/v1/themes/{theme_id}/steps",
        "/api/v1/themes/{theme}/steps",
        api(manager=CREATED),
        lambda i: {"status": "considering", "note": "関係課と確認する"},
        _count("insights.ThemeStep"),
        keys=("theme",),
    ),
    _get(
        "/api/v1/programs",
        "/api/v1/programs",
        api(case_workers=quiet(), managers=quiet()),
    ),
    _post(
        "/api/v1/programs",
        "/api/v1/programs",
        api(manager=CREATED, lead_manager=REFUSED),
        lambda i: {"fiscal_year": 2026, "section": "企画課", "name": f"事業{uuid.uuid4().hex[:8]}"},
        _count("insights.Program"),
        keys=(),
    ),
    _get(
        "/api/v1/programs/{program_id}",
        "/api/v1/programs/{programme}",
        api(case_workers=quiet(), managers=quiet()),
    ),
    _patch(
        "/api/v1/programs/{program_id}",
        "/api/v1/programs/{programme}",
        api(manager=wrote(200), lead_manager=REFUSED),
        lambda i: {"reason": "予算の訂正", "budget": uuid.uuid4().int % 10**6},
        _count("core.Revision"),
        keys=("programme",),
    ),
    _get("/api/v1/advice", "/api/v1/advice", api(case_workers=quiet())),
    _post(
        "/api/v1/advice",
        "/api/v1/advice",
        api(case_workers=CREATED),
        lambda i: {
            "hub_id": i.hub,
            "topic": "家族への声かけ",
            "situation": "70代の夫婦",
            "question": "相談先",
        },
        _count("insights.AdviceRequest"),
        keys=(),
    ),
    _get("/api/v1/advice/{advice_id}", "/api/v1/advice/{advice}", api(writer=quiet())),
    _post(
        "/api/v1/advice/{advice_id}/replies",
        "/api/v1/advice/{advice}/replies",
        api(writer=CREATED),
        lambda i: {"text": "試してみます。"},
        _count("insights.AdviceReply"),
        keys=("advice",),
    ),
    _get(
        "/api/v1/narratives",
        "/api/v1/narratives",
        api(case_workers=quiet(), managers=quiet()),
    ),
    _post(
        "/api/v1/narratives",
        "/api/v1/narratives",
        api(case_workers=CREATED, managers=CREATED),
        lambda i: {"title": "物語", "told_by": "staff", "body": "声をかけてもらえた。"},
        _count("insights.Narrative"),
        keys=(),
    ),
    _get(
        "/api/v1/narratives/{narrative_id}",
        "/api/v1/narratives/{narrative}",
        api(case_workers=quiet(), managers=quiet()),
    ),
    # Only a draft's author shares it: the shared story of the world is no draft (422 for its
    # author; another's story is not theirs to share: 403).
    _post(
        "/api/v1/narratives/{narrative_id}/share",
        "/api/v1/narratives/{narrative}/share",
        api(case_workers=REFUSED, managers=REFUSED, writer=Expect(422)),
        lambda i: {"shared_body": "共有する文"},
        None,
        keys=("narrative",),
    ),
    _get("/api/v1/plans", "/api/v1/plans", api(managers=quiet())),
    _post(
        "/api/v1/plans",
        "/api/v1/plans",
        api(manager=CREATED, lead_manager=REFUSED),
        lambda i: {"name": "第4期計画", "first_year": 2031, "last_year": 2035},
        _count("insights.WelfarePlan"),
        keys=(),
    ),
    _get("/api/v1/plans/{plan_id}", "/api/v1/plans/{welfare_plan}", api(managers=quiet())),
    _post(
        "/api/v1/plans/{plan_id}/indicators",
        "/api/v1/plans/{welfare_plan}/indicators",
        api(manager=CREATED, lead_manager=REFUSED),
        lambda i: {"name": "新規相談件数", "source": "counted", "metric": "consultations"},
        _count("insights.Indicator"),
        keys=("welfare_plan",),
    ),
    _post(
        "/api/v1/plans/{plan_id}/logic-models",
        "/api/v1/plans/{welfare_plan}/logic-models",
        api(manager=CREATED, lead_manager=REFUSED),
        lambda i: {"title": "参加支援事業"},
        _count("insights.LogicModel"),
        keys=("welfare_plan",),
    ),
    _post(
        "/api/v1/indicators/{indicator_id}/values",
        "/api/v1/indicators/{indicator}/values",
        api(manager=wrote(201, changes=None), lead_manager=REFUSED),
        lambda i: {"fiscal_year": 2026, "value": "62.5"},
        None,
        keys=("indicator",),
    ),
    _get(
        "/api/v1/plans/{plan_id}/review",
        "/api/v1/plans/{welfare_plan}/review",
        api(managers=quiet()),
    ),
]


ROWS: list[Row] = [
    *CORE,
    *ACCOUNTS,
    *AUDIT,
    *INTAKE,
    *PEOPLE,
    *CASES,
    *SEARCH,
    *SHARING,
    *NOTIFICATIONS,
    *REFERRALS,
    *MEETINGS,
    *INSIGHTS,
    *OUTREACH,
    *API_DOCS,
    *API,
    *DIRECTORY,
    *PARTICIPATION,
    *COMMUNITY,
    *COMMUNITY_API,
    *POLICY_API,
    *ADMIN,
]

#: Routes of the resolver that are not ours to rule: Django's view that sets the language
#: cookie (no data; it answers everyone alike). Static files are served by WhiteNoise, outside
#: the resolver.
NOT_OURS = {"i18n/setlang/"}
