"""Duplicate candidates that understand Japanese names."""

import datetime as dt

import pytest

from tsunagu.audit.models import AuditEvent
from tsunagu.people.selectors import duplicate_candidates
from tsunagu.people.services import merge_people, register_person


@pytest.fixture
def takahashi(cast):  # type: ignore[no-untyped-def]
    return register_person(
        actor=cast.lead_consultant,
        name="髙橋 一郎",
        name_kana="タカハシ イチロウ",
        birth_date=dt.date(1975, 6, 3),
        phone="090-1234-5678",
    )


@pytest.mark.parametrize(
    "typed",
    ["高橋一郎", "髙橋 一郎", "高橋　一郎", "たかはし いちろう", "ﾀｶﾊｼ ｲﾁﾛｳ", "タカハシイチロウ"],
)
def test_the_same_name_however_it_is_typed(cast, takahashi, typed) -> None:  # type: ignore[no-untyped-def]
    found = duplicate_candidates(user=cast.lead_consultant, name=typed)
    assert [c.person for c in found] == [takahashi]
    assert found[0].score >= 0.4 and found[0].reasons


def test_birth_date_and_phone_add_evidence(cast, takahashi) -> None:  # type: ignore[no-untyped-def]
    found = duplicate_candidates(
        user=cast.lead_consultant,
        name="高橋 一郎",
        birth_date=dt.date(1975, 6, 3),
        phone="０９０（１２３４）５６７８",
    )
    assert found[0].score == 1.0
    assert "生年月日が一致" in found[0].reasons and "電話番号が一致" in found[0].reasons


def test_a_different_birth_date_lowers_the_score(cast, takahashi) -> None:  # type: ignore[no-untyped-def]
    same = duplicate_candidates(user=cast.lead_consultant, name="高橋一郎")[0].score
    other = duplicate_candidates(
        user=cast.lead_consultant, name="高橋一郎", birth_date=dt.date(1990, 1, 1)
    )
    assert not other or other[0].score < same


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("山﨑 花子", "山崎花子"),
        ("渡邊 健", "渡辺健"),
        ("齋藤 恵", "斎藤恵"),
        ("濱田 亮", "浜田亮"),
    ],
)
def test_itaiji(cast, stored, typed) -> None:  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name=stored)
    assert duplicate_candidates(user=cast.lead_consultant, name=typed)[0].person == person


def test_another_agency_sees_no_candidates_from_us(cast, takahashi) -> None:  # type: ignore[no-untyped-def]
    assert duplicate_candidates(user=cast.partner_without_consent, name="高橋一郎") == []


def test_candidate_searches_are_audited_without_the_typed_name(cast, takahashi) -> None:  # type: ignore[no-untyped-def]
    duplicate_candidates(user=cast.lead_consultant, name="高橋一郎")
    event = AuditEvent.objects.filter(action="search", object_type="people.person").latest("id")
    assert event.detail["results"] == [takahashi.pk]
    assert "高橋" not in str(event.detail)


def test_merging_moves_records_and_explains_itself(cast, takahashi) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.intake.services import record_consultation

    duplicate = register_person(actor=cast.lead_consultant, name="高橋 一郎", phone="")
    consultation = record_consultation(
        actor=cast.lead_consultant, main_concern="家賃を滞納している", person=duplicate
    )
    merge_people(
        actor=cast.lead_consultant,
        keep=takahashi,
        duplicate=duplicate,
        reason="同一人物（生年月日と電話で確認）",
    )
    consultation.refresh_from_db()
    duplicate.refresh_from_db()
    assert consultation.person == takahashi and duplicate.merged_into == takahashi
    event = AuditEvent.objects.filter(
        action="update", object_type="people.person", object_id=str(takahashi.pk)
    ).latest("id")
    assert event.detail["merged"] == duplicate.pk
    assert event.detail["moved"]["intake.consultation"] == [consultation.pk]
    assert duplicate_candidates(user=cast.lead_consultant, name="高橋一郎")[0].person == takahashi
    assert len(duplicate_candidates(user=cast.lead_consultant, name="高橋一郎")) == 1


@pytest.mark.parametrize(
    "name", ["𠮷田 太郎", "髙橋 🌸", "<script>alert(1)</script>", "'; DROP TABLE people_person; --"]
)
def test_unusual_names_are_stored_faithfully(cast, name) -> None:  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name=name)
    person.refresh_from_db()
    assert person.name == name
