"""A synthetic city of 400,000 residents' worth of case records, written in bulk.

Sizes at scale 1: 100,000 people, 40,000 households, 20,000 cases, 500,000 progress notes and
60,000 consultations, spread over the demo town's agencies. Note texts come from a pool of
sentences tokenized once; the search index gets exactly what the services would write.
"""

import datetime as dt
import random
import time
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

SIZES = {
    "people": 100_000,
    "households": 40_000,
    "cases": 20_000,
    "notes": 500_000,
    "consultations": 60_000,
}

PHRASES = [
    "母親の介護で仕事を休みがちになっている",
    "長男が二十年近くひきこもりの状態",
    "家賃を三か月滞納している",
    "消費者金融からの債務がある",
    "ハローワークへ同行し求職登録をした",
    "障害年金の申請について説明した",
    "障害者手帳の取得を検討している",
    "生活保護の相談を希望している",
    "就労継続支援の見学に同行した",
    "食べるものがなくフードバンクの食料を渡した",
    "子どもが不登校で母親が悩んでいる",
    "民生委員から見守りの報告があった",
    "地域包括支援センターと情報共有した",
    "ケアマネジャーとサービス担当者会議を行った",
    "電気料金の滞納で停止の通知が届いた",
    "本人は表情が明るくなってきた",
    "通院に付き添い主治医と話した",
    "自立相談支援機関として家計相談を行った",
    "住居確保給付金の申請書類を確認した",
    "ごみが室内に堆積しており片付けの計画を立てた",
    "近所付き合いが途絶えて孤立している",
    "ヤングケアラーとして弟の世話をしている",
    "ダブルケアで心身ともに疲れている",
    "社会福祉協議会の貸付制度を案内した",
    "アルコール依存症の治療を再開した",
    "配食サービスの利用を開始した",
    "通いの場に月二回参加している",
    "債務整理について弁護士に相談した",
    "家族との関係が悪化している",
    "学校のスクールソーシャルワーカーと連絡した",
]
GIVEN = [
    ("一郎", "いちろう"),
    ("花子", "はなこ"),
    ("健一", "けんいち"),
    ("美咲", "みさき"),
    ("大輔", "だいすけ"),
    ("由美", "ゆみ"),
    ("誠", "まこと"),
    ("恵", "めぐみ"),
    ("翔太", "しょうた"),
    ("直美", "なおみ"),
    ("茂", "しげる"),
    ("キヨ", "きよ"),
    ("正夫", "まさお"),
    ("和子", "かずこ"),
    ("陽向", "ひなた"),
]


def _batches(items: list, size: int = 5000) -> Iterator[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), size):
        yield items[start : start + size]


