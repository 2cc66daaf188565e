"""The fixed cast every test uses (STYLE.md): who they are, where they work, what role.

Organizations and districts are the demo town's, so a test reads like a day in つなぐ町.
Later issues give these people consents, case teams and meeting seats; the names stay."""

from dataclasses import dataclass

from tsunagu.accounts.choices import Role

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only

SASAE = "つなぐ町自立相談支援センター「ささえ」"
KAWABE_HOUKATSU = "川辺地域包括支援センター"
HIDAMARI = "相談支援事業所 ひだまり"
HOSPITAL = "つなぐ中央病院 地域医療連携室"
SHAKYO = "社会福祉法人 つなぐ町社会福祉協議会"
MINSEI = "つなぐ町民生委員児童委員協議会"
WELFARE_SECTION = "つなぐ町役場 福祉課 地域共生推進係"
INFO_SECTION = "つなぐ町役場 総務課 情報政策係"
YAMATE_HOUKATSU = "山手地域包括支援センター"
ENGAWA = "NPO法人 まちの縁側"


@dataclass(frozen=True)
class Persona:
    key: str
    name: str
    organization: str
    role: str

    @property
    def email(self) -> str:
        return f"{self.key.replace('_', '-')}@test.tsunagu.example"


LEAD_CONSULTANT = Persona("lead_consultant", "佐藤 美咲", SASAE, Role.CONSULTANT)
COLLEAGUE = Persona("colleague", "鈴木 一郎", SASAE, Role.CONSULTANT)
PARTNER_WITH_CONSENT = Persona(
    "partner_with_consent", "高橋 健一", KAWABE_HOUKATSU, Role.CONSULTANT
)
PARTNER_WITHOUT_CONSENT = Persona("partner_without_consent", "井上 真理", HIDAMARI, Role.CONSULTANT)
MEETING_ATTENDEE = Persona("meeting_attendee", "木村 智子", HOSPITAL, Role.CONSULTANT)
COORDINATOR = Persona("coordinator", "田中 由紀子", SHAKYO, Role.COORDINATOR)
REPORTER = Persona("reporter", "中村 ハナ", MINSEI, Role.REPORTER)
MANAGER = Persona("manager", "小林 誠", WELFARE_SECTION, Role.MANAGER)
AUDITOR = Persona("auditor", "加藤 直子", INFO_SECTION, Role.AUDITOR)
ADMIN = Persona("admin", "吉田 翔太", INFO_SECTION, Role.ADMIN)
# The authorization matrix (tests/authorization/) needs a few more: an agency with no link to
# the case, a second 支援会議 attendee who does not sign the pledge, and the lead agency's
# own manager (the MANAGER above works at another agency).
OUTSIDER = Persona("outsider", "山口 修", YAMATE_HOUKATSU, Role.CONSULTANT)
ATTENDEE_WITHOUT_PLEDGE = Persona("attendee_without_pledge", "松本 千尋", ENGAWA, Role.CONSULTANT)
LEAD_MANAGER = Persona("lead_manager", "森 敬子", SASAE, Role.MANAGER)
#: 参加支援: the 社協's participation coordinator, on a case's team once the lead hands it over.
PARTICIPATION_COORDINATOR = Persona(
    "participation_coordinator", "渡辺 さくら", SHAKYO, Role.PARTICIPATION_COORDINATOR
)
#: 地域づくり: the 社協's community coordinator (生活支援コーディネーター).
COMMUNITY_COORDINATOR = Persona(
    "community_coordinator", "山本 隆", SHAKYO, Role.COMMUNITY_COORDINATOR
)

ALL = [
    LEAD_CONSULTANT,
    COLLEAGUE,
    PARTNER_WITH_CONSENT,
    PARTNER_WITHOUT_CONSENT,
    MEETING_ATTENDEE,
    COORDINATOR,
    PARTICIPATION_COORDINATOR,
    COMMUNITY_COORDINATOR,
    REPORTER,
    MANAGER,
    AUDITOR,
    ADMIN,
]
