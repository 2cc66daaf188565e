"""Small cells: a breakdown never shows a count from 1 to 4, nor lets one be worked out from
the total and the others."""

from tsunagu.insights.cells import shown_share, suppressed


def shown(counts: list[int]) -> list[str]:
    return [str(cell) for cell in suppressed(counts)]


def test_counts_under_five_are_hidden_with_the_smallest_large_one() -> None:
    # 3 and 4 hidden; 12 withheld too, or 100 − 12 − 20 − 61 would give 3 + 4 back.
    assert shown([3, 4, 12, 20, 61]) == ["5未満", "5未満", "秘匿", "20", "61"]
    # Three ones: their sum alone (23 − 20) would tell each of them.
    assert shown([1, 1, 1, 20]) == ["5未満", "5未満", "5未満", "秘匿"]


def test_with_no_large_cell_the_zeros_are_withheld() -> None:
    assert shown([0, 2, 0]) == ["秘匿", "5未満", "秘匿"]
    assert shown([3]) == ["5未満"]


def test_nothing_is_hidden_where_nothing_is_small() -> None:
    assert shown([0, 5, 1200]) == ["0", "5", "1,200"]
    assert [c.value for c in suppressed([2, 9])] == [None, None]


def test_a_share_that_would_give_back_a_small_count_is_withheld() -> None:
    assert shown_share(3, 40) == "秘匿"  # 7.5% of 40 is 3
    assert shown_share(37, 40) == "秘匿"  # and 3 were not
    assert shown_share(20, 40) == "50.0%"
    assert shown_share(0, 40) == "0.0%" and shown_share(0, 0) == "—"
