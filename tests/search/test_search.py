"""Japanese search that finds what a consultant types, and only what they may see."""

import pytest

from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.people.services import register_person
from tsunagu.search.selectors import search_for_user

NOTES = [
    "母親の介護で仕事を辞めた。債務が膨らんでいる。",
    "本人は障害者手帳の申請を迷っている。障害年金についても説明した。",
    "長男は20年間ひきこもりの状態。",
    "ハローワークへ同行し、就労の相談をした。",
    "家賃の滞納が3か月。大家さんから退去を求められている。",
]


@pytest.fixture
def case_with_notes(cast):  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="高橋 一郎")
    case = open_case(actor=cast.lead_consultant, person=person)
    notes = [
        add_progress_note(actor=cast.lead_consultant, case=case, body=b, method="meeting")
        for b in NOTES
    ]
    return case, notes


def _found(user, query):  # type: ignore[no-untyped-def]
    return [hit.document.object_id for hit in search_for_user(user=user, query=query).hits]


@pytest.mark.parametrize(
    ("query", "note_index"),
    [
        ("介護", 0),
        ("債務", 0),
        ("就労", 3),  # two-character words
        ("障害", 1),
        ("年金", 1),
        ("手帳", 1),  # inside compounds
        ("引きこもり", 2),
        ("ひきこもり", 2),  # spelling variants
        ("ハローワーク", 3),
        ("ﾊﾛｰﾜｰｸ", 3),  # split by context, and half-width
        ("家賃 滞納", 4),  # two words
    ],
)
def test_finds_what_a_consultant_types(cast, case_with_notes, query, note_index) -> None:  # type: ignore[no-untyped-def]
    _, notes = case_with_notes
    assert notes[note_index].pk in _found(cast.lead_consultant, query)


def test_all_words_must_match(cast, case_with_notes) -> None:  # type: ignore[no-untyped-def]
    assert _found(cast.lead_consultant, "家賃 介護") == []


def test_snippets_mark_the_match(cast, case_with_notes) -> None:  # type: ignore[no-untyped-def]
    hit = search_for_user(user=cast.lead_consultant, query="ひきこもり").hits[0]
    assert "<mark>ひきこもり</mark>" in hit.snippet


def test_snippets_escape_html(cast) -> None:  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="佐々木 花")
    case = open_case(actor=cast.lead_consultant, person=person)
    add_progress_note(
        actor=cast.lead_consultant,
        case=case,
        method="phone",
        body="<script>alert('x')</script> 介護の相談",
    )
    hit = search_for_user(user=cast.lead_consultant, query="介護").hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def test_other_agencies_find_nothing(cast, case_with_notes) -> None:  # type: ignore[no-untyped-def]
    for user in (
        cast.partner_with_consent,
        cast.partner_without_consent,
        cast.coordinator,
        cast.auditor,
        cast.admin,
    ):
        assert _found(user, "介護") == [], user.email


def test_a_colleague_in_the_same_agency_finds_it(cast, case_with_notes) -> None:  # type: ignore[no-untyped-def]
    assert _found(cast.colleague, "介護")


def test_long_notes_are_indexed_whole(cast) -> None:  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="長文 太郎")
    case = open_case(actor=cast.lead_consultant, person=person)
    body = "今日は穏やかに話せた。" * 1000 + "最後に債務整理の話が出た。"
    assert len(body) > 10_000
    note = add_progress_note(actor=cast.lead_consultant, case=case, body=body, method="meeting")
    assert note.pk in _found(cast.lead_consultant, "債務整理")


def test_an_account_administrator_of_the_same_agency_reads_nothing(
    cast, case_with_notes, town
) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.accounts.services import create_user, grant_role
    from tsunagu.people.selectors import people_visible_to

    admin = create_user(actor=None, email="sasae-admin@example.jp", display_name="管理 担当")
    grant_role(
        actor=None,
        user=admin,
        role="admin",
        organization=town["つなぐ町自立相談支援センター「ささえ」"],
    )
    assert _found(admin, "介護") == []
    assert not people_visible_to(admin).exists()


