"""Small cells: a breakdown never shows a count from 1 to 4, nor lets one be worked out."""

from tsunagu.insights.cells import suppressed


def shown(counts: list[int]) -> list[str]:
    return [str(cell) for cell in suppressed(counts)]


def test_counts_under_five_are_hidden() -> None:
    assert shown([3, 4, 12, 20]) == ["5未満", "5未満", "12", "20"]


def test_one_hidden_cell_takes_the_next_smallest_with_it() -> None:
    # 3 alone hidden: 35 − 12 − 20 would give it back.
    assert shown([3, 12, 20]) == ["5未満", "5未満", "20"]
    # All the others 0: the zeros would tell it.
    assert shown([0, 2, 0]) == ["5未満", "5未満", "0"]


def test_nothing_is_hidden_where_nothing_is_small() -> None:
    assert shown([0, 5, 1200]) == ["0", "5", "1,200"]
    assert [c.value for c in suppressed([2, 9])] == [None, None]
