"""つなぐ町's 参加支援: five people at every stage, in their own words — 松本 誠 helps with the
prep at 立ち飲み よりみち before it opens (the host's adaptation, 資源化), 後藤 誠 tries ひだまり工房,
伊藤 正夫 has visited the 囲碁・将棋の会 with the coordinator (and said no to a crowded class),
田中 健二 is introduced to よりみち through the same adaptation with a visit planned, and 山﨑
正夫 tended the park's flower beds through the summer. Built once, through the services, with the
days of each step in the past."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tsunagu.accounts.models import District, Organization, User
from tsunagu.accounts.services import create_user
from tsunagu.cases.models import Case
from tsunagu.demo.town import PERSONAS, demo_password, persona_email
from tsunagu.participation import services
from tsunagu.participation.choices import StepKind
from tsunagu.participation.models import HostAccount, Participation, Profile, Step
from tsunagu.resources.models import Resource
from tsunagu.sharing.access import case_access
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.services import record_consent

SHAKYO = "社会福祉法人 つなぐ町社会福祉協議会"
#: The login of 立ち飲み よりみち's owner (a host: no role, the host's page only).
HOST_EMAIL = "yorimichi@demo.tsunagu.example"
SASAE = "つなぐ町自立相談支援センター「ささえ」"


def _day(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _case(name: str, lead: str) -> Case:
    return Case.objects.filter(person__name=name, lead_organization__name=lead).order_by("pk")[0]


@transaction.atomic
def build_participation() -> dict[str, int]:
    if Profile.objects.exists():
        return {"participations": 0}
    users = {p.local_part: User.objects.get(email=persona_email(p)) for p in PERSONAS}
    sakura = users["participation"]  # 渡辺 さくら, the 社協's participation coordinator
    places = {r.name: r for r in Resource.objects.all()}
    districts = {d.code: d for d in District.objects.all()}
    shakyo = Organization.objects.get(name=SHAKYO)

    def profile(case: Case, districts_: list[str], **fields: Any) -> object:
        access = case_access(sakura, case)
        services.record_profile(
            actor=sakura,
            access=access,
            districts=[districts[c] for c in districts_],
            **fields,
        )
        return access

    def introduce(access: object, place: str, days: int, **fields: object) -> Participation:
        return services.introduce(
            actor=sakura,
            access=access,  # type: ignore[arg-type]
            resource_id=places[place].pk,
            introduced_on=_day(days),
            **fields,  # type: ignore[arg-type]
        )

    def step(
        access: object,
        joined: Participation,
        kind: str,
        days: int,
        note: str,
        *,
        along: bool = False,
    ) -> None:
        planned = Step.objects.filter(
            participation=joined, kind=kind, happened_on__isnull=True
        ).first()
        services.record_step(
            actor=sakura,
            access=access,  # type: ignore[arg-type]
            participation=joined,
            kind=kind,
            happened_on=_day(days),
            accompanied_by=sakura if along else None,
            note=note,
            step=planned,
        )

    # 1. 松本 誠 (45): 継続 at 立ち飲み よりみち, through the host's adaptation.
    matsumoto = profile(
        _case("松本 誠", SHAKYO),
        ["01"],
        interests="料理。昔の洋楽を聴くこと",
        strengths="居酒屋の厨房で8年働いた。包丁仕事は今でも得意",
        wishes="誰かの役に立ちたい。でも大勢の前は無理",
        dislikes="人が大勢いる時間帯、朝早い時間",
        days=["1", "3", "4"],
        times=["afternoon"],
        needs_quiet=True,
        max_cost=500,
        health="うつ病で通院中。疲れると数日動けない",
    )
    bar = introduce(
        matsumoto,
        "立ち飲み よりみち",
        120,
        host_contact="店主の大西 茂さん",
        host_name="誠さん",
        host_note="人が多い時間は苦手です。体調で休むときは社協から連絡します",
    )
    step(
        matsumoto,
        bar,
        StepKind.VISIT,
        115,
        "開店前の静かな時間に同行。店主と厨房の話で打ち解けた",
        along=True,
    )
    adaptation = services.record_adaptation(
        actor=sakura,
        access=matsumoto,  # type: ignore[arg-type]
        participation=bar,
        resource_id=bar.resource_id,
        what="開店前の30分（16時〜）、仕込みと品出しを手伝う。客のいない静かな時間",
        days=["0", "1", "3", "4"],
        times=["afternoon"],
        capacity=2,
        quiet=True,
        host_contact="店主の大西 茂さん",
        negotiated_on=_day(112),
    )
    step(matsumoto, bar, StepKind.TRIAL, 108, "火・木の16時から30分。まかないを一緒に食べて帰った")
    step(matsumoto, bar, StepKind.FOLLOW_UP_HOST, 100, "店主「包丁さばきが見事。来てくれて助かる」")
    step(
        matsumoto,
        bar,
        StepKind.FOLLOW_UP_PERSON,
        99,
        "「役に立てている感じがする」。疲れは翌日に残らない",
    )
    step(matsumoto, bar, StepKind.CONTINUING, 95, "週2回で続けることを本人と店主で決めた")
    step(
        matsumoto,
        bar,
        StepKind.FOLLOW_UP_HOST,
        60,
        "体調で1回休んだが、店主が電話で声をかけてくれた",
    )
    step(matsumoto, bar, StepKind.FOLLOW_UP_PERSON, 58, "常連の一人と音楽の話をするようになった")
    services.correct_participation(
        actor=sakura,
        access=matsumoto,  # type: ignore[arg-type]
        participation=bar,
        reason="3か月の振り返り",
        outcome="週2回、開店前の仕込みを続けている。外出が週0回から週2回に。常連に顔見知りができた",
    )

    # 孤独感, asked with his agreement at the start and after three months.
    for point, days, answers in (("start", 118, (4, 4, 3, 4)), ("month_3", 20, (3, 3, 2, 2))):
        services.record_wellbeing(
            actor=sakura,
            access=matsumoto,  # type: ignore[arg-type]
            point=point,
            measured_on=_day(days),
            loneliness=answers[0],
            companionship=answers[1],
            left_out=answers[2],
            isolated=answers[3],
        )

    # 2. 後藤 誠 (45): 体験 at ひだまり工房; the follow-ups are planned.
    goto = profile(
        _case("後藤 誠", SHAKYO),
        ["01", "02"],
        interests="木工、プラモデル。手を動かす細かい作業",
        strengths="工場で部品の検品をしていた。正確さには自信がある",
        wishes="少しずつ働く練習をしたい",
        dislikes="電話に出ること",
        days=["0", "2", "4"],
        times=["morning", "afternoon"],
        max_cost=0,
    )
    workshop = introduce(goto, "ひだまり工房", 30, host_contact="職業指導員の川口さん")
    step(
        goto, workshop, StepKind.VISIT, 24, "同行して見学。作業の説明を熱心に聞いていた", along=True
    )
    step(goto, workshop, StepKind.TRIAL, 10, "3日間の体験。木工の磨き作業を午前中だけ")
    services.record_wellbeing(
        actor=sakura,
        access=goto,  # type: ignore[arg-type]
        point="start",
        measured_on=_day(30),
        loneliness=5,
        companionship=4,
        left_out=4,
        isolated=4,
    )

    # 3. 伊藤 正夫 (76): 見学 with the coordinator; said no to a crowded class.
    ito = profile(
        _case("伊藤 正夫", SHAKYO),
        ["01"],
        interests="囲碁。若い頃は町内の囲碁大会で優勝した",
        strengths="昔は町内会の会計をしていた",
        wishes="妻を亡くしてから話す相手がいない。誰かと話したい",
        dislikes="歌や体操のような、皆で同じことをする集まり",
        days=["1", "3"],
        times=["afternoon"],
        needs_step_free=True,
    )
    services.record_decline(
        actor=sakura,
        access=ito,  # type: ignore[arg-type]
        resource_id=places["男の料理教室"].pk,
        reason="crowd",
        note="「20人も集まるところは疲れる」",
        declined_on=_day(20),
    )
    go = introduce(ito, "囲碁・将棋の会", 14, host_contact="世話役の堀田さん")
    step(ito, go, StepKind.VISIT, 5, "同行して見学。一局打って「また来たい」と話した", along=True)
    services.plan_step(
        actor=sakura,
        access=ito,  # type: ignore[arg-type]
        participation=go,
        kind=StepKind.TRIAL,
        planned_on=timezone.localdate() + dt.timedelta(days=6),
        note="次の例会に一人で行ってみる",
    )

    # 4. 田中 健二 (38, ささえ's case; the 社協 on the team with a consent of 参加・つながり): introduced to
    #    よりみち through the same adaptation, a visit with the coordinator planned.
    tanaka_case = _case("田中 健二", SASAE)
    record_consent(
        actor=tanaka_case.lead_worker,
        case=tanaka_case,
        categories=C.PARTICIPATION | C.FAMILY,
        organizations=[shakyo],
        purpose="参加支援（社協の参加支援コーディネーターと、居場所や役割を探す）",
        method="written",
        obtained_on=_day(12),
    )
    tanaka = profile(
        tanaka_case,
        ["01", "02"],
        interests="料理動画を見ること。ラーメンの食べ歩き",
        strengths="学生時代に飲食店で仕込みのアルバイト",
        wishes="昼夜逆転を直して、外に出る理由がほしい",
        dislikes="面接のような場。知らない人に話しかけられること",
        days=["0", "1", "3", "4"],
        times=["afternoon", "evening"],
        needs_quiet=True,
        max_cost=500,
    )
    tanaka_bar = introduce(
        tanaka,
        "立ち飲み よりみち",
        3,
        adaptation=adaptation,
        host_contact="店主の大西 茂さん",
        host_name="健二さん",
        host_note="初めての場所は緊張します。最初は社協の渡辺が一緒に行きます",
    )
    services.plan_step(
        actor=sakura,
        access=tanaka,  # type: ignore[arg-type]
        participation=tanaka_bar,
        kind=StepKind.VISIT,
        planned_on=timezone.localdate() + dt.timedelta(days=2),
        accompanied_by=sakura,
        note="開店前の16時に店の前で待ち合わせ。松本さんの仕込みの日",
    )

    # 5. 山﨑 正夫 (76): 終了 after a summer at the park's flower beds.
    yamazaki = profile(
        _case("山﨑 正夫", SHAKYO),
        ["02"],
        interests="花や植木の手入れ",
        strengths="定年まで造園業",
        wishes="体が動くうちは外で作業したい",
        days=["5"],
        times=["morning"],
    )
    beds = introduce(
        yamazaki, "公園の花壇ボランティア", 180, host_contact="公園愛護会の会長 小野さん"
    )
    step(yamazaki, beds, StepKind.VISIT, 175, "同行して見学", along=True)
    step(yamazaki, beds, StepKind.TRIAL, 168, "土曜の朝に1時間")
    step(yamazaki, beds, StepKind.CONTINUING, 160, "毎週土曜に参加することに")
    services.end_participation(
        actor=sakura,
        access=yamazaki,  # type: ignore[arg-type]
        participation=beds,
        reason="health",
        ended_on=_day(40),
        note="膝の痛みで屈む作業が難しくなった。本人と相談して一区切り",
        outcome="夏の間は毎週通えた。愛護会に知り合いができ、今も道で声をかけ合う",
    )
    Step.objects.filter(participation__in=[beds], happened_on__isnull=True).delete()

    # An adaptation not used yet: 喫茶 かわせみ's quiet afternoon seat.
    services.record_adaptation(
        actor=sakura,
        resource_id=places["喫茶 かわせみ"].pk,
        what="午後2〜4時の空いた時間に、奥の静かな席で皿洗いと片付けを手伝う",
        days=["1", "2", "3"],
        times=["afternoon"],
        capacity=1,
        valid_until=timezone.localdate() + dt.timedelta(days=180),
        quiet=True,
        host_contact="マスターの森さん",
        negotiated_on=_day(30),
    )
    # The bar's owner has a login of his own (受け入れ先の画面).
    host = create_user(
        actor=None, email=HOST_EMAIL, display_name="大西 茂", password=demo_password()
    )
    shotenkai = places["立ち飲み よりみち"].provider
    assert shotenkai is not None  # noqa: S101 - the directory names who runs it
    HostAccount.objects.create(user=host, provider=shotenkai, created_by=sakura)
    return {"participations": Participation.objects.count()}