@pytest.mark.parametrize("bucket", [50_000, 2])  # PostgreSQL reads the newest documents first
def test_a_common_word_counts_up_to_a_cap_and_ranks_the_recent_matches(
    cast, client_for, monkeypatch, bucket
) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.search import backends

    monkeypatch.setattr(backends, "PG_BUCKET", bucket)
    monkeypatch.setattr(backends, "COUNT_CAP", 5)
    monkeypatch.setattr(backends, "RANKED_POOL", 4)
    person = register_person(actor=cast.lead_consultant, name="多数 太郎")
    case = open_case(actor=cast.lead_consultant, person=person)
    notes = [
        add_progress_note(
            actor=cast.lead_consultant, case=case, method="phone", body=f"介護の相談 その{n}"
        )
        for n in range(8)
    ]
    page = search_for_user(user=cast.lead_consultant, query="介護")
    assert page.total == 5 and page.capped
    assert {h.document.object_id for h in page.hits} == {n.pk for n in notes[-4:]}
    body = client_for(cast.lead_consultant).get("/search/", {"q": "介護"}).content.decode()
    assert "5件を超えています" in body


def test_each_hit_opens_the_tab_that_holds_it(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.plans.services import record_assessment

    person = register_person(actor=cast.lead_consultant, name="山田 花子")
    case = open_case(actor=cast.lead_consultant, person=person)
    add_progress_note(actor=cast.lead_consultant, case=case, method="visit", body="家賃の滞納")
    record_assessment(actor=cast.lead_consultant, case=case, income="家賃を三か月滞納")
    body = client_for(cast.lead_consultant).get("/search/", {"q": "滞納"}).content.decode()
    assert f'href="/cases/{case.pk}/"' in body  # the note: the case's first tab
    assert f'href="/cases/{case.pk}/support/"' in body  # the assessment: its own tab


def test_a_long_note_s_snippet_shows_the_words_where_they_are(cast) -> None:  # type: ignore[no-untyped-def]
    """The snippet is read a few sentences at a time: a word far into a long note is still
    marked, each time it appears within the snippet, conjugated or by its reading."""
    person = register_person(actor=cast.lead_consultant, name="吉村 葵")
    case = open_case(actor=cast.lead_consultant, person=person)
    filler = "本人と近況について話した。体調は安定している。" * 60  # about 1,400 characters
    add_progress_note(
        actor=cast.lead_consultant,
        case=case,
        method="visit",
        body=filler + "兄は引きこもっている。母の介護もある。介護保険の申請を勧めた。",
    )
    hit = search_for_user(user=cast.lead_consultant, query="ひきこもり").hits[0]
    assert "<mark>引きこもっ</mark>" in hit.snippet and hit.snippet.startswith("…")
    by_reading = search_for_user(user=cast.lead_consultant, query="かいご").hits[0]
    assert by_reading.snippet.count("<mark>介護</mark>") == 2


def test_a_word_where_a_long_sentence_would_be_cut_is_still_marked(cast) -> None:  # type: ignore[no-untyped-def]
    """A note written with commas only (no 。 for hundreds of characters): the snippet's pieces
    end at a comma, never inside 介護."""
    person = register_person(actor=cast.lead_consultant, name="井口 涼")
    case = open_case(actor=cast.lead_consultant, person=person)
    for offset in (397, 398, 399, 400, 401):
        body = "あ" * offset + "介護の相談、" + "生活のこと、" * 80
        add_progress_note(actor=cast.lead_consultant, case=case, method="phone", body=body)
    hits = search_for_user(user=cast.lead_consultant, query="介護").hits
    assert len(hits) == 5 and all("<mark>介護</mark>" in hit.snippet for hit in hits)
