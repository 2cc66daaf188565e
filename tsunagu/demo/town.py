"""つなぐ町: the fictional town of the demo. Every name here is invented.

Running `build_town` again keeps what exists and adds what is missing, so `make demo` can be
run any number of times. Later issues add people, cases and places to the same town.
"""

import datetime as dt
import os
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tsunagu.accounts import services as accounts
from tsunagu.accounts.choices import OrganizationKind as Kind
from tsunagu.accounts.choices import Role
from tsunagu.accounts.choices import ServiceField as F
from tsunagu.accounts.models import District, Organization, User
from tsunagu.cases import services as cases
from tsunagu.demo.stories import FAMILY_NAMES, OTHER_CONCERNS, STORIES, STREETS, Member, Story
from tsunagu.intake.models import Consultation, Issue
from tsunagu.intake.services import record_consultation, record_first_response
from tsunagu.people import services as people
from tsunagu.people.models import Household, Person
from tsunagu.plans import services as plans
from tsunagu.sharing.choices import InfoCategory as C

DEMO_DOMAIN = "demo.tsunagu.example"

# code, name, kana, description, population (住民基本台帳)
DISTRICTS = [
    ("01", "川辺地区", "かわべちく", "川沿いの旧市街。高齢化率が高く、商店街と団地がある。", 4860),
    (
        "02",
        "駅前地区",
        "えきまえちく",
        "駅と役場のある町の中心。単身世帯と子育て世帯が多い。",
        5310,
    ),
    ("03", "山手地区", "やまてちく", "山裾の農村部。集落が点在し、移動手段が課題。", 1930),
]
#: 重層の主管課: its managers see every agency's figures.
LEAD_SECTION = "つなぐ町役場 福祉課 地域共生推進係"

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
        "director",
        "木下 正和",
        "きのした まさかず",
        "社会福祉法人 つなぐ町社会福祉協議会",
        Role.MANAGER,
        "事務局長",
        "社協の事務局長（管理職：役割の確認、緊急アクセスの承認）",
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
    for code, name, kana, description, population in DISTRICTS:
        district = District.objects.filter(code=code).first()
        if district is None:
            district = accounts.create_district(
                actor=None,
                code=code,
                name=name,
                name_kana=kana,
                description=description,
                population=population,
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
                is_lead_section=name == LEAD_SECTION,
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


# -- People, households and cases ---------------------------------------------------------------

HOUSEHOLDS = 200
STORY_CASES = 60
LEADS = {  # which demo worker carries which kind of story
    "8050": "partner",
    "double_care": "consultant",
    "young_carer": "coordinator",
    "debt": "consultant",
    "hoarding": "outreach",
    "single_parent": "consultant",
    "disability": "coordinator",
    "isolation": "partner",
}
STATUS_CYCLE = [
    "in_support",
    "received",
    "assessment",
    "planning",
    "in_support",
    "evaluation",
    "closed",
    "in_support",
    "suspended",
    "closed",
]


def _birth_date(rng: random.Random, age: int) -> dt.date:
    today = timezone.localdate()
    return dt.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))


