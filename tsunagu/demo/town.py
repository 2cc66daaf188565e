"""つなぐ町: the fictional town of the demo. Every name here is invented.

Running `build_town` again keeps what exists and adds what is missing, so `make demo` can be
run any number of times. Later issues add people, cases and places to the same town.
"""

import os
from dataclasses import dataclass

from django.db import transaction

from tsunagu.accounts import services as accounts
from tsunagu.accounts.choices import OrganizationKind as Kind
from tsunagu.accounts.choices import Role
from tsunagu.accounts.choices import ServiceField as F
from tsunagu.accounts.models import District, Organization, User

DEMO_DOMAIN = "demo.tsunagu.example"

DISTRICTS = [
    ("01", "川辺地区", "かわべちく", "川沿いの旧市街。高齢化率が高く、商店街と団地がある。"),
    ("02", "駅前地区", "えきまえちく", "駅と役場のある町の中心。単身世帯と子育て世帯が多い。"),
    ("03", "山手地区", "やまてちく", "山裾の農村部。集落が点在し、移動手段が課題。"),
]

# name, kana, kind, fields, district codes, coordinating, phone, address
ORGANIZATIONS = [
    (
        "つなぐ町役場 福祉課 地域共生推進係",
        "つなぐちょうやくば ふくしか ちいききょうせいすいしんがかり",
        Kind.MUNICIPAL_SECTION,
        [F.ELDERLY, F.DISABILITY, F.CHILDREN, F.LIVING_HARDSHIP],
        ["01", "02", "03"],
        False,
        "0123-45-1101",
        "つなぐ町駅前一丁目1番1号",
    ),
    (
        "つなぐ町役場 総務課 情報政策係",
        "つなぐちょうやくば そうむか じょうほうせいさくがかり",
        Kind.MUNICIPAL_SECTION,
        [F.OTHER],
        ["01", "02", "03"],
        False,
        "0123-45-1021",
        "つなぐ町駅前一丁目1番1号",
    ),
    (
        "つなぐ町こども家庭センター",
        "つなぐちょうこどもかていせんたー",
        Kind.CHILD_FAMILY_CENTER,
        [F.CHILDREN, F.HEALTH],
        ["01", "02", "03"],
        False,
        "0123-45-1301",
        "つなぐ町駅前一丁目1番1号",
    ),
    (
        "社会福祉法人 つなぐ町社会福祉協議会",
        "しゃかいふくしほうじん つなぐちょうしゃかいふくしきょうぎかい",
        Kind.SHAKYO,
        [F.COMMUNITY, F.LIVING_HARDSHIP, F.ELDERLY],
        ["01", "02", "03"],
        True,
        "0123-45-2200",
        "つなぐ町駅前二丁目3番5号 町民福祉会館",
    ),
    (
        "つなぐ町自立相談支援センター「ささえ」",
        "つなぐちょうじりつそうだんしえんせんたー ささえ",
        Kind.SELF_RELIANCE_SUPPORT,
        [F.LIVING_HARDSHIP, F.EMPLOYMENT, F.HOUSING],
        ["01", "02", "03"],
        False,
        "0123-45-2210",
        "つなぐ町駅前二丁目3番5号 町民福祉会館1階",
    ),
    (
        "川辺地域包括支援センター",
        "かわべちいきほうかつしえんせんたー",
        Kind.COMMUNITY_GENERAL_SUPPORT_CENTER,
        [F.ELDERLY],
        ["01"],
        False,
        "0123-46-3100",
        "つなぐ町川辺三丁目8番2号",
    ),
    (
        "山手地域包括支援センター",
        "やまてちいきほうかつしえんせんたー",
        Kind.COMMUNITY_GENERAL_SUPPORT_CENTER,
        [F.ELDERLY],
        ["02", "03"],
        False,
        "0123-47-4100",
        "つなぐ町山手512番地",
    ),
    (
        "相談支援事業所 ひだまり",
        "そうだんしえんじぎょうしょ ひだまり",
        Kind.DISABILITY_CONSULTATION,
        [F.DISABILITY],
        ["01", "02", "03"],
        False,
        "0123-45-5120",
        "つなぐ町駅前四丁目10番1号",
    ),
    (
        "つなぐ町民生委員児童委員協議会",
        "つなぐちょうみんせいいいんじどういいんきょうぎかい",
        Kind.MINSEI_IIN,
        [F.COMMUNITY, F.ELDERLY, F.CHILDREN],
        ["01", "02", "03"],
        False,
        "0123-45-2201",
        "つなぐ町駅前二丁目3番5号 町民福祉会館内",
    ),
    (
        "NPO法人 まちの縁側",
        "えぬぴーおーほうじん まちのえんがわ",
        Kind.NPO,
        [F.COMMUNITY, F.CHILDREN],
        ["01"],
        False,
        "0123-46-7788",
        "つなぐ町川辺一丁目2番14号",
    ),
    (
        "つなぐ中央病院 地域医療連携室",
        "つなぐちゅうおうびょういん ちいきいりょうれんけいしつ",
        Kind.MEDICAL,
        [F.HEALTH],
        ["01", "02", "03"],
        False,
        "0123-45-6000",
        "つなぐ町駅前五丁目1番1号",
    ),
    (
        "つなぐ町立第一中学校",
        "つなぐちょうりつだいいちちゅうがっこう",
        Kind.SCHOOL,
        [F.EDUCATION, F.CHILDREN],
        ["01", "02"],
        False,
        "0123-45-8111",
        "つなぐ町川辺五丁目3番1号",
    ),
    (
        "立ち飲み よりみち",
        "たちのみ よりみち",
        Kind.BUSINESS,
        [F.COMMUNITY],
        ["01"],
        False,
        "0123-46-0909",
        "つなぐ町川辺二丁目1番3号 川辺銀座商店街",
    ),
]


