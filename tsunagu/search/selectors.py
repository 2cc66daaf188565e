"""検索 (search): one box over consultations, notes, assessments and plans the user may see."""

import unicodedata
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event, record_listing, record_text
from tsunagu.cases.models import Case
from tsunagu.cases.selectors import caseload, open_cases_of_subjects, read_caseload
from tsunagu.core.japanese import phone_key, query_alternatives, synonym_key, word_spans
from tsunagu.people.models import Household, Person
from tsunagu.people.selectors import find_people, households_visible_to
from tsunagu.search import backends
from tsunagu.search.models import SearchDocument, Synonym
from tsunagu.sharing.access import CaseAccess, CaseCard, case_access
from tsunagu.sharing.services import record_disclosures

SNIPPET_CHARS = 120

# The kinds of indexed text, as a search hit names them.
KINDS = {
    "note": _("Progress note"),
    "assessment": _("Assessment"),
    "plan": _("Support plan"),
    "consultation": _("Consultation"),
}


@dataclass
class SearchHit:
    document: SearchDocument
    score: float
    snippet: SafeString
    title: str

    @property
    def kind(self) -> str:
        return self.document.kind

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))


@dataclass
class SearchPage:
    hits: list[SearchHit]
    total: int
    query: str

    @property
    def capped(self) -> bool:
        """The count stopped at its cap: there are more matches than it says."""
        return self.total >= backends.COUNT_CAP

    @property
    def pageable(self) -> int:
        """How many hits the pages can reach (the ranked pool of recent matches)."""
        return min(self.total, backends.RANKED_POOL)


def _snippet(content: str, wanted: set[str]) -> SafeString:
    """The text around the first match, matched words marked with <mark>. Words are found by
    their normalized form, so ひきこもり is marked when 引きこもり was searched."""
    text = content[:20000]
    marks = word_spans(text[:4000], wanted, reach=SNIPPET_CHARS)
    if not marks:  # a word the index met as characters, not as a word: find it as typed
        lowered = text.lower()
        folded = unicodedata.normalize("NFKC", lowered)
        for word in wanted:
            at = lowered.find(word)
            if at < 0 and len(folded) == len(lowered):  # the same offsets once folded
                at = folded.find(word)
            if at >= 0:
                marks.append((at, at + len(word)))
    marks = sorted(set(marks))
    start = max(0, (marks[0][0] - 30) if marks else 0)
    end = min(len(text), start + SNIPPET_CHARS)
    pieces: list[str] = []
    cursor = start
    for begin, finish in marks:
        if begin < cursor or finish > end:
            continue
        pieces.append(escape(text[cursor:begin]))
        pieces.append(f"<mark>{escape(text[begin:finish])}</mark>")
        cursor = finish
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece escaped


def _shared_access(
    user: User, organization_ids: list[int], documents: list[SearchDocument]
) -> dict[int, CaseAccess]:
    """The access to each case of the hits that another organization leads."""
    case_ids = {d.case_id for d in documents if d.case_id}
    if not case_ids:
        return {}
    access: dict[int, CaseAccess] = {}
    for case in (
        Case.objects.filter(pk__in=case_ids)
        .exclude(lead_organization_id__in=organization_ids)
        .select_related("person", "household", "lead_organization")
    ):
        try:
            access[case.pk] = case_access(user, case)
        except Http404:
            access[case.pk] = CaseAccess(case, "", 0, False, False)
    return access


def _hit_names(documents: list[SearchDocument]) -> str:
    """支援経過記録 #12・#15、アセスメント #3: the hits of one case by kind and number, in the
    installation's language (a disclosure record reads the same for everyone)."""
    numbers: dict[str, list[str]] = {}
    for document in documents:
        numbers.setdefault(document.kind, []).append(f"#{document.object_id}")
    between_numbers = record_text(pgettext_lazy("between numbers of one kind", ", "))
    between_kinds = record_text(pgettext_lazy("between kinds of records", "; "))
    return between_kinds.join(
        f"{record_text(KINDS.get(kind, kind))} {between_numbers.join(ids)}"
        for kind, ids in numbers.items()
    )