def days_ago(days: int, hour: int = 10) -> dt.datetime:
    """That many days ago, at that hour (the demo dates its records back)."""
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@transaction.atomic
def build_casework() -> dict[str, int]:
    """About 200 households, 60 cases in every stage with notes, and consultations (some
    anonymous). Built once: a town that already has households is left as it is."""
    if Household.objects.exists():
        return {"households": 0, "cases": 0}
    rng = random.Random(20261127)  # noqa: S311 - invented data, not security
    users = {p.local_part: User.objects.get(email=persona_email(p)) for p in PERSONAS}
    districts = {d.code: d for d in District.objects.all()}
    issues = {i.code: i for i in Issue.objects.all()}
    organizations = {o.name: o for o in Organization.objects.all()}
    kawabe = organizations["川辺地域包括支援センター"]
    added = {"households": 0, "cases": 0}
    for n in range(HOUSEHOLDS):
        code = ["01", "02", "03"][n % 3]
        family, family_kana = FAMILY_NAMES[n % len(FAMILY_NAMES)]
        address = f"つなぐ町{rng.choice(STREETS[code])}{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
        story = STORIES[n % len(STORIES)] if n < STORY_CASES else None
        lead = users[LEADS[story.key]] if story else users["consultant"]
        if story:
            members = story.members
        else:
            members = rng.choice(
                [
                    (Member("head", "茂", "しげる", rng.randint(70, 90), "男性"),),
                    (
                        Member("head", "和夫", "かずお", rng.randint(65, 80), "男性"),
                        Member("spouse", "節子", "せつこ", rng.randint(63, 78), "女性"),
                    ),
                    (
                        Member("head", "大輔", "だいすけ", rng.randint(30, 45), "男性"),
                        Member("spouse", "恵", "めぐみ", rng.randint(28, 43), "女性"),
                        Member("child", "蒼", "あおい", rng.randint(1, 12), "男性"),
                    ),
                    (Member("head", "直美", "なおみ", rng.randint(40, 60), "女性"),),
                ]
            )
        household = people.create_household(
            actor=lead, name=f"{family}さん世帯", address=address, district=districts[code]
        )
        persons = []
        for member in members:
            person = people.register_person(
                actor=lead,
                name=f"{family} {member.given}",
                name_kana=f"{family_kana} {member.given_kana}",
                birth_date=_birth_date(rng, member.age),
                sex=member.sex,
                address=address,
                district=districts[code],
                phone=f"0123-4{rng.randint(5, 7)}-{rng.randint(1000, 9999)}"
                if member.age >= 18
                else "",
            )
            people.add_household_member(
                actor=lead, household=household, person=person, relationship=member.relationship
            )
            persons.append(person)
        added["households"] += 1
        if story:
            _story_case(story, n, lead, household, persons, issues, users, kawabe, rng)
            added["cases"] += 1
        elif n % 4 == 0:
            topic, issue_code, concern = OTHER_CONCERNS[n % len(OTHER_CONCERNS)]
            record_consultation(
                actor=users["consultant"],
                main_concern=concern,
                person=persons[0],
                received_at=days_ago(rng.randint(1, 200)),
                channel="phone",
                issues=[issues[issue_code]],
                main_issue=issues[issue_code],
                disposition="information",
                response=f"{topic}について制度と窓口を案内した。",
            )
    for n in range(12):  # calls from people who did not give a name
        topic, issue_code, concern = OTHER_CONCERNS[n % len(OTHER_CONCERNS)]
        record_consultation(
            actor=users["consultant" if n % 2 else "partner"],
            main_concern=concern,
            received_at=days_ago(n * 3 + 1, 9 + n % 8),
            channel="phone",
            consulted_by=["self", "family", "neighbour"][n % 3],
            issues=[issues[issue_code]],
            disposition=["pending", "information"][n % 2],
        )
    # 記録の訂正: a call completed afterwards and a note corrected, each with its history.
    _corrections(users["consultant"])
    # 緊急・未対応: two calls whose first response is not recorded yet, at the top of the
    # consultant's and the partner's home (the coordinator sees that they wait, not what).
    now = timezone.now()
    for worker, minutes, concern, risks in [
        (
            "consultant",
            25,
            "「もう死にたい」と何度も口にする。今夜はひとりで過ごすのが怖いという男性からの電話。",
            ["suicide"],
        ),
        (
            "partner",
            130,
            "隣の部屋から怒鳴り声と物が壊れる音が続いている、子どもの泣き声もすると近所の人から。",
            ["abuse"],
        ),
    ]:
        record_consultation(
            actor=users[worker],
            main_concern=concern,
            received_at=now - dt.timedelta(minutes=minutes),
            channel="phone",
            consulted_by="self" if worker == "consultant" else "neighbour",
            urgency="urgent",
            risk_flags=risks,
        )
    return added


def _corrections(consultant: User) -> None:
    from tsunagu.cases.models import ProgressNote
    from tsunagu.intake.services import correct_consultation

    call = Consultation.objects.filter(received_by=consultant, person__isnull=False).first()
    if call is not None:
        correct_consultation(
            actor=consultant,
            consultation=call,
            reason="来談者の名前と連絡先を後日の電話で聞いた",
            consulted_by_name="本人の長女",
            consulted_by_contact="090-3456-7812",
        )
    note = ProgressNote.objects.filter(author=consultant).order_by("pk").first()
    if note is not None:
        cases.correct_progress_note(
            actor=consultant,
            note=note,
            reason="同席者の記載漏れ",
            with_whom=(note.with_whom + "、" if note.with_whom else "") + "地区担当の保健師",
        )


#: Words by which the demo tells what a note speaks of (情報の区分); a worker ticks these.
CATEGORY_WORDS = [
    (
        C.HEALTH,
        ("介護", "通院", "病院", "受診", "障害", "認知", "膝", "薬", "体調", "デイサービス"),
    ),
    (C.MONEY, ("借金", "債務", "家賃", "滞納", "年金", "生活保護", "返済", "お金", "収入")),
    (C.SCHOOL_WORK, ("就労", "仕事", "ハローワーク", "学校", "登校", "職場", "求人")),
    (C.WELFARE, ("申請", "制度", "サービス", "手帳", "認定")),
]


