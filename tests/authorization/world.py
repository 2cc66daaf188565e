"""The world the authorization matrix runs in: one case with content of every kind, the paths
into it (a team without consent, a consent of one category, two meetings, a referral, an
emergency) and everyone else. Built once per test module (see conftest.py).

Each kind of content carries a marker text that appears nowhere else in the application, so a
response that contains it has shown that content (tests/authorization/markers.py)."""

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from tests import personas as P
from tests.fixtures import enrol_totp, make_user
from tsunagu.accounts import services as accounts
from tsunagu.accounts.models import ApiToken, District, Membership, Organization, User
from tsunagu.audit.models import AuditEvent
from tsunagu.cases import selectors as case_selectors
from tsunagu.cases import services as cases
from tsunagu.cases.models import Task
from tsunagu.community import services as community
from tsunagu.community.models import GatheringType
from tsunagu.demo.town import build_town
from tsunagu.insights import services as insights
from tsunagu.insights.services import record_barrier
from tsunagu.intake.models import Issue
from tsunagu.intake.services import record_consultation
from tsunagu.meetings import services as meetings
from tsunagu.meetings.models import MeetingType
from tsunagu.notifications.models import Notification
from tsunagu.outreach import services as outreach
from tsunagu.participation import services as participation
from tsunagu.participation.models import HostAccount
from tsunagu.people import services as people
from tsunagu.plans import services as plans
from tsunagu.referrals.services import send_referral
from tsunagu.resources.hsds_api import TAXONOMY
from tsunagu.resources.models import (
    ImportRun,
    Kind,
    Location,
    Provider,
    Resource,
    ResourceLocation,
)
from tsunagu.search.models import Synonym
from tsunagu.sharing import access as sharing_access
from tsunagu.sharing import services as sharing
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import CaseTeamMember

#: The personas of the matrix, by the key the table uses.
CAST = {
    "writer": P.LEAD_CONSULTANT,  # the lead agency's consultant: writes in the case
    "lead_manager": P.LEAD_MANAGER,  # the lead agency's manager: reads, writes nothing
    "partner": P.PARTNER_WITH_CONSENT,  # on the team, a consent of 就学・就労 only
    "team": P.PARTNER_WITHOUT_CONSENT,  # on the team, no consent
    "pledged": P.MEETING_ATTENDEE,  # attends the 支援会議, signed the pledge
    "unpledged": P.ATTENDEE_WITHOUT_PLEDGE,  # attends the 支援会議, did not sign
    "outsider": P.OUTSIDER,  # an agency with no link to the case
    "manager": P.MANAGER,  # a manager at another agency (福祉課)
    "auditor": P.AUDITOR,
    "admin": P.ADMIN,  # the account administrator
    "reporter": P.REPORTER,  # a 民生委員
}
PERSONAS = ("anonymous", *CAST)

#: What an id that exists nowhere looks like (the uniform-404 comparison uses it).
MISSING = 987654


@dataclass
class World:
    users: dict[str, User]
    ids: SimpleNamespace
    others: dict[str, User] = field(default_factory=dict)

    def missing(self, keys: tuple[str, ...]) -> SimpleNamespace:
        """The same ids, with `keys` replaced by ids that exist nowhere."""
        swapped = dict(vars(self.ids))
        for key in keys:
            swapped[key] = MISSING
        return SimpleNamespace(**swapped)


# -- The texts that must appear only where their rule allows ------------------------------------

