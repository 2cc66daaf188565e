"""つなぐ町's 多機関協働: consents (one withdrawn, one expired, one oral), case teams, referrals
in every state, a 重層的支援会議 held and one coming, a 支援会議 with its pledges, emergency
accesses (one reviewed, one waiting), and the barriers the workers noticed. Built through the
services, so the grants, disclosures, notifications and audit rows are the real ones; then
dated back to look like months of work. Built once."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tsunagu.accounts import services as accounts
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import Membership, Organization, User
from tsunagu.cases.models import Case
from tsunagu.cases.services import attach_file
from tsunagu.demo.stories import STORIES
from tsunagu.demo.town import PERSONAS, days_ago, persona_email
from tsunagu.insights.services import record_barrier
from tsunagu.meetings.defaults import ensure_default_types
from tsunagu.meetings.models import MeetingType
from tsunagu.meetings.services import (
    add_to_agenda,
    convene_meeting,
    record_decision,
    sign_pledge,
    write_minutes,
)
from tsunagu.referrals.models import Referral, ReferralEvent
from tsunagu.referrals.services import (
    escalate_overdue_referrals,
    record_referral_event,
    send_referral,
)
from tsunagu.sharing.choices import EmergencyLink
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import AccessGrant, Consent, EmergencyAccess
from tsunagu.sharing.services import (
    add_team_member,
    approve_emergency,
    declare_emergency,
    emergency_link,
    record_consent,
    refresh_consent_grants,
    withdraw_consent,
)

SASAE = "つなぐ町自立相談支援センター「ささえ」"
KAWABE = "川辺地域包括支援センター"
YAMATE = "山手地域包括支援センター"
HIDAMARI = "相談支援事業所 ひだまり"
SHAKYO = "社会福祉法人 つなぐ町社会福祉協議会"
HOSPITAL = "つなぐ中央病院 地域医療連携室"
CHILD_CENTER = "つなぐ町こども家庭センター"
SCHOOL = "つなぐ町立第一中学校"
NPO = "NPO法人 まちの縁側"

SHARED = C.FAMILY | C.HEALTH | C.WELFARE | C.HISTORY


def _cases(key: str) -> list[Case]:
    story = next(s for s in STORIES if s.key == key)
    return list(
        Case.objects.filter(consultation__main_concern=story.concern)
        .exclude(status__in=["closed", "suspended"])
        .select_related("lead_organization", "lead_worker")
        .order_by("pk")
    )


def _date_referral(referral: Referral, sent_days_ago: int) -> None:
    """Spread the events of a referral over the days after it was sent."""
    sent = days_ago(sent_days_ago, 9)
    Referral.objects.filter(pk=referral.pk).update(sent_at=sent)
    for k, event in enumerate(referral.events.order_by("pk")):
        ReferralEvent.objects.filter(pk=event.pk).update(
            occurred_at=sent + dt.timedelta(days=k, hours=2 * k)
        )


@transaction.atomic
def build_collaboration() -> dict[str, int]:
    if Consent.objects.exists():
        return {"consents": 0, "referrals": 0, "meetings": 0, "barriers": 0}
    users = {p.local_part: User.objects.get(email=persona_email(p)) for p in PERSONAS}
    orgs = {o.name: o for o in Organization.objects.all()}
    consultant, partner, coordinator = users["consultant"], users["partner"], users["coordinator"]
    Membership.objects.filter(user__in=[partner, coordinator]).update(can_declare_emergency=True)
    today = timezone.localdate()

    # 本人同意 and case teams on the cases several agencies work.
    double_care, debt, single_parent = (
        _cases("double_care"),
        _cases("debt"),
        _cases("single_parent"),
    )
    eighty_fifty, isolation = _cases("8050"), _cases("isolation")
    young_carer, disability, hoarding = (
        _cases("young_carer"),
        _cases("disability"),
        _cases("hoarding"),
    )
    consents = 0
    for case, others, categories in [
        *((c, [KAWABE, SHAKYO, HOSPITAL], SHARED) for c in double_care),
        *((c, [SHAKYO, NPO], SHARED | C.MONEY) for c in debt[:3]),
        *((c, [CHILD_CENTER, SHAKYO], SHARED) for c in single_parent[:3]),
        *((c, [SASAE, SHAKYO, HOSPITAL], SHARED) for c in eighty_fifty),
        *((c, [CHILD_CENTER, SCHOOL, SASAE], SHARED | C.SCHOOL_WORK) for c in young_carer[:3]),
    ]:
        obtained = max(case.opened_on, today - dt.timedelta(days=200)) + dt.timedelta(days=3)
        record_consent(
            actor=case.lead_worker,
            case=case,
            categories=categories,
            organizations=[orgs[name] for name in others],
            meeting_members=True,
            purpose="関係機関が連携して世帯全体の支援を検討・実施するため",
            method="written",
            obtained_on=min(obtained, today),
            expires_on=today + dt.timedelta(days=300),
        )
        for name in others[:2]:
            add_team_member(
                actor=case.lead_worker,
                case=case,
                organization=orgs[name],
                role="related" if name != SHAKYO else "contact",
            )
        consents += 1
    if debt[3:]:  # an oral consent, witnessed, only 収入・資産・債務 and 福祉制度の利用
        case = debt[3]
        record_consent(
            actor=consultant,
            case=case,
            categories=C.MONEY | C.WELFARE,
            organizations=[orgs[SHAKYO]],
            purpose="生活福祉資金の貸付相談のため",
            method="oral",
            witness="同席した社協職員",
        )
        add_team_member(actor=consultant, case=case, organization=orgs[SHAKYO], role="related")
        consents += 1
    if single_parent[3:]:  # withdrawn: the person changed their mind
        case = single_parent[3]
        consent = record_consent(
            actor=consultant,
            case=case,
            categories=SHARED,
            organizations=[orgs[CHILD_CENTER]],
            purpose="子育て支援の調整のため",
            method="written",
        )
        add_team_member(
            actor=consultant, case=case, organization=orgs[CHILD_CENTER], role="related"
        )
        withdraw_consent(
            actor=consultant,
            consent=consent,
            note="元夫に知られたくないとの理由で、本人が電話で撤回。",
        )
        consents += 1
    if isolation:  # expired last month: the team member sees only that the case exists
        case = isolation[0]
        consent = record_consent(
            actor=case.lead_worker,
            case=case,
            categories=SHARED,
            organizations=[orgs[SHAKYO]],
            purpose="見守り活動のため",
            method="written",
            obtained_on=today - dt.timedelta(days=400),
            expires_on=today - dt.timedelta(days=30),
        )
        add_team_member(
            actor=case.lead_worker, case=case, organization=orgs[SHAKYO], role="related"
        )
        refresh_consent_grants(case)
        consents += 1
    for case in disability[:2]:  # on the team, no consent yet: a consent to ask for
        add_team_member(
            actor=case.lead_worker, case=case, organization=orgs[HIDAMARI], role="related"
        )

    # つなぎ in every state, from ささえ and from 川辺.
    referrals = 0
    # (cases, which, to, reason, events after sending, sent how many days ago)
    plan = [
        (
            double_care,
            0,
            KAWABE,
            "母の介護保険の区分変更と、デイサービスの調整をお願いしたい。",
            [],
            2,
        ),
        (
            double_care,
            1,
            SHAKYO,
            "家事援助の住民参加型サービスについて相談したい。",
            ["received"],
            3,
        ),
        (
            double_care,
            2,
            SHAKYO,
            "本人の休息のため、地域のサロンにつないでほしい。",
            ["accepted"],
            8,
        ),
        (double_care, 3, KAWABE, "介護の負担が大きく、ケアマネジャーの選定を急ぎたい。", [], 9),
        (double_care, 4, HOSPITAL, "母の退院後の通院先と訪問看護の調整をお願いしたい。", [], 1),
        (debt, 0, SHAKYO, "生活福祉資金の貸付について相談したい。", ["received", "declined"], 20),
        (debt, 1, NPO, "家計の立て直しと、居場所としての利用を相談したい。", ["recalled"], 15),
        (
            single_parent,
            0,
            SHAKYO,
            "子どもの学習支援と、放課後の居場所について相談したい。",
            ["accepted", "first_contact"],
            25,
        ),
        (
            eighty_fifty,
            0,
            SASAE,
            "長男の就労準備支援について、自立相談支援機関で受けてほしい。",
            ["accepted", "first_contact", "completed:connected"],
            60,
        ),
        (
            eighty_fifty,
            1,
            SHAKYO,
            "母の見守りボランティアの調整をお願いしたい。",
            ["accepted", "first_contact", "completed:person_declined"],
            45,
        ),
    ]
    for cases, index, to, reason, events, days in plan:
        if index >= len(cases):
            continue
        case = cases[index]
        referral = send_referral(
            actor=case.lead_worker,
            case=case,
            to_organization=orgs[to],
            reason=reason,
            categories=C.FAMILY | C.HEALTH | C.HISTORY,
        )
        receiver = next(
            (
                m.user
                for m in Membership.objects.filter(
                    organization=orgs[to], role__in=["consultant", "coordinator"], is_active=True
                ).select_related("user")
            ),
            None,
        )
        for event in events:
            kind, _, outcome = event.partition(":")
            actor = case.lead_worker if kind == "recalled" else receiver
            if actor is None:
                break
            record_referral_event(
                actor=actor,
                referral=referral,
                type=kind,
                reason="担当地域外で、人員にも余裕がないため。山手地域包括支援センターへの相談をお勧めします。"
                if kind == "declined"
                else ("本人の意向を再確認するため取り下げます。" if kind == "recalled" else ""),
                outcome=outcome,
                note="自宅を訪問し、本人と会えた。" if kind == "first_contact" else "",
            )
        _date_referral(referral, days)
        referrals += 1
    if debt[3:]:  # an agency not on Tsunagu: the sender records its answers
        case = debt[3]
        referral = send_referral(
            actor=consultant,
            case=case,
            to_external="法テラスつなぐ（日本司法支援センター）",
            reason="多重債務の整理について、弁護士による法律相談につなぎたい。",
            categories=C.MONEY,
            consent=case.consents.get(),
        )
        for kind in ("accepted", "first_contact"):
            record_referral_event(
                actor=consultant, referral=referral, type=kind, note="電話で確認した。"
            )
        _date_referral(referral, 12)
        referrals += 1
    escalate_overdue_referrals()

    # 会議: a 重層的支援会議 held ten days ago, one coming, and a 支援会議 with its pledges.
    ensure_default_types()
    jusou = MeetingType.objects.get(name="重層的支援会議")
    shien = MeetingType.objects.get(name="支援会議")
    MeetingType.objects.filter(pk__in=[jusou.pk, shien.pk]).update(convened_by=orgs[SHAKYO])
    jusou.refresh_from_db()
    shien.refresh_from_db()
    held = convene_meeting(
        actor=coordinator,
        type=jusou,
        held_at=days_ago(10, 14),
        place="つなぐ町役場 第1会議室",
        title="第7回 重層的支援会議",
        attendees=[(orgs[SASAE], consultant), (orgs[KAWABE], partner), (orgs[HOSPITAL], None)],
    )
    meetings = 1
    agenda = [
        (
            c,
            "母の介護と子育てが重なり、本人が疲れ切っている。介護サービスの拡充と本人の休息の確保を検討したい。",
        )
        for c in double_care[:1]
    ]
    agenda += [
        (
            c,
            "80代の母と50代の長男の世帯。長男は20年ほど自宅にこもっている。母の介護と長男の社会参加の両方を検討したい。",
        )
        for c in eighty_fifty[:1]
    ]
    for case, material in agenda:
        item = add_to_agenda(
            actor=case.lead_worker, meeting=held, case=case, material=material, categories=SHARED
        )
        record_decision(
            actor=coordinator,
            item=item,
            kind="plan_approval",
            text="支援プランを承認し、支援決定とする。",
            support_decided_on=timezone.localdate(held.held_at),
        )
        record_decision(
            actor=coordinator,
            item=item,
            kind="roles",
            text="関係機関の役割を確認した。",
            roles=[
                {
                    "organization": orgs[KAWABE],
                    "user": partner,
                    "description": "介護サービスの調整と家族への説明",
                    "due_on": today + dt.timedelta(days=7),
                },
                {
                    "organization": orgs[SHAKYO],
                    "user": coordinator,
                    "description": "次回会議での評価の準備",
                    "due_on": today + dt.timedelta(days=30),
                },
            ],
        )
        gap = record_decision(
            actor=coordinator,
            item=item,
            kind="gap",
            text="夜間・休日に家族の代わりに見守れる資源が町内にない。",
        )
        record_barrier(
            actor=coordinator,
            case=case,
            source="meeting",
            source_id=gap.pk,
            would_help="夜間や休日に、介護者の代わりに短時間見守ってくれる人や場所",
            blocked_by="requirements",
            detail="介護保険の枠内では夜間の短時間の見守りが使えず、障害福祉の制度も対象外。",
            program="介護保険課・障害福祉課",
            is_gap=True,
        )
    write_minutes(
        actor=coordinator,
        meeting=held,
        minutes="2件の世帯について協議した。いずれもプランを承認し、役割分担を確認した。夜間の見守り資源の不足を庁内の検討事項として挙げる。",
        discussions={},
    )
    coming = convene_meeting(
        actor=coordinator,
        type=jusou,
        held_at=timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=5), dt.time(14, 0))
        ),
        place="町民福祉会館 2階研修室",
        title="第8回 重層的支援会議",
        attendees=[(orgs[SASAE], consultant), (orgs[KAWABE], partner), (orgs[CHILD_CENTER], None)],
    )
    meetings += 1
    for case in young_carer[:1]:
        add_to_agenda(
            actor=case.lead_worker,
            meeting=coming,
            case=case,
            material="中学生の長女が母の介助と弟の世話を担っている。学校と連携した見守りと、母の障害福祉サービスの利用を検討したい。",
            categories=C.FAMILY | C.HISTORY | C.SCHOOL_WORK,
        )
    support = convene_meeting(
        actor=coordinator,
        type=shien,
        held_at=days_ago(3, 10),
        place="つなぐ町役場 第2会議室",
        title="支援会議（ごみ屋敷の疑いのある世帯）",
        attendees=[(orgs[KAWABE], partner), (orgs["つなぐ町民生委員児童委員協議会"], None)],
    )
    meetings += 1
    for case in hoarding[:1]:
        add_to_agenda(
            actor=case.lead_worker,
            meeting=support,
            case=case,
            material="一人暮らしの70代男性。庭と玄関にごみが積まれ、近隣から臭いの苦情。本人は支援を拒んでいる。民生委員が声をかけると少し話せる。",
            categories=C.FAMILY | C.HISTORY,
        )
    sign_pledge(actor=partner, meeting=support)
    sign_pledge(actor=coordinator, meeting=support)

    # 緊急アクセス: one approved by the auditor (川辺 has no link to the case and no manager)
    # and waiting for its review by someone else than its approver; one of the 社協 on a case
    # of its team (open at once); one of the 社協 on a case it has no link to, waiting for the
    # approval of its 事務局長.
    emergencies = 0
    if debt:
        done = declare_emergency(
            actor=partner,
            case=debt[0],
            reason="本人と連絡が取れず、室内で倒れている可能性があると家主から通報があった。緊急連絡先を確認するため。",
        )
        approve_emergency(actor=users["auditor"], emergency=done, approve=True)
        EmergencyAccess.objects.filter(pk=done.pk).update(
            created_at=days_ago(6, 21), approved_at=days_ago(6, 21), expires_at=days_ago(5, 21)
        )
        AccessGrant.objects.filter(emergency=done).update(
            valid_from=days_ago(6, 21), valid_until=days_ago(5, 21)
        )
        emergencies += 1
    if eighty_fifty[1:]:
        declare_emergency(
            actor=coordinator,
            case=eighty_fifty[1],
            reason="長男から「母が朝から起きてこない」と社協に電話。主担当機関に連絡がつかないため、かかりつけ医を確認する。",
        )
        emergencies += 1
    shakyo = orgs["社会福祉法人 つなぐ町社会福祉協議会"]
    unlinked = next(
        (c for c in [*single_parent, *debt] if emergency_link(shakyo.pk, c) == EmergencyLink.NONE),
        None,
    )
    if unlinked is not None:
        declare_emergency(
            actor=coordinator,
            case=unlinked,
            reason="夜間に本人から社協の留守番電話に「もう限界」とのメッセージ。主担当機関が閉庁中のため、緊急連絡先を確認したい。",
        )
        emergencies += 1

    # 添付資料: a few documents, each with the kinds of information it holds.
    for case, title, text, categories in [
        *(
            (
                c,
                "主治医意見書（写し）",
                "つなぐ中央病院 内科\n膝関節症により屋外歩行に介助を要する。",
                C.HEALTH,
            )
            for c in double_care[:2]
        ),
        *(
            (
                c,
                "家計表（本人記入）",
                "収入: 年金 月8万円\n支出: 家賃 4万5千円、食費 3万円、返済 2万円",
                C.MONEY,
            )
            for c in debt[:2]
        ),
        *(
            (
                c,
                "学校との連絡メモ",
                "第一中学校 担任より: 遅刻が週3回。本人は家のことを話したがらない。",
                C.SCHOOL_WORK | C.HISTORY,
            )
            for c in young_carer[:1]
        ),
    ]:
        attach_file(
            actor=case.lead_worker,
            case=case,
            title=title,
            file=ContentFile(text.encode("utf-8"), name="memo.txt"),
            categories=categories,
        )

    # あとちょっと from the casework.
    barriers = 0
    for cases, would_help, blocked_by, program, is_gap in [
        (
            hoarding,
            "本人が同意しなくても、ごみの片付けを少しずつ手伝える仕組み",
            "requirements",
            "環境課",
            True,
        ),
        (
            isolation,
            "山手地区から町中心部まで、予約なしで乗れる移動手段",
            "transport",
            "企画課 地域交通",
            False,
        ),
        (debt, "土日や夜間にも相談できる家計相談の窓口", "staff", "", False),
        (
            young_carer,
            "ヤングケアラーが家族に知られずに相談できる場所",
            "place",
            "教育委員会",
            True,
        ),
        (disability, "障害者手帳がなくても使える就労体験の場", "requirements", "障害福祉課", True),
        (
            single_parent,
            "ひとり親家庭への支援制度を一覧で知る方法",
            "information",
            "子育て支援課",
            False,
        ),
        (
            eighty_fifty,
            "介護と引きこもり支援の窓口が一つだったら",
            "silos",
            "介護保険課・福祉課",
            False,
        ),
    ]:
        for case in cases[:2]:
            record_barrier(
                actor=case.lead_worker,
                case=case,
                source="case",
                would_help=would_help,
                blocked_by=blocked_by,
                program=program,
                is_gap=is_gap,
            )
            barriers += 1
    # 役割の確認: the account administrator gave a new 社協 worker her role; the 社協's
    # 事務局長 confirms it (or refuses it) before it opens anything.
    newcomer = accounts.create_user(
        actor=None,
        email="nishimura@demo.tsunagu.example",
        display_name="西村 陽菜",
        display_name_kana="にしむら ひな",
    )
    accounts.grant_role(
        actor=users["admin"],
        user=newcomer,
        organization=orgs["社会福祉法人 つなぐ町社会福祉協議会"],
        role=Role.CONSULTANT,
        title="相談支援員（4月採用）",
    )
    return {
        "consents": consents,
        "referrals": referrals,
        "meetings": meetings,
        "emergency accesses": emergencies,
        "barriers": barriers,
    }
