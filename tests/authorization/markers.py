"""The marker texts of the world, by kind, and what each persona may see of them by default.

A kind is "shown" by a response when any of its texts appears in the response's readable text:
the HTML, the JSON (with its \\u escapes decoded), the CSV, the cells of an XLSX (its XML, read
from the zip), the text of a PDF (pypdf), or the bytes of a download. Whitespace is ignored on
both sides, since a PDF's text comes out with line breaks wherever the layout put them."""

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from types import SimpleNamespace

from django.http import HttpResponseBase
from pypdf import PdfReader

from tests.authorization import world as W
from tsunagu.sharing.choices import InfoCategory as C

#: Each kind, the texts that show it, and (in the comment) the rule that opens it.
MARKERS: dict[str, tuple[str, ...]] = {
    # 属性・家族関係: the person's name (and reading), and the family's (the household, the
    # mother): the name of a case is content (issue 10).
    "name": ("瑠璃子", "るりこ"),
    "household": ("紬木",),
    # 生活歴・課題: the risk flags (as the pages, the API, the exports and the audit detail name
    # them) and the issues (a retired local issue: it appears in no form's choices).
    "risk": ("⚠ 自殺リスク", "⚠ DV", '"suicide"', "'suicide'", "自殺リスク、DV"),
    "issue": W.LOCAL_ISSUE,
    # One note (and the assessment's area) per category.
    "family": (W.NOTES[C.FAMILY],),
    "health": (W.NOTES[C.HEALTH],),
    "work": (W.NOTES[C.SCHOOL_WORK], W.AREAS["work"]),
    "money": (W.NOTES[C.MONEY], W.AREAS["income"]),
    "welfare": (W.NOTES[C.WELFARE],),
    "history": (W.NOTES[C.HISTORY], W.AREAS["history"]),
    "plan": (W.PLAN_WISHES,),  # 福祉制度の利用 + 生活歴・課題
    "evaluation": (W.EVALUATION_TEXT,),  # read with its plan's categories
    "attachment_money": (W.ATTACHMENT_MONEY[0], "KAKEIHYO-BYTES-Q7"),  # 収入・資産・債務
    "attachment_work": (W.ATTACHMENT_WORK[0], "RIREKISHO-BYTES-Q7"),  # 就学・就労
    "consent_scan": ("CONSENT-SCAN-BYTES-Q7",),  # the signed form: it names the person
    "consultation": (W.CONSULTATION_TEXT,),  # the lead agency's own 相談受付
    "urgent_call": (W.URGENT_CALL_TEXT,),  # its urgent call, waiting for the first response
    # The 支援会議: material, discussion, minutes, decisions: attendees who signed the pledge.
    "material": (W.MATERIAL,),
    "discussion": (W.DISCUSSION,),
    "minutes": (W.MINUTES,),
    "decision": (W.DECISION,),
    # The 重層的支援会議: as far as the consent covers the attending agency (就学・就労).
    "jusou_material": (W.JUSOU_MATERIAL,),
    "jusou_discussion": (W.JUSOU_DISCUSSION,),
    "referral": (W.REFERRAL_REASON,),  # its sender and its receiver
    "concern": (W.CONCERN_TEXT,),  # its reporter (and the outreach team's triage)
    "contact": (W.CONTACT_TEXT,),  # the outreach's own agency
    "emergency": (W.EMERGENCY_REASON,),  # the lead agency and the reviewers
    "barrier": (W.BARRIER_TEXT,),
    "participation": (
        W.PARTICIPATION_TEXT,
    ),  # 参加・つながり: the lead (and a consent of it)  # the case's workers; managers read the text without the case
    # 地域づくり (below: COMMUNITY_CONTENT): a gatekeeper's name, a person of the network.
    "gatekeeper": (W.GATEKEEPER_NAME,),
    "network_person": (W.NETWORK_PERSON,),
}
#: 地域づくり's kinds are partners' personal data, not a case's: a gatekeeper's name and a
#: person of the network (named with their agreement). Whoever works in the field or manages
#: reads them (each read audited); nobody else. They are no case content (CASE_CONTENT).
COMMUNITY_CONTENT = frozenset({"gatekeeper", "network_person"})
CASE_CONTENT = frozenset(MARKERS) - {"concern"} - COMMUNITY_CONTENT

