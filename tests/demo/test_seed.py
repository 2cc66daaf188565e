from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tsunagu.accounts.models import District, Membership, Organization, User
from tsunagu.demo.town import PERSONAS


def test_seed_demo_builds_the_town_once(db, settings) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("seed_demo", stdout=out)
    counts = (
        District.objects.count(),
        Organization.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    assert counts[:3] == (3, 13, 13)  # 12 personas and the よりみち owner (a host)
    call_command("seed_demo", stdout=StringIO())
    assert (
        District.objects.count(),
        Organization.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts
    printed = out.getvalue()
    for persona in PERSONAS:
        assert f"{persona.local_part}@demo.tsunagu.example" in printed
    assert "tsunagu-demo" in printed


def test_the_town_has_every_kind_of_agency_and_one_coordinating_body(demo_town, db) -> None:  # type: ignore[no-untyped-def]
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert {
        "chiiki_houkatsu",
        "self_reliance_support",
        "shakyo",
        "minsei_iin",
        "npo",
        "child_family_center",
        "disability_consultation",
        "business",
        "medical",
        "school",
        "municipal_section",
    } <= kinds
    coordinating = Organization.objects.get(is_coordinating_body=True)
    assert coordinating.kind == "shakyo"
    assert (
        User.objects.get(email="coordinator@demo.tsunagu.example").primary_organization
        == coordinating
    )


def test_demo_personas_sign_in_with_the_demo_password(demo_town, db, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REQUIRE_TWO_FACTOR = False
    for persona in PERSONAS:
        client = Client()
        response = client.post(
            "/accounts/login/",
            {"email": f"{persona.local_part}@demo.tsunagu.example", "password": "tsunagu-demo"},
        )
        assert response.status_code == 302, persona.local_part
        assert client.get("/").status_code == 200


def test_the_demo_shows_collaboration_on_every_persona_s_screens(demo_town, db, settings) -> None:  # type: ignore[no-untyped-def]
    """Consents, referrals in every state, meetings, emergency accesses and barriers: each
    persona's first look finds them populated, in Japanese."""
    from tsunagu.referrals.models import Referral
    from tsunagu.sharing.models import Consent

    settings.REQUIRE_TWO_FACTOR = False
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == {
        "sent",
        "received",
        "accepted",
        "declined",
        "recalled",
        "in_progress",
        "completed",
    }
    assert Consent.objects.filter(withdrawn_at__isnull=False).exists()
    assert Consent.objects.filter(method="oral").exists()

    def page(persona: str, path: str) -> str:
        client = Client()
        client.force_login(User.objects.get(email=f"{persona}@demo.tsunagu.example"))
        response = client.get(path)
        assert response.status_code == 200, (persona, path, response.status_code)
        return response.content.decode()

    assert "ささえ" in page("partner", "/referrals/")  # a referral waiting in 川辺's inbox
    assert "支援につながった" in page("partner", "/referrals/?box=outbox&all=1")
    assert "第7回 重層的支援会議" in page("consultant", "/meetings/")
    assert "夜間" in page("manager", "/insights/barriers/")
    assert "確認待ち" in page("auditor", "/emergency/")
    # 記録の訂正: a completed call and a corrected note, with their histories.
    from tsunagu.core.models import Revision

    assert {r.record_type for r in Revision.objects.all()} == {
        "intake.consultation",
        "cases.progressnote",
        "participation.participation",  # 松本 誠's outcome after three months
        "community.idea",  # the 車座's idea that became the farm's 就労体験
    }
    # The 社協's 事務局長 has a role to confirm and an emergency access to approve.
    assert "西村 陽菜" in page("director", "/accounts/roles/pending/")
    assert "夜間に本人から社協の留守番電話に" in page("director", "/emergency/")
    assert "お知らせ" in page("consultant", "/notifications/")
    # アウトリーチ: the round, the 民生委員's reports, the quiet target for the coordinator.
    assert "川辺団地3号棟の70代男性" in page("outreach", "/outreach/")
    assert "対応中" in page("reporter", "/outreach/concerns/mine/")
    assert "90日接触なし" in page("coordinator", "/outreach/")
    assert "相談につながった" in page("outreach", "/outreach/figures/")
    count = Referral.objects.count()
    call_command("seed_demo", stdout=StringIO())  # and a second run adds nothing
    assert Referral.objects.count() == count


def test_the_demo_town_s_directory_is_full_and_keeps_its_secrets(demo_town, db, settings) -> None:  # type: ignore[no-untyped-def]
    """つなぐ町's 社会資源: at least 40 places of every kind with hours and places free, some
    never confirmed; the shelter listed for the public by its front door, never by where it is."""
    from tsunagu.resources.models import Resource

    settings.REQUIRE_TWO_FACTOR = False
    assert Resource.objects.count() >= 40
    kinds = set(Resource.objects.values_list("kinds__code", flat=True))
    assert {"salon", "kodomo-shokudo", "work-b", "farm", "library", "eatery", "peer-group"} <= kinds
    feed = Client().get("/api/hsds/services?full=true&per_page=200").content.decode()
    assert "一時避難の相談" in feed and "0561-00-2000" in feed
    assert "桜町" not in feed and "0561-00-7777" not in feed and "断酒会" not in feed
    coordinator = Client()
    coordinator.force_login(
        User.objects.get(email="coordinator@demo.tsunagu.example"),
        backend="tsunagu.accounts.backends.AccountBackend",
    )
    page = coordinator.get("/resources/", {"q": "よりみち"}).content.decode()
    assert "立ち飲み よりみち" in page and "空き4席" in page
    stale = coordinator.get("/resources/stale/").content.decode()
    assert "喫茶 かわせみ" in stale and "古本とおしゃべりの会" in stale


def test_the_demo_has_people_in_participation_support_at_every_stage(
    demo_town, db, settings
) -> None:  # type: ignore[no-untyped-def]
    """参加支援 in つなぐ町: five people from 紹介 to 終了, an adaptation taken by two of them,
    and the participation coordinator's screens full."""
    from tsunagu.participation.models import Adaptation, Participation

    settings.REQUIRE_TWO_FACTOR = False
    stages = set(Participation.objects.values_list("stage", flat=True))
    assert stages == {"introduced", "visited", "trial", "continuing", "ended"}
    reused = Adaptation.objects.get(resource__name="立ち飲み よりみち")
    assert reused.participations.count() == 2
    sakura = Client()
    sakura.force_login(
        User.objects.get(email="participation@demo.tsunagu.example"),
        backend="tsunagu.accounts.backends.AccountBackend",
    )
    desk = sakura.get("/participation/").content.decode()
    for name in ("松本 誠", "後藤 誠", "伊藤 正夫", "田中 健二"):
        assert name in desk
    assert "同行" in desk  # 田中 健二's visit, the coordinator goes along
    tanaka = Participation.objects.get(case__person__name="田中 健二")
    matches = sakura.get(f"/participation/cases/{tanaka.case_id}/matches/").content.decode()
    assert "興味・得意とつながる言葉" in matches and "外れた場所" in matches
    # ささえ leads 田中 健二's case; 社協 reads its 参加支援 by his consent: a 情報提供記録.
    from tsunagu.sharing.models import Disclosure

    assert Disclosure.objects.filter(
        case=tanaka.case, organization__name__contains="社会福祉協議会"
    ).exists()


def test_the_demo_town_grows_its_community_and_shows_it_in_public(demo_town, db, settings) -> None:  # type: ignore[no-untyped-def]
    """地域づくり in つなぐ町: the 山手 salon and 立ち飲み よりみち with their gatekeepers and
    visits, a year of monthly 車座 from six fields and more with the ties they made, encounters
    arranged (some became ties), and the coming weeks on the public pages."""
    from icalendar import Calendar

    from tsunagu.community.choices import SuggestionStatus
    from tsunagu.community.models import Attendance, Gathering, Place, Suggestion, Tie
    from tsunagu.community.network import network_today

    settings.REQUIRE_TWO_FACTOR = False
    salon = Place.objects.get(name__startswith="山手お茶のみ会")
    bar = Place.objects.get(name="立ち飲み よりみち")
    assert salon.gatekeepers.exists() and bar.gatekeepers.get().name == "大西 茂"
    assert bar.visits.count() >= 3
    kurumaza = Gathering.objects.filter(type__code="kurumaza", held_on__lt=timezone.localdate())
    assert kurumaza.count() == 12
    fields = set(Attendance.objects.filter(gathering__in=kurumaza).values_list("field", flat=True))
    assert len(fields) >= 6
    assert Tie.objects.filter(gathering__in=kurumaza).count() >= 10
    statuses = set(Suggestion.objects.values_list("status", flat=True))
    assert statuses == {SuggestionStatus.TIE, SuggestionStatus.OPEN, SuggestionStatus.NOT_NOW}
    _graph, figures = network_today()
    assert figures.share_across and figures.share_across > 40
    takashi = Client()
    takashi.force_login(
        User.objects.get(email="community@demo.tsunagu.example"),
        backend="tsunagu.accounts.backends.AccountBackend",
    )
    for url in (
        "/community/",
        "/community/network/",
        "/community/encounters/",
        "/community/figures/",
    ):
        page = takashi.get(url)
        assert page.status_code == 200, url
    assert "立ち飲み よりみち" in takashi.get("/community/places/").content.decode()
    visitor = Client()
    public = visitor.get("/public/").content.decode()
    assert "山手お茶のみ会" in public and "車座「冬の居場所マップをつくろう」" in public
    assert "大西 茂" not in public and "立ち飲み よりみち" not in public
    feed = Calendar.from_ical(visitor.get("/public/events.ics").content)
    assert len(list(feed.walk("VEVENT"))) >= 6


def test_the_demo_town_turns_its_barriers_into_decisions(demo_town, db, settings) -> None:  # type: ignore[no-untyped-def]
    """政策化 in つなぐ町: a year of figures, thirty barriers, themes whose responses stand in
    every state (each decision too), forty programmes of ten sections, requests for advice, two
    shared stories and the 地域福祉計画 with its indicators — every manager's page populated."""
    from tsunagu.core.calendar import fiscal_year_start
    from tsunagu.insights.choices import Decision, ResponseStatus
    from tsunagu.insights.models import (
        AdviceRequest,
        Barrier,
        Indicator,
        IndicatorValue,
        Narrative,
        Program,
        Theme,
        WelfarePlan,
    )
    from tsunagu.intake.models import Consultation

    settings.REQUIRE_TWO_FACTOR = False
    assert Barrier.objects.count() >= 30 and Barrier.objects.filter(case__isnull=True).count() >= 20
    assert set(Theme.objects.values_list("status", flat=True)) == set(ResponseStatus.values)
    decisions = set(Theme.objects.exclude(decision="").values_list("decision", flat=True))
    assert {Decision.BUDGET, Decision.NO_ACTION, Decision.OPERATION} <= decisions
    assert Program.objects.count() == 40
    assert Program.objects.values("section").distinct().count() >= 10
    assert AdviceRequest.objects.values("status").distinct().count() == 3
    assert Narrative.objects.filter(status="shared").count() == 2
    plan = WelfarePlan.objects.get()
    assert Indicator.objects.filter(plan=plan).count() >= 6 and IndicatorValue.objects.exists()
    last_year = fiscal_year_start().year - 1
    months = {
        timezone.localdate(at).month
        for at in Consultation.objects.filter(
            received_at__date__gte=f"{last_year}-04-01",
            received_at__date__lte=f"{last_year + 1}-03-31",
        ).values_list("received_at", flat=True)
    }
    assert len(months) >= 6  # last year's dashboard has figures, month after month
    manager = Client()
    manager.force_login(
        User.objects.get(email="manager@demo.tsunagu.example"),
        backend="tsunagu.accounts.backends.AccountBackend",
    )
    for url in (
        "/",
        "/insights/",
        f"/insights/?year={last_year}",
        "/insights/national-report/",
        "/insights/barriers/",
        "/insights/themes/",
        "/insights/programs/",
        f"/insights/plans/{plan.pk}/",
        f"/insights/plans/{plan.pk}/review/",
        "/insights/narratives/",
    ):
        assert manager.get(url).status_code == 200, url
    home = manager.get("/").content.decode()
    assert "全機関" in home and "通院の移動手段がない" in home