PERSON_NAME = "紬木 瑠璃子"
PERSON_KANA = "つむぎ るりこ"
MOTHER_NAME = "紬木 せつ"
HOUSEHOLD_NAME = "紬木家"
LOCAL_ISSUE = ("multi_pet_hoarding", "ペット多頭飼育")  # a local issue, since retired
NOTES = {
    C.FAMILY: "兄とは十年以上連絡を取っていない",
    C.HEALTH: "心療内科に月2回通院している",
    C.SCHOOL_WORK: "清掃の仕事なら続けられそうと話す",
    C.MONEY: "消費者金融3社に計約180万円の債務",
    C.WELFARE: "生活保護の申請を一緒に検討する",
    C.HISTORY: "高校中退後、十年間ひきこもっていた",
}
AREAS = {  # the assessment's areas (their categories are plans.choices.AREA_CATEGORIES)
    "work": "短時間の軽作業から始めたい",
    "income": "家賃を3か月滞納している",
    "history": "中学でいじめにあい不登校に",
}
PLAN_WISHES = "いつか一人暮らしをしてみたい"
EVALUATION_TEXT = "外出の回数が少しずつ増えた"
ATTACHMENT_MONEY = ("家計表（本人記入）", b"%PDF-1.4 KAKEIHYO-BYTES-Q7")
ATTACHMENT_WORK = ("履歴書（下書き）", b"%PDF-1.4 RIREKISHO-BYTES-Q7")
CONSENT_SCAN = b"%PDF-1.4 CONSENT-SCAN-BYTES-Q7"
CONSULTATION_TEXT = "本人から夜間に何度も電話がある"
URGENT_CALL_TEXT = "「もう限界」と繰り返す女性からの電話"
MATERIAL = "長男は夜間に外出している様子"
DISCUSSION = "兄に連絡を取ることで合意した"
MINUTES = "次回は民生委員も交えて検討する"
DECISION = "社協が月2回の見守り訪問を行う"
JUSOU_MATERIAL = "就労準備支援事業の利用を検討"
JUSOU_DISCUSSION = "来月から週1回の作業体験に参加"
REFERRAL_REASON = "就労準備支援の利用につなぎたい"
CONCERN_TEXT = "夜遅くまで大きな物音がする家がある"
CONTACT_TEXT = "玄関越しに5分ほど話せた"
EMERGENCY_REASON = "自宅で倒れていると近隣から通報があった"
BARRIER_TEXT = "土日に使える就労体験の場があれば続けられた"
PARTICIPATION_TEXT = "ギターを弾いて誰かに聴いてもらいたい"  # 参加・つながり
# 地域づくり: partners' names (not clients'): a gatekeeper at a bar, a person in the network.
GATEKEEPER_NAME = "渦潮 まさ"
NETWORK_PERSON = "鳴門 仁吉"


