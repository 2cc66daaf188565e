"""支援者支援: a worker asks the 多機関協働 hub for advice without handing the case over; the
request names nobody, links a case only where the hub may already open it, has its own inbox,
answer and follow-up, and is counted."""

import datetime as dt

from tests import personas as P
from tests.authorization.markers import readable_text
from tsunagu.cases import services as cases
from tsunagu.insights.dashboard import dashboard
from tsunagu.insights.models import AdviceReply, AdviceRequest
from tsunagu.notifications.models import Notification
from tsunagu.people import services as people
from tsunagu.sharing import services as sharing
from tsunagu.sharing.choices import InfoCategory as C

ASK = {
    "topic": "8050世帯の息子さんへの関わり方",
    "situation": "80代の母と50代の息子の二人暮らし。息子は10年ほど就労しておらず、訪問しても会えない。",
    "question": "最初の接点をどうつくればよいか、助言がほしい。",
}


def test_a_worker_asks_and_the_hub_answers(cast, town, client_for) -> None:  # type: ignore[no-untyped-def]
    hub = town[P.SHAKYO]
    asker = client_for(cast.lead_consultant)
    named = asker.post(
        "/insights/advice/new/", {**ASK, "hub": hub.pk, "situation": "鈴木さんの息子は働いていない"}
    )
    assert named.status_code == 400 and "「鈴木」" in readable_text(named)
    assert not AdviceRequest.objects.exists()
    sent = asker.post("/insights/advice/new/", {**ASK, "hub": hub.pk})
    assert sent.status_code == 302
    advice = AdviceRequest.objects.get()
    assert (advice.organization, advice.hub, advice.case, advice.status) == (
        town[P.SASAE],
        hub,
        None,
        "open",
    )
    assert Notification.objects.filter(user=cast.coordinator, kind="advice").exists()

    coordinator = client_for(cast.coordinator)
    inbox = readable_text(coordinator.get("/insights/advice/"))
    assert ASK["topic"] in inbox
    assert ASK["topic"] in readable_text(coordinator.get("/"))  # waiting on the hub's home page
    answer = coordinator.post(
        f"/insights/advice/{advice.pk}/",
        {
            "text": "まず母親の通院に同行し、息子さんには手紙で存在を知らせては。",
            "follow_up_on": "令和8年12月20日",
        },
    )
    assert answer.status_code == 302
    advice.refresh_from_db()
    assert (
        advice.status == "answered"
        and advice.answered_at
        and advice.follow_up_on == dt.date(2026, 12, 20)
    )
    assert Notification.objects.filter(user=cast.lead_consultant, kind="advice").exists()
    follow = asker.post(
        f"/insights/advice/{advice.pk}/", {"text": "手紙に返事がありました。", "settle": "on"}
    )
    assert follow.status_code == 302
    advice.refresh_from_db()
    assert advice.status == "closed" and AdviceReply.objects.count() == 2
    late = asker.post(f"/insights/advice/{advice.pk}/", {"text": "もう一つ"})
    assert late.status_code == 400
    # Nobody else reads it: another agency, the hub's manager who works no cases.
    assert (
        client_for(cast.partner_without_consent).get(f"/insights/advice/{advice.pk}/").status_code
        == 404
    )
    counted = dashboard(cast.coordinator, dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert counted.figure("advice").value == "1"


def test_a_case_goes_with_the_request_only_on_a_lawful_path(cast, town, client_for) -> None:  # type: ignore[no-untyped-def]
    hub = town[P.SHAKYO]
    lead = cast.lead_consultant
    person = people.register_person(actor=lead, name="梶原 亮")
    case = cases.open_case(actor=lead, person=person)
    asker = client_for(lead)
    refused = asker.post("/insights/advice/new/", {**ASK, "hub": hub.pk, "case": case.pk})
    assert refused.status_code == 400 and "法的な根拠がありません" in readable_text(refused)
    assert not AdviceRequest.objects.exists()
    sharing.add_team_member(actor=lead, case=case, organization=hub, role="related")
    sharing.record_consent(
        actor=lead,
        case=case,
        categories=C.HISTORY,
        organizations=[hub],
        purpose="助言を受けるため",
        method="written",
    )
    sent = asker.post("/insights/advice/new/", {**ASK, "hub": hub.pk, "case": case.pk})
    assert sent.status_code == 302
    assert AdviceRequest.objects.get().case == case
    page = client_for(cast.coordinator).get(sent["Location"]).content.decode()
    assert f"/cases/{case.pk}/" in page and "梶原" not in page
    # A case the asker does not lead: refused like one that does not exist.
    other = cases.open_case(
        actor=cast.partner_with_consent,
        person=people.register_person(actor=cast.partner_with_consent, name="山田 花子"),
    )
    foreign = asker.post("/insights/advice/new/", {**ASK, "hub": hub.pk, "case": other.pk})
    assert foreign.status_code == 400 and AdviceRequest.objects.count() == 1
