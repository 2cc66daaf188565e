"""異体字 in names, folded with the MJ縮退マップ: a consultant who types 吉田 finds the 𠮷田 a
colleague registered from the 戸籍, and the candidate's reason says which characters were
folded, so that they can judge; look-alikes that are different characters stay apart."""

import datetime as dt

import jntajis
import pytest

from tsunagu.core.japanese import fold_variant, name_key
from tsunagu.people.selectors import duplicate_candidates, find_people
from tsunagu.people.services import register_person

SURNAMES = [
    ("𠮷田", "吉田"),
    ("栁田", "柳田"),
    ("黑田", "黒田"),
    ("澁谷", "渋谷"),
    ("鹽田", "塩田"),
    ("瀧澤", "滝沢"),
    ("髙橋", "高橋"),
    ("渡邉", "渡辺"),
    ("渡邊", "渡辺"),
    ("齋藤", "斎藤"),
    ("廣瀬", "広瀬"),
    ("濱田", "浜田"),
    ("櫻井", "桜井"),
    ("國分", "国分"),
    ("眞鍋", "真鍋"),
]


def _map_pairs(count: int) -> list[tuple[str, str]]:
    """Variants drawn from the map itself: old forms of JIS X 0208 level 2 and beyond whose
    shrunk form is a level-1 kanji (every 25th, to keep the test short)."""
    pairs = []
    for b1 in range(0xD0, 0xF5):
        for b2 in range(0xA1, 0xFF):
            try:
                char = bytes([b1, b2]).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            if fold_variant(char) != char:
                pairs.append((char, fold_variant(char)))
    return pairs[::25][:count]


@pytest.mark.parametrize(("recorded", "typed"), SURNAMES + _map_pairs(16))
def test_a_variant_surname_is_found_by_its_common_form(cast, recorded, typed) -> None:  # type: ignore[no-untyped-def]
    consultant = cast.lead_consultant
    person = register_person(
        actor=consultant, name=f"{recorded} 花子", birth_date=dt.date(1960, 4, 1)
    )
    found = duplicate_candidates(user=consultant, name=f"{typed} 花子")
    assert [c.person for c in found] == [person]
    folds = [f for f in found[0].reasons if "→" in f]
    assert folds, found[0].reasons
    assert any(f"{a}→" in folds[0] for a in recorded if a not in typed)
    # The family name alone, with the birth date, still finds her; so does the people list.
    alone = duplicate_candidates(user=consultant, name=typed, birth_date=dt.date(1960, 4, 1))
    assert [c.person for c in alone] == [person]
    assert list(find_people(consultant, {"name": typed})) == [person]


def test_the_reason_names_the_folded_characters(cast) -> None:  # type: ignore[no-untyped-def]
    register_person(actor=cast.lead_consultant, name="𠮷田 花子")
    found = duplicate_candidates(user=cast.lead_consultant, name="吉田 花子")
    assert "氏名が一致（異体字 𠮷→吉）" in found[0].reasons


@pytest.mark.parametrize(
    ("one", "other"),
    [("玉木", "王木"), ("功刀", "切刀"), ("書上", "昼上"), ("傅 明", "伝 明"), ("耒田", "来田")],
)
def test_look_alikes_that_are_other_characters_stay_apart(one, other) -> None:  # type: ignore[no-untyped-def]
    """The map lists 玉 beside 王 (by glyph): a level-1 kanji is never folded into another."""
    assert name_key(one) != name_key(other)


def test_the_map_is_the_package_s() -> None:
    """The folds come from jntajis' MJ縮退マップ, not a table of ours (beside HAND_FOLDS)."""
    assert jntajis.mj_shrink_candidates("𠮷", 0xF)[0] == "吉"
    assert fold_variant("𠮷") == "吉" and fold_variant("栁") == "柳"