def build_world() -> World:
    """Everything the matrix reads, written through the services as the workers would."""
    build_town()
    orgs = {o.name: o for o in Organization.objects.all()}
    users = {key: make_user(persona, orgs) for key, persona in CAST.items()}
    for user in users.values():
        enrol_totp(user)
    coordinator = make_user(P.COORDINATOR, orgs)  # declares the emergency
    Membership.objects.filter(user=coordinator).update(can_declare_emergency=True)
    writer = users["writer"]
    partner_org, team_org = orgs[P.KAWABE_HOUKATSU], orgs[P.HIDAMARI]
    now = timezone.now()
    today = timezone.localdate()

    # The person, the mother (whom 川辺地域包括 knows too), their household.
    person = people.register_person(
        actor=writer,
        name=PERSON_NAME,
        name_kana=PERSON_KANA,
        birth_date=dt.date(1990, 6, 2),
        phone="090-1234-5678",
    )
    mother = people.register_person(actor=writer, name=MOTHER_NAME, birth_date=dt.date(1958, 3, 1))
    people.link_person(person=mother, organization=partner_org)
    household = people.create_household(actor=writer, name=HOUSEHOLD_NAME)
    people.add_household_member(
        actor=writer, household=household, person=mother, relationship="head"
    )
    people.add_household_member(
        actor=writer, household=household, person=person, relationship="child"
    )
    stranger = people.register_person(actor=writer, name="見守り 次郎")  # joins by the API

    # The consultation and the case, with a local issue the town has since retired.
    local_issue = Issue.objects.create(code=LOCAL_ISSUE[0], name=LOCAL_ISSUE[1], order=990)
    debt = Issue.objects.get(code="debt")
    consultation = record_consultation(
        actor=writer,
        main_concern=CONSULTATION_TEXT,
        person=person,
        issues=[local_issue, debt],
        main_issue=local_issue,
        risk_flags=["suicide", "dv"],
    )
    anonymous_call = record_consultation(actor=writer, main_concern="名前を言わない相談の電話")
    # 緊急・未対応: an anonymous urgent call whose first response is not recorded yet.
    urgent_call = record_consultation(
        actor=writer, main_concern=URGENT_CALL_TEXT, urgency="urgent", risk_flags=["life"]
    )
    case = cases.open_case(
        actor=writer,
        person=person,
        consultation=consultation,
        issues=[local_issue, debt],
        main_issue=local_issue,
        risk_flags=["suicide", "dv"],
    )
    other_case = cases.open_case(actor=writer, person=mother)  # put on an agenda by the matrix
    Issue.objects.filter(pk=local_issue.pk).update(is_active=False)
    notes = {
        category: cases.add_progress_note(
            actor=writer, case=case, method="visit", body=text, categories=category
        )
        for category, text in NOTES.items()
    }
    plans.record_assessment(actor=writer, case=case, **AREAS)
    plan = plans.record_support_plan(
        actor=writer,
        case=case,
        persons_wishes=PLAN_WISHES,
        goals=["週に一度は外出する"],
        actions=[
            {"description": "ハローワークに同行する", "due_on": today + dt.timedelta(days=30)}
        ],
    )
    plans.record_evaluation(
        actor=writer,
        case=case,
        plan=plan,
        attainments={goal.pk: ("partly", "") for goal in plan.goals.all()},
        next_direction="continue",
        persons_change=EVALUATION_TEXT,
    )
    money_attachment = cases.attach_file(
        actor=writer,
        case=case,
        title=ATTACHMENT_MONEY[0],
        file=SimpleUploadedFile("kakeihyo.pdf", ATTACHMENT_MONEY[1]),
        categories=C.MONEY,
    )
    work_attachment = cases.attach_file(
        actor=writer,
        case=case,
        title=ATTACHMENT_WORK[0],
        file=SimpleUploadedFile("rirekisho.pdf", ATTACHMENT_WORK[1]),
        categories=C.SCHOOL_WORK,
    )

    # The team: 川辺地域包括 with a consent of 就学・就労 only (renewed, so two consents are in
    # force: two grants open one category), ひだまり without consent, 社協 (it declares the
    # emergency, so it has a link).
    sharing.add_team_member(actor=writer, case=case, organization=partner_org, role="related")
    team_member = sharing.add_team_member(
        actor=writer, case=case, organization=team_org, role="related"
    )
    sharing.add_team_member(actor=writer, case=case, organization=orgs[P.SHAKYO], role="related")
    consent = sharing.record_consent(
        actor=writer,
        case=case,
        categories=C.SCHOOL_WORK,
        organizations=[partner_org],
        purpose="就労に向けた支援を地域包括と一緒に考えるため",
        method="written",
        obtained_on=today - dt.timedelta(days=100),
        expires_on=today + dt.timedelta(days=30),
        document=SimpleUploadedFile("doui.pdf", CONSENT_SCAN),
    )
    renewal = sharing.record_consent(
        actor=writer,
        case=case,
        categories=C.SCHOOL_WORK,
        organizations=[partner_org],
        purpose="就労に向けた支援を地域包括と一緒に考えるため（更新）",
        method="oral",
        witness="鈴木 一郎",
        obtained_on=today - dt.timedelta(days=5),
        expires_on=today + dt.timedelta(days=365),
    )
    referral = send_referral(
        actor=writer,
        case=case,
        reason=REFERRAL_REASON,
        categories=C.SCHOOL_WORK,
        to_organization=partner_org,
    )

    # A 支援会議 held yesterday (its material still open: 14 days), convened by the lead.
    support_type = MeetingType.objects.get(statutory_confidentiality=True, name="支援会議")
    support = meetings.convene_meeting(
        actor=writer,
        type=support_type,
        held_at=now - dt.timedelta(days=1),
        place="役場 第2会議室",
        attendees=[
            (orgs[P.HOSPITAL], users["pledged"]),
            (orgs[P.ENGAWA], users["unpledged"]),
        ],
    )
    item = meetings.add_to_agenda(
        actor=writer, meeting=support, case=case, material=MATERIAL, categories=C.FAMILY | C.HISTORY
    )
    meetings.sign_pledge(actor=users["pledged"], meeting=support)
    meetings.write_minutes(
        actor=writer, meeting=support, minutes=MINUTES, discussions={item.pk: DISCUSSION}
    )
    decision = meetings.record_decision(actor=writer, item=item, kind="roles", text=DECISION)

    # A 重層的支援会議 with 川辺地域包括: its consent covers the material (就学・就労).
    jusou_type = MeetingType.objects.get(requires_consent=True, name="重層的支援会議")
    jusou = meetings.convene_meeting(
        actor=writer,
        type=jusou_type,
        held_at=now - dt.timedelta(days=2),
        place="社協 会議室",
        attendees=[(partner_org, users["partner"])],
    )
    jusou_item = meetings.add_to_agenda(
        actor=writer, meeting=jusou, case=case, material=JUSOU_MATERIAL, categories=C.SCHOOL_WORK
    )
    meetings.write_minutes(
        actor=writer, meeting=jusou, minutes="", discussions={jusou_item.pk: JUSOU_DISCUSSION}
    )

    # あとちょっと: what blocked the person's next step (生活歴・課題 of the case; a manager reads
    # its text without the case).
    barrier = record_barrier(
        actor=writer, case=case, would_help=BARRIER_TEXT, blocked_by="place", source="case"
    )
    # 政策化: the barrier under a theme, and a programme of the inventory.
    programme = insights.record_program(
        actor=users["manager"],
        fiscal_year=2026,
        section="企画課",
        name="デマンド交通事業",
        functions=["transport"],
        targets=["everyone"],
        funding=["general"],
    )
    theme = insights.create_theme(
        actor=users["manager"], title="居場所が足りない", barriers=[barrier]
    )
    story = insights.record_narrative(
        actor=writer,
        title="はじめての一歩",
        told_by="staff",
        body="訪問を重ねて、ようやく話ができた。",
    )
    insights.share_narrative(
        actor=writer,
        narrative=story,
        shared_body="訪問を重ねて、ようやく話ができた。",
        consent_on=today,
        consent_how="本人に口頭で確認",
    )
    welfare_plan = insights.create_welfare_plan(
        actor=users["manager"], name="第3期地域福祉計画", first_year=2026, last_year=2030
    )
    survey_indicator = insights.add_indicator(
        actor=users["manager"],
        plan=welfare_plan,
        name="相談できる人がいる町民の割合",
        source="survey",
        survey="町民意識調査",
        unit="%",
    )
    hub = orgs[P.SHAKYO]
    advice = insights.ask_advice(
        actor=writer,
        hub=hub,
        topic="ひきこもりの方への関わり方",
        situation="50代の男性が10年ほど外出していない",
        question="最初の接点のつくり方",
    )

    # Outreach: a 民生委員's concern, and the lead's outreach to the person.
    concern = outreach.report_concern(
        actor=users["reporter"], noticed=CONCERN_TEXT, on_behalf_of="minsei_iin"
    )
    target = outreach.open_target(actor=writer, label="", person=person)
    contact = outreach.record_contact(
        actor=writer, target=target, method="visit", outcome="a_little", observed=CONTACT_TEXT
    )
    type(target).objects.filter(pk=target.pk).update(next_contact_on=today)  # today's round

    # The emergency: 社協 (on the team, no consent) opens the case for 24 hours and reads the
    # 家計表, so the audit log and the disclosure record hold that read.
    emergency = sharing.declare_emergency(actor=coordinator, case=case, reason=EMERGENCY_REASON)

    # The directory: one public place of the town (no personal data).
    salon_kind = Kind.objects.get_or_create(code="salon", defaults={"name": "サロン"})[0]
    provider = Provider.objects.create(name="つなぐ町社会福祉協議会", kind="shakyo", tier="public")
    salon = Resource.objects.create(provider=provider, name="川辺ふれあいサロン", tier="public")
    salon.kinds.add(salon_kind)
    hall = Location.objects.create(
        name="川辺集会所", prefecture="愛知県", municipality="つなぐ町", tier="public"
    )
    ResourceLocation.objects.create(resource=salon, location=hall)
    library = Resource.objects.create(provider=provider, name="つなぐ町立図書館", tier="public")
    ResourceLocation.objects.create(resource=library, location=hall)

    # 参加支援: the lead writes what she likes, in her words, and introduces her to the salon.
    lead_access = sharing_access.case_access(writer, case)
    participation.record_profile(actor=writer, access=lead_access, interests=PARTICIPATION_TEXT)
    joined = participation.introduce(actor=writer, access=lead_access, resource_id=salon.pk)
    import_run = ImportRun.objects.create(
        file=ContentFile("名称\r\n公民館\r\n".encode(), name="kouminkan.csv"),
        file_name="kouminkan.csv",
        requested_by=writer,
    )
    host = HostAccount.objects.create(
        user=accounts.create_user(actor=None, email="salon@example.jp", display_name="世話人"),
        provider=provider,
        created_by=writer,
    )
    case_selectors.read_attachment(coordinator, case.pk, money_attachment.pk)

    # 地域づくり: the lead's consultant (a case role: she may write community records) records
    # the network, a bar with its gatekeeper, a public salon, a visit, a 車座 held (the person
    # named) and a public one to come, what came out of it, and an encounter to arrange.
    kawabe = District.objects.order_by("pk").first()
    member_org = community.record_actor(
        actor=writer,
        kind="organization",
        name="川辺まちづくり協議会",
        field="machizukuri",
        district=kawabe,
        interests="空き店舗 商店街",
    )
    network_person = community.record_actor(
        actor=writer,
        kind="person",
        name=NETWORK_PERSON,
        field="shops",
        role_title="店主",
        district=kawabe,
        interests="子ども食堂 空き店舗",
        agreed_on=today - dt.timedelta(days=60),
    )
    other_org = community.record_actor(
        actor=writer,
        kind="organization",
        name="つなぐ町立川辺小学校",
        field="education",
        district=kawabe,
        interests="子ども食堂 放課後",
    )
    tie = community.record_tie(
        actor=writer,
        a=network_person,
        b=member_org,
        since=today - dt.timedelta(days=30),
        how="work",
    )
    bar = community.record_place(
        actor=writer,
        name="立ち飲み うずしお",
        kind="bar",
        district=kawabe,
        address="つなぐ町川辺一丁目2番",
        hours="17時〜23時",
    )
    gatekeeper = community.record_gatekeeper(
        actor=writer,
        place=bar,
        name=GATEKEEPER_NAME,
        role_title="店主",
        agreed_way="気になるお客さんがいたら、ささえの佐藤へ電話。返事は『受け取りました』だけ",
        agreed_on=today - dt.timedelta(days=90),
    )
    salon_place = community.record_place(
        actor=writer,
        name="川辺ふれあいの居場所",
        kind="ibasho",
        district=kawabe,
        address="つなぐ町川辺三丁目4番",
        days=["2"],
        hours="10時〜15時",
        description="だれでも来てお茶が飲める場所",
        public=True,
    )
    visit = community.record_visit(
        actor=writer, place=bar, visited_on=today - dt.timedelta(days=3), topics="最近の客足"
    )
    kurumaza = GatheringType.objects.get(code="kurumaza")
    gathering = community.record_gathering(
        actor=writer,
        type=kurumaza,
        title="川辺の車座",
        held_on=today - dt.timedelta(days=10),
        place=bar,
        topics="空き店舗の使い道",
        outcome="空き店舗で子ども食堂を開く案が出た",
        attendance={"welfare": 4, "shops": 3, "machizukuri": 2},
        organizers=[member_org],
        named=[network_person],
    )
    public_event = community.record_gathering(
        actor=writer,
        type=kurumaza,
        title="居場所のお茶会",
        held_on=today + dt.timedelta(days=14),
        place=salon_place,
        topics="子ども食堂",
        description="お茶を飲みながら話しましょう",
        application="当日参加",
        public=True,
    )
    idea = community.record_idea(
        actor=writer, gathering=gathering, kind="idea", text="空き店舗で子ども食堂を開く"
    )
    follow_up = community.add_follow_up(
        actor=writer,
        gathering=gathering,
        title="空き店舗の持ち主に話を聞く",
        due_on=today + dt.timedelta(days=7),
        assignee=writer,
    )
    suggestion = community.keep_suggestion(
        actor=writer,
        members=[network_person, other_org],
        reason="どちらも子ども食堂に関心がある",
    )

    # A role the administrator gave in the lead agency: it waits for the lead's manager.
    newcomer = accounts.create_user(
        actor=None, email="newcomer@test.tsunagu.example", display_name="新井 陽菜", password="x"
    )
    pending_role = accounts.grant_role(
        actor=users["admin"], user=newcomer, organization=orgs[P.SASAE], role="consultant"
    )

    # The objects of the administration site.
    token = accounts.issue_api_token(actor=None, user=writer, name="matrix")[0]
    static_device = StaticDevice.objects.create(user=writer, name="backup codes")
    axes_row = {"user_agent": "matrix", "ip_address": "127.0.0.1", "username": writer.email}
    axes_row |= {"http_accept": "*/*", "path_info": "/accounts/login/", "attempt_time": now}
    attempt = AccessAttempt.objects.create(
        **axes_row, get_data="", post_data="", failures_since_start=1
    )
    access_log = AccessLog.objects.create(**axes_row)
    failure_log = AccessFailureLog.objects.create(**axes_row)
    task_result = apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        enqueued_at=now,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tsunagu.audit.tasks.verify_audit_chain",
        backend_name="default",
        run_after=now,
        exception_class_path="",
        traceback="",
    )
    district = District.objects.order_by("pk").first()
    assert district is not None  # noqa: S101 - the town has districts

    task = Task.objects.filter(case=case, done_at__isnull=True).order_by("pk").first()
    assert task is not None  # noqa: S101 - the plan's action is a task
    Task.objects.filter(pk=task.pk).update(assignee=writer)  # the writer's やること
    notification = Notification.objects.filter(user=writer).order_by("-pk").first()
    assert notification is not None  # noqa: S101 - the emergency was notified to the lead
    ids = SimpleNamespace(
        case=case.pk,
        other_case=other_case.pk,
        person=person.pk,
        mother=mother.pk,
        stranger=stranger.pk,
        household=household.pk,
        consultation=consultation.pk,
        anonymous_call=anonymous_call.pk,
        urgent_call=urgent_call.pk,
        issue=local_issue.pk,
        debt_issue=debt.pk,
        note=notes[C.HISTORY].pk,
        plan=plan.pk,
        goal=plan.goals.get().pk,
        task=task.pk,
        money_attachment=money_attachment.pk,
        work_attachment=work_attachment.pk,
        consent=consent.pk,
        renewal=renewal.pk,
        team_member=team_member.pk,
        referral=referral.pk,
        support=support.pk,
        support_type=support_type.pk,
        item=item.pk,
        decision=decision.pk,
        jusou=jusou.pk,
        jusou_item=jusou_item.pk,
        concern=concern.pk,
        target=target.pk,
        contact=contact.pk,
        emergency=emergency.pk,
        notification=notification.pk,
        resource=salon.pk,
        library=library.pk,
        participation=joined.pk,
        host=host.pk,
        import_run=import_run.pk,
        resource_uuid=salon.uuid,
        provider_uuid=provider.uuid,
        location_uuid=hall.uuid,
        service_at_location=f"{salon.uuid}-{hall.uuid}",
        kind_uuid=salon_kind.uuid,
        taxonomy=TAXONOMY["id"],
        lead_org=case.lead_organization_id,
        partner_org=partner_org.pk,
        team_org=team_org.pk,
        outsider_org=orgs[P.YAMATE_HOUKATSU].pk,
        district=district.pk,
        token=token.pk,
        totp=writer.totpdevice_set.get().pk,
        static_device=static_device.pk,
        access_attempt=attempt.pk,
        access_log=access_log.pk,
        access_failure_log=failure_log.pk,
        task_result=task_result.pk,
        group=Group.objects.get(name=accounts.ACCOUNT_ADMIN_GROUP).pk,
        synonym=Synonym.objects.get_or_create(terms="ケアマネ ケアマネジャー 介護支援専門員")[0].pk,
        audit_event=AuditEvent.objects.filter(action="disclosure").order_by("-pk").first().pk,  # type: ignore[union-attr]
        user=writer.pk,
        writer=writer.pk,
        lead_manager=users["lead_manager"].pk,
        lead_manager_membership=users["lead_manager"].memberships.get().pk,
        admin_user=users["admin"].pk,
        pending_role=pending_role.pk,
        admin_membership=users["admin"].memberships.get().pk,
        info_org=orgs[P.INFO_SECTION].pk,
        user_content_type=_content_type_id("accounts", "user"),
        case_content_type=_content_type_id("cases", "case"),
        place=bar.pk,
        public_place=salon_place.pk,
        public_place_uuid=salon_place.uuid,
        private_place_uuid=bar.uuid,
        gatekeeper=gatekeeper.pk,
        visit=visit.pk,
        gathering=gathering.pk,
        public_event=public_event.pk,
        public_event_uuid=public_event.uuid,
        private_event_uuid=gathering.uuid,
        idea=idea.pk,
        barrier=barrier.pk,
        programme=programme.pk,
        theme=theme.pk,
        hub=hub.pk,
        advice=advice.pk,
        narrative=story.pk,
        welfare_plan=welfare_plan.pk,
        indicator=survey_indicator.pk,
        follow_up=follow_up.pk,
        member=network_person.pk,
        member_org=member_org.pk,
        other_org=other_org.pk,
        tie=tie.pk,
        suggestion=suggestion.pk,
        gathering_type=kurumaza.pk,
        team_rows=CaseTeamMember.objects.filter(case=case).count(),
        tokens=ApiToken.objects.count(),
    )
    return World(users=users, ids=ids, others={"coordinator": coordinator})


def _content_type_id(app_label: str, model: str) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get(app_label=app_label, model=model).pk
