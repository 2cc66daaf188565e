"""What the apps above cases show on a case's tabs (the outreach that led to it, its barriers, its
referrals): they register here in `AppConfig.ready()`, so that cases imports none of them
(STYLE.md, "Layout"). Each entry reads through the user's access to the case."""

from tsunagu.accounts.models import User
from tsunagu.core.registry import Sections
from tsunagu.sharing.access import CaseAccess

#: ケース, its first tab (case_detail).
detail_tab: Sections[User, CaseAccess] = Sections()
#: アセスメント・プラン・評価 (case_support).
support_tab: Sections[User, CaseAccess] = Sections()
#: 関係機関・同意・つなぎ (case_collaboration).
collaboration_tab: Sections[User, CaseAccess] = Sections()