def note_categories(body: str) -> int:
    categories: int = C.HISTORY
    for category, words in CATEGORY_WORDS:
        if any(word in body for word in words):
            categories |= category
    return categories


def _story_case(
    story: Story,
    n: int,
    lead: User,
    household: Household,
    persons: list[Person],
    issues: dict[str, Issue],
    users: dict[str, User],
    kawabe: Organization,
    rng: random.Random,
) -> None:
    status = STATUS_CYCLE[n % len(STATUS_CYCLE)]
    opened = (
        rng.randint(40, 300)
        if status in ("closed", "suspended", "evaluation")
        else rng.randint(5, 150)
    )
    subject = persons[story.subject] if story.subject >= 0 else persons[0]
    consultation = record_consultation(
        actor=lead,
        main_concern=story.concern,
        person=subject,
        received_at=days_ago(opened, 10),
        channel=story.channel,
        consulted_by=story.consulted_by,
        issues=[issues[c] for c in story.issues],
        main_issue=issues[story.main_issue],
        risk_flags=list(story.risks),
        consent_to_share="yes",
        urgency="soon" if story.risks else "normal",
    )
    if consultation.is_urgent:  # answered the same day, long ago
        record_first_response(
            actor=lead,
            consultation=consultation,
            text="受付の当日中に本人と連絡を取り、安全を確認した。",
        )
        Consultation.objects.filter(pk=consultation.pk).update(
            first_response_at=days_ago(opened, 12)
        )
        consultation.refresh_from_db()
    case = cases.open_case(
        actor=lead,
        consultation=consultation,
        person=None if story.subject < 0 else subject,
        household=household if story.subject < 0 else None,
        opened_on=timezone.localdate() - dt.timedelta(days=opened),
    )
    if status == "received":
        return
    plans.record_assessment(
        actor=lead,
        case=case,
        assessed_on=timezone.localdate() - dt.timedelta(days=opened - 3),
        **story.assessment,
    )
    if status == "assessment":
        return
    if status == "planning":
        cases.change_case_status(actor=lead, case=case, status="planning")
        return
    due = [rng.randint(-6, 25) for _ in story.actions]
    plans.record_support_plan(
        actor=lead,
        case=case,
        persons_wishes=story.wishes,
        goals=list(story.goals),
        long_term_goal=story.wishes,
        period_start=timezone.localdate() - dt.timedelta(days=opened - 7),
        actions=[
            {
                "description": text,
                "due_on": timezone.localdate() + dt.timedelta(days=d),
                "responsible_worker": lead,
                "responsible_organization": kawabe if "包括" in text or "介護" in text else None,
            }
            for text, d in zip(story.actions, due, strict=True)
        ],
        next_review_on=timezone.localdate() + dt.timedelta(days=rng.randint(-3, 40)),
    )
    span = max(opened - 10, len(story.notes) + 1)
    for k, (method, with_whom, body) in enumerate(story.notes):
        note_day = opened - 8 - k * span // len(story.notes)
        last = k == len(story.notes) - 1
        cases.add_progress_note(
            actor=lead,
            case=case,
            method=method,
            with_whom=with_whom,
            body=body,
            occurred_at=days_ago(max(note_day, 1), 14),
            next_action="次回の訪問・連絡" if last and status == "in_support" else "",
            next_action_on=timezone.localdate() + dt.timedelta(days=rng.randint(-2, 10))
            if last and status == "in_support"
            else None,
            categories=note_categories(body),
        )
    if status == "in_support":
        return
    plan = case.plans.get()
    goals = list(plan.goals.all())
    direction = {"evaluation": "continue", "closed": "close", "suspended": "suspend"}[status]
    if status == "evaluation":
        cases.change_case_status(actor=lead, case=case, status="evaluation")
        return
    plans.record_evaluation(
        actor=lead,
        case=case,
        plan=plan,
        next_direction=direction,
        attainments={g.pk: ("achieved" if status == "closed" else "partly", "") for g in goals},
        persons_change=story.change if status == "closed" else "連絡が途絶えがちになっている。",
        comment="目標を達成し、終結とする。今後も主担当が時々様子をうかがう。"
        if status == "closed"
        else "本人の希望により支援を一時中断する。",
        evaluated_on=timezone.localdate() - dt.timedelta(days=2),
    )
