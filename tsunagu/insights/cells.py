"""小さな数の秘匿 (small cells): an aggregate broken down so finely that a cell holds one to four
people could name them ("the one 支援会議 case in 山手地区 this May"). Such a cell is shown as
「5未満」; where it is the only one hidden, the next smallest cell of the same breakdown is hidden
too, so that the total minus the others does not give it back (secondary suppression). Totals
that are not broken down are shown as they are."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

#: The smallest count a breakdown shows.
SMALL = 5


@dataclass(frozen=True)
class Cell:
    """One count of a breakdown, as the page shows it."""

    count: int
    hidden: bool = False

    def __str__(self) -> str:
        return _("under %(n)s") % {"n": SMALL} if self.hidden else f"{self.count:,}"

    @property
    def value(self) -> int | None:
        """The count where it may be shown (a spreadsheet's cell); None where it is hidden."""
        return None if self.hidden else self.count

    def share_of(self, total: int) -> str:
        """The share of the total in per cent, where the cell is shown."""
        if self.hidden or not total:
            return ""
        return f"{self.count / total * 100:.1f}%"


def suppressed(counts: Sequence[int]) -> list[Cell]:
    """The cells of one breakdown: 1–4 hidden; one hidden alone takes the smallest other with it
    (a zero too: otherwise "all the others are 0" tells the hidden one)."""
    cells = [Cell(n, 0 < n < SMALL) for n in counts]
    hidden = [i for i, c in enumerate(cells) if c.hidden]
    if len(hidden) == 1:
        others = sorted(
            (c.count, i) for i, c in enumerate(cells) if not c.hidden and i != hidden[0]
        )
        if others:
            i = others[0][1]
            cells[i] = Cell(cells[i].count, True)
    return cells
