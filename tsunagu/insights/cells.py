"""小さな数の秘匿 (small cells): an aggregate broken down so finely that a cell holds one to four
people could name them ("the one 支援会議 case in 山手地区 this May"). Such a cell is shown as
「5未満」. Where a cell is hidden, the smallest cell of 5 or more of the same breakdown is hidden
too (「秘匿」), so that the total minus the others gives back neither the small cell nor the sum
of the small ones; where there is none, the breakdown's zeros are hidden as well (otherwise
"all the others are 0" tells). Totals that are not broken down are shown as they are."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

#: The smallest count a breakdown shows.
SMALL = 5


@dataclass(frozen=True)
class Cell:
    """One count of a breakdown, as the page shows it: `hidden` when it is under 5 (「5未満」),
    `withheld` when it is hidden only so that a small one cannot be worked out (「秘匿」)."""

    count: int
    hidden: bool = False
    withheld: bool = False

    def __str__(self) -> str:
        if self.withheld:
            return _("withheld")
        return _("under %(n)s") % {"n": SMALL} if self.hidden else f"{self.count:,}"

    @property
    def concealed(self) -> bool:
        return self.hidden or self.withheld

    @property
    def value(self) -> int | None:
        """The count where it may be shown (a spreadsheet's cell); None where it is not."""
        return None if self.concealed else self.count

    def share_of(self, total: int) -> str:
        """The share of the total in per cent, where the cell is shown."""
        if self.concealed or not total:
            return ""
        return f"{self.count / total * 100:.1f}%"


def suppressed(counts: Sequence[int]) -> list[Cell]:
    """The cells of one breakdown: 1–4 hidden; then the smallest of 5 or more withheld with
    them, or, where there is none, the zeros."""
    cells = [Cell(n, hidden=0 < n < SMALL) for n in counts]
    if not any(c.hidden for c in cells):
        return cells
    large = sorted((c.count, i) for i, c in enumerate(cells) if c.count >= SMALL)
    if large:
        i = large[0][1]
        cells[i] = Cell(cells[i].count, withheld=True)
    else:
        cells = [Cell(c.count, hidden=c.hidden, withheld=c.count == 0) for c in cells]
    return cells


def shown_share(part: int, whole: int) -> str:
    """A share that is a figure of its own (完了率): withheld where the part or the rest is a
    small count (3 of 40 completed is 7.5%, and 7.5% of 40 is 3)."""
    if not whole:
        return "—"
    if 0 < part < SMALL or 0 < whole - part < SMALL:
        return str(Cell(part, withheld=True))
    return f"{part / whole * 100:.1f}%"