def build(scale: float, seed: int = 400_000) -> dict[str, int]:
    """Fill an empty, migrated database with the city (demo town agencies first)."""
    from tsunagu.accounts.models import Organization, User
    from tsunagu.accounts.services import create_user, grant_role
    from tsunagu.cases.models import Case, CaseIssue, ProgressNote
    from tsunagu.core.japanese import index_terms, name_key, phone_key
    from tsunagu.demo.stories import FAMILY_NAMES
    from tsunagu.demo.town import build_town
    from tsunagu.intake.models import Consultation, Issue
    from tsunagu.people.models import Household, HouseholdMember, Person, PersonLink
    from tsunagu.search import backends
    from tsunagu.search.models import SearchDocument

    rng = random.Random(seed)  # noqa: S311 - synthetic data
    sizes = {k: max(1, int(v * scale)) for k, v in SIZES.items()}
    started = time.perf_counter()
    build_town()
    leads = list(
        Organization.objects.filter(
            kind__in=[
                "self_reliance_support",
                "chiiki_houkatsu",
                "shakyo",
                "disability_consultation",
                "child_family_center",
            ]
        )
    )
    workers: dict[int, User] = {}
    for organization in leads:
        worker = User.objects.filter(
            memberships__organization=organization,
            memberships__role__in=["consultant", "coordinator"],
        ).first()
        if worker is None:
            worker = create_user(
                actor=None,
                email=f"bench-{organization.pk}@bench.example",
                display_name=f"ベンチ 職員{organization.pk}",
            )
            grant_role(actor=None, user=worker, organization=organization, role="consultant")
        workers[organization.pk] = worker
    issues = list(Issue.objects.all())
    today = timezone.localdate()

    sentences = []
    for _ in range(3000):
        body = "。".join(rng.sample(PHRASES, rng.randint(2, 4))) + "。"
        sentences.append((body, " ".join(index_terms(body))))

    with transaction.atomic():
        people = []
        for n in range(sizes["people"]):
            family, family_kana = FAMILY_NAMES[n % len(FAMILY_NAMES)]
            given, given_kana = GIVEN[rng.randrange(len(GIVEN))]
            name, kana = f"{family} {given}", f"{family_kana} {given_kana}"
            phone = f"0{rng.randint(70, 90)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
            people.append(
                Person(
                    name=name,
                    name_kana=kana,
                    birth_date=dt.date(
                        rng.randint(1930, 2015), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    phone=phone,
                    address=f"つなぐ市{rng.randint(1, 9)}丁目{rng.randint(1, 40)}番",
                    name_match_key=name_key(name),
                    kana_match_key=name_key(kana),
                    family_match_key=name_key(family),
                    phone_match_key=phone_key(phone),
                )
            )
        for batch in _batches(people):
            Person.objects.bulk_create(batch)
        people = list(Person.objects.order_by("pk"))
        households = Household.objects.bulk_create(
            Household(name=f"{people[n].name.split(' ')[0]}さん世帯")
            for n in range(sizes["households"])
        )
        members = []
        cursor = 0
        for household in households:
            for k in range(rng.choice([1, 2, 2, 3, 4])):
                if cursor >= len(people):
                    break
                members.append(
                    HouseholdMember(
                        household=household,
                        person=people[cursor],
                        relationship="head" if k == 0 else "child",
                    )
                )
                cursor += 1
        for batch in _batches(members):
            HouseholdMember.objects.bulk_create(batch)

        cases = []
        for n in range(sizes["cases"]):
            organization = leads[n % len(leads)]
            is_household = n % 5 == 0
            cases.append(
                Case(
                    person=None if is_household else people[rng.randrange(len(people))],
                    household=households[rng.randrange(len(households))] if is_household else None,
                    lead_organization=organization,
                    lead_worker=workers[organization.pk],
                    status=rng.choice(
                        [
                            "received",
                            "assessment",
                            "planning",
                            "in_support",
                            "in_support",
                            "in_support",
                            "evaluation",
                            "closed",
                            "suspended",
                        ]
                    ),
                    risk_flags=rng.choice(["", "", "", " dv ", " suicide ", " life "]),
                    opened_on=today - dt.timedelta(days=rng.randint(0, 1500)),
                )
            )
        for batch in _batches(cases):
            Case.objects.bulk_create(batch)
        cases = list(Case.objects.select_related("household").order_by("pk"))
        CaseIssue.objects.bulk_create(
            CaseIssue(case=case, issue=rng.choice(issues), is_main=True) for case in cases
        )
        links = {(case.person_id, case.lead_organization_id) for case in cases if case.person_id}
        for batch in _batches(sorted(links)):
            PersonLink.objects.bulk_create(
                [PersonLink(person_id=p, organization_id=o) for p, o in batch],
                ignore_conflicts=True,
            )

        def index(
            kind: str,
            rows: list,
            texts: list[tuple[str, str]],
            org_ids: list[int],  # type: ignore[type-arg]
            case_ids: list[int | None],
            times: list[dt.datetime],
        ) -> None:
            documents = [
                SearchDocument(
                    kind=kind,
                    object_id=row.pk,
                    case_id=case_id,
                    title="",
                    content=text,
                    terms=terms,
                    visibility=f" {backends.visibility_token(org)} ",
                    occurred_at=when,
                )
                for row, (text, terms), org, case_id, when in zip(
                    rows, texts, org_ids, case_ids, times, strict=True
                )
            ]
            SearchDocument.objects.bulk_create(documents)
            _write_index(documents)

        for start in range(0, sizes["notes"], 20_000):
            chunk = []
            texts = []
            for n in range(start, min(start + 20_000, sizes["notes"])):
                case = cases[n % len(cases)]
                text = sentences[rng.randrange(len(sentences))]
                when = timezone.now() - dt.timedelta(
                    days=rng.randint(0, 1500), minutes=rng.randint(0, 1440)
                )
                chunk.append(
                    ProgressNote(
                        case=case,
                        body=text[0],
                        method="meeting",
                        occurred_at=when,
                        author=case.lead_worker,
                        organization=case.lead_organization,
                    )
                )
                texts.append(text)
            notes = ProgressNote.objects.bulk_create(chunk)
            index(
                "note",
                notes,
                texts,
                [n.organization_id for n in notes],
                [n.case_id for n in notes],
                [n.occurred_at for n in notes],
            )

        for start in range(0, sizes["consultations"], 20_000):
            chunk, texts = [], []
            for n in range(start, min(start + 20_000, sizes["consultations"])):
                organization = leads[n % len(leads)]
                text = sentences[rng.randrange(len(sentences))]
                chunk.append(
                    Consultation(
                        received_at=timezone.now() - dt.timedelta(days=rng.randint(0, 1500)),
                        received_by=workers[organization.pk],
                        organization=organization,
                        person=people[rng.randrange(len(people))] if n % 4 else None,
                        main_concern=text[0],
                    )
                )
                texts.append(text)
            rows = Consultation.objects.bulk_create(chunk)
            index(
                "consultation",
                rows,
                texts,
                [r.organization_id for r in rows],
                [None] * len(rows),
                [r.received_at for r in rows],
            )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
            cursor.execute("ANALYZE")
    else:
        # VACUUM too: a freshly loaded table has no visibility map, so the search's index-only
        # scans would visit the heap (3-20 times slower until autovacuum came by).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    sizes["seconds"] = int(time.perf_counter() - started)
    return sizes


def _write_index(documents: list) -> None:  # type: ignore[type-arg]
    """The same index rows as tsunagu.search.backends.write, in bulk."""
    from tsunagu.search import backends

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts (rowid, tokens) VALUES (%s, %s)",
                [(d.pk, backends.keyed_tokens(d.terms, d.visibility)) for d in documents],
            )
        else:
            backends.pg_write_vectors([d.pk for d in documents])


