"""匿名化: before a narrative is shared, the names it holds come out — the people and places
known to the registry and the proper nouns Sudachi finds — replaced by Aさん, ある場所, ○○;
the author reviews the result, and a text that still holds a registered name cannot be shared.

The author is told which words were taken out, never where a word was found: that a name is in
the person registry is itself personal data."""

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from tsunagu.community.models import Place
from tsunagu.core.japanese import content_words, proper_nouns
from tsunagu.people.models import Person

#: A Japanese phone number (0123-45-6789, 090-1234-5678, (0123)45-6789), 全角 too.
PHONE = re.compile(r"[0０][0-9０-９]{1,4}[-‐ー－(（)）][0-9０-９]{1,4}[-‐ー－)）]?[0-9０-９]{3,4}")


@dataclass(frozen=True)
class Finding:
    word: str
    kind: str  # person, place, organization, phone
    replacement: str


def _registered_people(text: str, known_by: Iterable[int]) -> list[str]:
    """The names of people that the author's agencies know (`known_by`) which the text holds: a
    family name, a given name or the whole name, in kanji or kana. Only those: whether anyone
    else is in the registry is not the author's to learn."""
    words = set(content_words(text)) | {w for w, _kind in proper_nouns(text)}
    words |= {w.replace(" ", "").replace("\u3000", "") for w in words}
    if not words:
        return []
    rows = (
        Person.objects.filter(links__organization__in=list(known_by))
        .filter(
            Q(family_name__in=words)
            | Q(given_name__in=words)
            | Q(name__in=words)
            | Q(name_kana__in=words)
        )
        .values_list("name", "family_name", "given_name", "name_kana")
        .distinct()
    )
    found = []
    for name, family, given, kana in rows:
        for candidate in (name, name.replace(" ", "").replace("\u3000", ""), family, given, kana):
            if candidate and candidate in text and candidate not in found:
                found.append(candidate)
    return found


def _registered_places(text: str) -> list[str]:
    return [name for name in Place.objects.values_list("name", flat=True) if name and name in text]


def registered_names(text: str, known_by: Iterable[int]) -> list[str]:
    """The people (known to `known_by`) and places of the registry still in the text, and the
    phone numbers: a share is refused while any."""
    return [*_registered_people(text, known_by), *_registered_places(text), *PHONE.findall(text)]


def findings(text: str, known_by: Iterable[int]) -> list[Finding]:
    """What to take out of the text, the longest first, each with what replaces it."""
    letters = iter(string.ascii_uppercase)
    people: dict[str, str] = {}
    found: dict[str, Finding] = {}

    def person(word: str) -> None:
        if word not in people:
            people[word] = f"{next(letters, 'X')}さん"
        found.setdefault(word, Finding(word, "person", people[word]))

    for word, kind in proper_nouns(text):
        if kind == "person":
            person(word)
        else:  # a place (地名) or an organization (組織名: a shop, a school)
            found.setdefault(word, Finding(word, kind, "○○"))
    for word in PHONE.findall(text):
        found.setdefault(word, Finding(word, "phone", _("(a phone number)")))
    for word in _registered_people(text, known_by):
        if not any(word in f.word or f.word in word for f in found.values() if f.kind == "person"):
            person(word)
    for word in _registered_places(text):
        found.setdefault(word, Finding(word, "place", _("a place")))
    return sorted(found.values(), key=lambda f: (-len(f.word), f.word))


def deidentified(text: str, known_by: Iterable[int]) -> tuple[str, list[Finding]]:
    """The text with every finding replaced (the longest first, so 佐藤美咲 before 佐藤)."""
    found = findings(text, known_by)
    for finding in found:
        text = text.replace(finding.word, finding.replacement)
    return text, found