#: What each persona may see anywhere (a row may allow more, e.g. the taxonomy on the admin
#: site). Everything else must never appear in what they get.
ALLOWED: dict[str, frozenset[str]] = {
    "anonymous": frozenset(),
    "writer": CASE_CONTENT | COMMUNITY_CONTENT,
    "lead_manager": CASE_CONTENT | COMMUNITY_CONTENT,
    # 就学・就労 only; the mother (and so the household) is known to 川辺地域包括 itself.
    "partner": COMMUNITY_CONTENT
    | {"household", "work", "attachment_work", "jusou_material", "jusou_discussion", "referral"},
    "team": COMMUNITY_CONTENT,
    "pledged": COMMUNITY_CONTENT | {"material", "discussion", "minutes", "decision"},
    "unpledged": COMMUNITY_CONTENT,
    "outsider": COMMUNITY_CONTENT,
    "manager": COMMUNITY_CONTENT,
    "auditor": frozenset({"emergency"}),  # the review of an emergency needs its reason
    "admin": frozenset(),
    "reporter": frozenset({"concern"}),
}


def case_link(ids: SimpleNamespace) -> tuple[str, ...]:
    """The main case listed: a link to it (HTML), its number as a list names it, or its row in
    the API's list."""
    return (f'href="/cases/{ids.case}/"', f"ケース #{ids.case}<", f'"id": {ids.case}, "title"')


class _Visible(HTMLParser):
    """The text of a page as a person reads it: its text, the attributes that are read out or
    shown (title, alt, aria-label, placeholder) and what a text field holds. Not the codes
    behind choices (option and checkbox values), nor the words a search box echoes back (the
    user's own query)."""

    SHOWN = ("title", "alt", "aria-label", "placeholder")
    TEXT_INPUTS = ("text", "email", "tel", "date", "number", None)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.parts += [named[a] or "" for a in self.SHOWN if a in named]
        if tag == "input" and named.get("type") in self.TEXT_INPUTS:
            self.parts.append(named.get("value") or "")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return " ".join(parser.parts)


def raw_text(response: HttpResponseBase) -> str:
    return _body(response).decode(errors="replace")


def _body(response: HttpResponseBase) -> bytes:
    if response.streaming:
        if not hasattr(response, "_matrix_body"):
            response._matrix_body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        return response._matrix_body  # type: ignore[attr-defined, no-any-return]
    return response.content  # type: ignore[attr-defined, no-any-return]


def readable_text(response: HttpResponseBase) -> str:
    """What a person would read in the response, whatever its format."""
    raw = _body(response)
    kind = response.get("Content-Type", "")
    if "html" in kind:
        return visible_text(raw.decode(errors="replace"))
    if "json" in kind and raw:
        # A search hit's snippet is HTML (<mark> around the words found).
        return re.sub(r"</?mark>", "", json.dumps(json.loads(raw), ensure_ascii=False))
    if "pdf" in kind and raw.startswith(b"%PDF") and b"/Type" in raw:
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages)
    if "spreadsheetml" in kind:
        with zipfile.ZipFile(io.BytesIO(raw)) as xlsx:
            return "\n".join(
                xlsx.read(name).decode() for name in xlsx.namelist() if name.endswith(".xml")
            )
    return raw.decode(errors="replace")


_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def shown(text: str, kinds: dict[str, tuple[str, ...]]) -> set[str]:
    """The kinds whose texts appear in `text` (whitespace ignored)."""
    flat = squeeze(text)
    return {kind for kind, texts in kinds.items() if any(squeeze(t) in flat for t in texts)}