def furnish(case: Any) -> None:
    """Give the measured case what a case in its third month has (the city's cases carry notes
    only): an assessment in every area, a plan with goals and actions (tasks), an earlier plan,
    an evaluation, two consents and a team, referrals, a barrier and a document. Once: a case
    with a plan is left as it is."""
    from django.core.files.base import ContentFile

    from tsunagu.accounts.models import Organization
    from tsunagu.cases.services import attach_file
    from tsunagu.insights.services import record_barrier
    from tsunagu.plans import services as plans
    from tsunagu.plans.choices import ASSESSMENT_AREAS
    from tsunagu.referrals.services import send_referral
    from tsunagu.sharing.choices import InfoCategory as C
    from tsunagu.sharing.services import add_team_member, record_consent

    if case.plans.exists():
        return
    worker = case.lead_worker
    today = timezone.localdate()
    partners = list(
        Organization.objects.filter(is_active=True)
        .exclude(pk=case.lead_organization_id)
        .order_by("pk")[:2]
    )
    plans.record_assessment(
        actor=worker,
        case=case,
        assessed_on=today - dt.timedelta(days=80),
        summary="世帯全体の生活の立て直しが必要。本人の意欲はある。",
        **{area: f"{label}について聞き取った内容。" * 6 for area, label in ASSESSMENT_AREAS},
    )
    for version in (1, 2):
        plan = plans.record_support_plan(
            actor=worker,
            case=case,
            persons_wishes="家賃を払い続けて、この家で暮らしたい。",
            long_term_goal="安定した収入で生活を続ける。",
            goals=["家計を整える", "就労の準備をする", "地域の居場所につながる"],
            actions=[
                {
                    "description": text,
                    "due_on": today + dt.timedelta(days=7 * (k + version)),
                    "responsible_worker": worker,
                }
                for k, text in enumerate(
                    ["家計表を一緒につける", "ハローワークへ同行する", "サロンを紹介する"]
                )
            ],
            period_start=today - dt.timedelta(days=60 - 30 * version),
            next_review_on=today + dt.timedelta(days=30),
        )
        if version == 1:
            plans.record_evaluation(
                actor=worker,
                case=case,
                plan=plan,
                attainments={goal.pk: ("partly", "") for goal in plan.goals.all()},
                next_direction="replan",
                persons_change="表情が明るくなった。",
            )
    for organization in partners:
        record_consent(
            actor=worker,
            case=case,
            categories=C.FAMILY | C.MONEY | C.HISTORY,
            organizations=[organization],
            purpose="関係機関が連携して支援を検討するため",
            method="written",
            obtained_on=today - dt.timedelta(days=50),
        )
        add_team_member(actor=worker, case=case, organization=organization, role="related")
        send_referral(
            actor=worker,
            case=case,
            to_organization=organization,
            reason="家計の立て直しについて相談に乗ってほしい。",
            categories=C.FAMILY | C.MONEY,
        )
    record_barrier(
        actor=worker,
        case=case,
        would_help="夜間に相談できる窓口",
        blocked_by="staff",
        program="自立相談支援事業",
    )
    attach_file(
        actor=worker,
        case=case,
        title="家計表",
        file=ContentFile("月収 12万円、家賃 5万円".encode(), name="kakei.txt"),
        categories=C.MONEY,
    )
