"""つなぐ町's アウトリーチ: concerns from the 民生委員 and from the owner of 立ち飲み よりみち,
targets in every stage with months of contact history (most tries fail, as in life), one
connected to a consultation and a case, one gone quiet for the coordinator to review, and
check-ins after closure. Built once, through the services, then dated back."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tsunagu.accounts.models import District, User
from tsunagu.cases.models import Case, Task
from tsunagu.demo.town import PERSONAS, days_ago, persona_email
from tsunagu.outreach import services
from tsunagu.outreach.models import Concern, OutreachTarget
from tsunagu.people.models import Household, Person
from tsunagu.people.services import link_person, register_person


def _backdate(obj: Concern | OutreachTarget, days: int) -> None:
    obj.created_at = days_ago(days, 10)
    type(obj).objects.filter(pk=obj.pk).update(created_at=obj.created_at)


# (days ago, method, outcome, what was seen, through whom, next step)
Contact = tuple[int, str, str, str, str, str]


def _contacts(worker: User, target: OutreachTarget, history: list[Contact]) -> None:
    for days, method, outcome, observed, via, next_step in history:
        services.record_contact(
            actor=worker,
            target=target,
            method=method,
            outcome=outcome,
            occurred_at=days_ago(days, 15),
            observed=observed,
            via=via,
            next_step=next_step,
        )


def salon_household() -> Household | None:
    """A household of the town that no agency works a case with, known to 社協 from the 山手
    地区のサロン: where a 民生委員's worry may start an outreach (the browser test follows it)."""
    return (
        Household.objects.filter(district__code="03", cases__isnull=True, outreach__isnull=True)
        .exclude(members__person__cases__isnull=False)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def build_outreach() -> dict[str, int]:
    if Concern.objects.exists():
        return {"concerns": 0, "outreach targets": 0}
    users = {p.local_part: User.objects.get(email=persona_email(p)) for p in PERSONAS}
    reporter, outreach = users["reporter"], users["outreach"]
    districts = {d.code: d for d in District.objects.all()}
    kawabe, yamate = districts["01"], districts["03"]

    # 気になる人・世帯: from the 民生委員, and what the bar owner told the outreach worker.
    mail = services.report_concern(
        actor=reporter,
        on_behalf_of="minsei_iin",
        noticed="新聞と郵便物が一週間たまっている。夜も電気がつかない。一人暮らしの70代の男性。",
        place="川辺団地3号棟の1階、角の部屋",
        district=kawabe,
        urgency="soon",
        reporter_contact="民生委員 中村（090-0000-1234）",
    )
    bar = services.report_concern(
        actor=outreach,
        on_behalf_of="shop",
        noticed="毎晩来ていた常連が三週間来ない。最後に来た時、家賃が払えないと話していた。",
        place="駅前のアパート（名前は「ハイツ駅前」）",
        district=districts["02"],
        reporter_contact="立ち飲み よりみち 店主",
    )
    garden = services.report_concern(
        actor=reporter,
        on_behalf_of="neighbour",
        noticed="庭の草が伸び放題で、雨戸が閉まったまま。以前は畑仕事をしていた女性。",
        place="山手512番地の先、坂の上の一軒家",
        district=yamate,
    )
    services.report_concern(
        actor=reporter,
        on_behalf_of="minsei_iin",
        noticed="小学生の兄弟が夜遅くまで公園にいる。親の姿を見かけない。",
        place="駅前公園",
        district=districts["02"],
        urgency="soon",
    )
    for concern, days in ((mail, 150), (bar, 40), (garden, 120)):
        _backdate(concern, days)

    targets = 0
    salon = salon_household()
    shakyo = outreach.primary_organization
    if salon is not None and shakyo is not None:
        for member in salon.members.select_related("person"):
            link_person(person=member.person, organization=shakyo)

    # 関係づくり: the 8050 son, months of failed tries, then his sister and a few words.
    son = Person.objects.filter(name__endswith=" 一郎", household_memberships__isnull=False).first()
    household = Household.objects.filter(members__person=son).first() if son else None
    if son is not None and shakyo is not None:
        # 社協 knows the family too: the 民生委員 brought them to the 8050 case.
        link_person(person=son, organization=shakyo)
        if household is not None:
            for member in household.members.select_related("person"):
                link_person(person=member.person, organization=shakyo)
        target = services.open_target(
            actor=outreach,
            person=son,
            household=household,
            label=f"{son.name}さん（50代、自宅にこもりがち）",
            district=kawabe,
            cadence_days=14,
            trusted="姉（隣町在住、月に一度来る）、母",
            next_contact_on=timezone.localdate() - dt.timedelta(days=130),
        )
        _backdate(target, 130)
        _contacts(
            outreach,
            target,
            [
                (
                    128,
                    "visit",
                    "absent",
                    "インターホンに応答なし。カーテンは閉まっている。",
                    "",
                    "手紙を残す",
                ),
                (114, "letter", "not_met", "自己紹介の手紙をポストへ。", "", "二週間後にまた訪問"),
                (
                    100,
                    "visit",
                    "refused",
                    "ドア越しに「帰ってください」と一言。声は落ち着いていた。",
                    "",
                    "姉に相談する",
                ),
                (72, "via", "not_met", "姉に手紙を託した。", "姉", "姉の来訪日に合わせて訪問"),
                (
                    44,
                    "via",
                    "a_little",
                    "姉と一緒に訪問。玄関で5分ほど話せた。ゲームの話をした。",
                    "姉",
                    "同じ曜日に再訪",
                ),
                (
                    16,
                    "visit",
                    "talked",
                    "玄関先で15分。母の通院を心配していると話した。",
                    "",
                    "母の通院の付き添いを提案する",
                ),
            ],
        )
        services.change_stage(actor=outreach, target=target, stage="building")
        targets += 1

    # 接触できた: the hoarding household, from the 民生委員's report.
    target = services.open_target(
        actor=outreach,
        concern=mail,
        label="川辺団地3号棟の70代男性",
        cadence_days=7,
        trusted="民生委員の中村さん（時々あいさつを返す）",
        next_contact_on=timezone.localdate() - dt.timedelta(days=145),
    )
    _backdate(target, 145)
    _contacts(
        outreach,
        target,
        [
            (
                144,
                "visit",
                "absent",
                "玄関前にごみ袋が5つ。郵便受けがあふれている。",
                "",
                "民生委員と一緒に訪問",
            ),
            (
                130,
                "accompany",
                "refused",
                "民生委員と訪問。「放っておいてくれ」と言われた。顔色は悪くない。",
                "",
                "手紙",
            ),
            (100, "letter", "not_met", "見守りの手紙を入れた。", "", "二週間後"),
            (
                60,
                "via",
                "a_little",
                "民生委員があいさつしたとき、「暑いな」と返事があった。",
                "民生委員",
                "次は水を持って訪問",
            ),
            (
                9,
                "visit",
                "a_little",
                "水を渡したら受け取った。「足が痛い」と話した。",
                "",
                "受診の話を少しずつ",
            ),
        ],
    )
    targets += 1

    # 未接触: the regular of the bar, not yet identified; the first visit failed.
    target = services.open_target(
        actor=outreach,
        concern=bar,
        label="よりみちの常連だった60代男性（名前は店主が知っている）",
        cadence_days=5,
        trusted="立ち飲み よりみち の店主",
        next_contact_on=timezone.localdate() - dt.timedelta(days=3),
    )
    _backdate(target, 35)
    _contacts(
        outreach,
        target,
        [
            (
                8,
                "visit",
                "absent",
                "ハイツ駅前の2階。表札なし。電気メーターは回っている。",
                "",
                "店主に名前を確かめる",
            ),
        ],
    )
    targets += 1

    # 見守り継続: the woman of the overgrown garden.
    target = services.open_target(
        actor=outreach,
        concern=garden,
        label="山手の坂の上の一軒家の80代女性",
        cadence_days=30,
        trusted="近所の農家の奥さん",
        next_contact_on=timezone.localdate(),
    )
    _backdate(target, 118)
    _contacts(
        outreach,
        target,
        [
            (
                116,
                "visit",
                "talked",
                "本人は元気。膝が痛くて畑ができないだけと話す。",
                "",
                "月に一度様子を見る",
            ),
            (85, "visit", "talked", "食事はとれている。息子が月に一度来る。", "", ""),
            (30, "phone", "a_little", "電話で少し話せた。", "", ""),
        ],
    )
    services.change_stage(actor=outreach, target=target, stage="watching")
    targets += 1

    # 終了: moved away.
    target = services.open_target(
        actor=outreach,
        label="駅前団地の40代女性",
        district=districts["02"],
        cadence_days=14,
        next_contact_on=timezone.localdate() - dt.timedelta(days=60),
    )
    _backdate(target, 90)
    _contacts(
        outreach,
        target,
        [
            (85, "visit", "absent", "", "", ""),
            (60, "visit", "not_met", "部屋が空き家になっていた。", "", ""),
        ],
    )
    services.change_stage(
        actor=outreach,
        target=target,
        stage="ended",
        reason="転居（管理会社に確認）。転居先の自治体に情報提供の要否を検討。",
    )
    targets += 1

    # 相談につながった: after five months, a consultation and a case.
    person = register_person(
        actor=outreach, name="原田 正男", name_kana="はらだ まさお", district=kawabe
    )
    target = services.open_target(
        actor=outreach,
        person=person,
        label="原田 正男さん（川辺地区、一人暮らし）",
        district=kawabe,
        cadence_days=14,
        trusted="行きつけの理髪店の店主",
        next_contact_on=timezone.localdate() - dt.timedelta(days=150),
    )
    _backdate(target, 160)
    _contacts(
        outreach,
        target,
        [
            (150, "visit", "absent", "", "", ""),
            (120, "via", "a_little", "理髪店で偶然会えた。", "理髪店の店主", ""),
            (60, "visit", "talked", "家賃の滞納が3か月あると打ち明けた。", "", "相談を勧める"),
        ],
    )
    services.engage(
        actor=outreach,
        target=target,
        main_concern="家賃を3か月滞納していて、追い出されるのが怖い。",
    )
    OutreachTarget.objects.filter(pk=target.pk).update(
        engaged_on=timezone.localdate() - dt.timedelta(days=20)
    )
    targets += 1

    # 休眠: no contact for more than 90 days, raised to the coordinator.
    target = services.open_target(
        actor=outreach,
        label="山手の集落の60代男性（親族からの相談）",
        district=yamate,
        cadence_days=21,
        next_contact_on=timezone.localdate() - dt.timedelta(days=50),
    )
    _backdate(target, 110)
    _contacts(
        outreach,
        target,
        [
            (105, "visit", "refused", "「来なくていい」と言われた。", "", ""),
            (70, "letter", "not_met", "", "", ""),
        ],
    )
    services.raise_dormant_targets()
    targets += 1

    # 伴走: check-ins after closure for the closed demo cases that have none.
    for case in Case.objects.filter(status="closed", closed_on__isnull=False).select_related(
        "lead_worker"
    ):
        if case.closed_on and not Task.objects.filter(case=case, source="check_in").exists():
            for months, due in ((1, 30), (3, 91)):
                Task.objects.create(
                    case=case,
                    title=f"伴走: 様子うかがい（終結から{months}か月）",
                    due_on=case.closed_on + dt.timedelta(days=due),
                    assignee=case.lead_worker,
                    organization=case.lead_organization,
                    source="check_in",
                )
    return {"concerns": Concern.objects.count(), "outreach targets": targets}