@dataclass(frozen=True)
class Persona:
    local_part: str
    name: str
    kana: str
    organization: str
    role: str
    title: str
    what: str


PERSONAS = [
    Persona(
        "consultant",
        "佐藤 美咲",
        "さとう みさき",
        "つなぐ町自立相談支援センター「ささえ」",
        Role.CONSULTANT,
        "主任相談支援員",
        "自立相談支援機関の相談支援員",
    ),
    Persona(
        "partner",
        "高橋 健一",
        "たかはし けんいち",
        "川辺地域包括支援センター",
        Role.CONSULTANT,
        "社会福祉士",
        "地域包括支援センターの相談員",
    ),
    Persona(
        "coordinator",
        "田中 由紀子",
        "たなか ゆきこ",
        "社会福祉法人 つなぐ町社会福祉協議会",
        Role.COORDINATOR,
        "多機関協働コーディネーター",
        "社協の多機関協働コーディネーター",
    ),
    Persona(
        "outreach",
        "伊藤 大輔",
        "いとう だいすけ",
        "社会福祉法人 つなぐ町社会福祉協議会",
        Role.OUTREACH_WORKER,
        "アウトリーチ支援員",
        "アウトリーチ支援員",
    ),
    Persona(
        "participation",
        "渡辺 さくら",
        "わたなべ さくら",
        "社会福祉法人 つなぐ町社会福祉協議会",
        Role.PARTICIPATION_COORDINATOR,
        "参加支援コーディネーター",
        "参加支援コーディネーター",
    ),
    Persona(
        "community",
        "山本 隆",
        "やまもと たかし",
        "社会福祉法人 つなぐ町社会福祉協議会",
        Role.COMMUNITY_COORDINATOR,
        "生活支援コーディネーター",
        "地域づくりコーディネーター",
    ),
    Persona(
        "reporter",
        "中村 ハナ",
        "なかむら はな",
        "つなぐ町民生委員児童委員協議会",
        Role.REPORTER,
        "民生委員（川辺地区）",
        "民生委員",
    ),
    Persona(
        "manager",
        "小林 誠",
        "こばやし まこと",
        "つなぐ町役場 福祉課 地域共生推進係",
        Role.MANAGER,
        "福祉課長",
        "福祉課長（管理職）",
    ),
    Persona(
        "auditor",
        "加藤 直子",
        "かとう なおこ",
        "つなぐ町役場 総務課 情報政策係",
        Role.AUDITOR,
        "保護管理者",
        "監査担当・保護管理者",
    ),
    Persona(
        "admin",
        "吉田 翔太",
        "よしだ しょうた",
        "つなぐ町役場 総務課 情報政策係",
        Role.ADMIN,
        "システム管理者",
        "アカウント管理者",
    ),
]


def demo_password() -> str:
    return os.environ.get("TSUNAGU_DEMO_PASSWORD", "tsunagu-demo")


def persona_email(persona: Persona) -> str:
    return f"{persona.local_part}@{DEMO_DOMAIN}"


@transaction.atomic
def build_town() -> dict[str, int]:
    """Create what is missing of the demo town; return how many rows were added."""
    added = {"districts": 0, "organizations": 0, "users": 0}
    districts = {}
    for code, name, kana, description in DISTRICTS:
        district = District.objects.filter(code=code).first()
        if district is None:
            district = accounts.create_district(
                actor=None, code=code, name=name, name_kana=kana, description=description
            )
            added["districts"] += 1
        districts[code] = district
    organizations = {}
    for name, kana, kind, fields, codes, coordinating, phone, address in ORGANIZATIONS:
        organization = Organization.objects.filter(name=name).first()
        if organization is None:
            organization = accounts.create_organization(
                actor=None,
                name=name,
                name_kana=kana,
                kind=kind,
                fields=list(fields),
                districts=[districts[c] for c in codes],
                is_coordinating_body=coordinating,
                phone=phone,
                address=address,
            )
            added["organizations"] += 1
        organizations[name] = organization
    for persona in PERSONAS:
        user = User.objects.filter(email=persona_email(persona)).first()
        if user is None:
            user = accounts.create_user(
                actor=None,
                email=persona_email(persona),
                display_name=persona.name,
                display_name_kana=persona.kana,
                password=demo_password(),
            )
            added["users"] += 1
        organization = organizations[persona.organization]
        if not user.memberships.filter(organization=organization, role=persona.role).exists():
            accounts.grant_role(
                actor=None,
                user=user,
                organization=organization,
                role=persona.role,
                title=persona.title,
            )
    return added