def synonym_table() -> dict[str, list[str]]:
    """Each word of the synonym groups (by its synonym_key) → every other word it means: groups
    that share a word are one (のぞみ園 = 就労継続支援B型 joins 就B = 就労継続支援B型)."""
    merged: list[set[str]] = []
    for group in Synonym.objects.all():
        words = set(group.words())
        for other in [m for m in merged if m & words]:
            words |= other
            merged.remove(other)
        merged.append(words)
    return {synonym_key(word): sorted(words - {word}) for words in merged for word in words}


def search_for_user(*, user: User, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
    """Everything matching `query` that one of the user's organizations may see, best first,
    with highlighted snippets. Visibility is applied inside the index. The search is audited
    (what was returned, not what was typed)."""
    parts = query_alternatives(query, synonym_table())
    organization_ids = reading_organization_ids(user)
    matches, total = backends.match(parts, organization_ids, limit, offset)
    documents = SearchDocument.objects.in_bulk([doc_id for doc_id, _ in matches])
    wanted = {word for alternatives in parts for words in alternatives for word in words}
    shared = _shared_access(
        user, organization_ids, [documents[d] for d, _ in matches if d in documents]
    )
    hits = []
    # The hits of each shared case, disclosed once for the search (not once per hit).
    disclosed: dict[int, list[SearchDocument]] = {}
    for doc_id, score in matches:
        document = documents.get(doc_id)
        if document is None:
            continue
        access = shared.get(document.case_id or 0)
        title = document.title
        if access is not None:
            # The index said yes when the text was written; the grants decide now.
            if not access.sees(document.categories):
                continue
            title = access.title
            disclosed.setdefault(access.case.pk, []).append(document)
        hits.append(SearchHit(document, score, _snippet(document.content, wanted), title))
    for case_id, shown in disclosed.items():
        categories = shared[case_id].title_categories  # each hit is headed by the case's title
        for document in shown:
            categories |= document.categories
        record_disclosures(
            access=shared[case_id],
            user=user,
            what=format_lazy(_("Search results: {hits}"), hits=_hit_names(shown)),
            categories=categories,
        )
    record_event(
        actor=user,
        action="search",
        object_type="search.searchdocument",
        legal_basis=LegalBasis.OWN_ORGANIZATION,
        detail={"results": total, "shown": [f"{h.kind}:{h.document.object_id}" for h in hits]},
    )
    return SearchPage(hits=hits, total=total, query=query)


PEOPLE_FOUND = _("Search: people by name or phone")
HOUSEHOLDS_FOUND = _("Search: households by name")
CASES_FOUND = _("Search: cases by name or number")


@dataclass(frozen=True)
class Records:
    """The people, households and cases a query names (a name, a phone number, a case number),
    shown above the text hits; each as far as the reader may know it."""

    people: list[Person]
    households: list[Household]
    cases: list[CaseCard]

    def __bool__(self) -> bool:
        return bool(self.people or self.households or self.cases)


def records_for_query(user: User, query: str, limit: int = 10) -> Records:
    """Who the query names: people by name (the family name alone, kana, 異体字 folded) or
    phone number, households by name, cases by name or number (#34 or 34) — through the access
    rule of each list, audited with whom it named (not what was typed)."""
    digits = phone_key(query)
    by_phone = len(digits) >= 4 and len(digits) * 2 >= len(query.replace("-", ""))
    filters = {"phone": digits} if by_phone else {"name": query}
    people = list(find_people(user, filters)[:limit])
    record_listing(actor=user, rows=people, what=PEOPLE_FOUND)
    households: list[Household] = []
    if not by_phone:
        households = list(
            households_visible_to(user)
            .filter(
                Q(name__startswith=query.strip())
                | Q(members__person__in=people, members__ended_on__isnull=True)
            )
            .select_related("district")
            .distinct()
            .order_by("name", "pk")[:limit]
        )
        record_listing(actor=user, rows=households, what=HOUSEHOLDS_FOUND)
    cases: list[Case] = []
    if user.has_role(*CASE_ROLES, Role.MANAGER):
        number = unicodedata.normalize("NFKC", query).strip().lstrip("#")
        if number.isascii() and number.isdigit() and len(number) <= 7:
            cases = list(caseload(user, {"q": number})[:limit])  # a number finds it closed too
        elif people or households:
            cases = list(open_cases_of_subjects(user, people, households)[:limit])
    cards = read_caseload(user, cases, what=CASES_FOUND)
    return Records(people, households, [cards[case.pk] for case in cases])
