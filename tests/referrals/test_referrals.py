"""つなぎ, closed loop: a referral is refused without a lawful path, moves only in order, puts
the receiver on the team when accepted, and always tells the sender how it ended. Its timers
count 開庁日."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from tests import personas as P
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.notifications.models import Notification
from tsunagu.people.services import register_person
from tsunagu.referrals.models import Referral, ReferralEvent
from tsunagu.referrals.services import (
    escalate_overdue_referrals,
    record_referral_event,
    send_referral,
)
from tsunagu.sharing.access import NoLawfulPath
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import CaseTeamMember
from tsunagu.sharing.services import record_consent


@pytest.fixture
def case(cast):  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="松本 和夫")
    case = open_case(actor=cast.lead_consultant, person=person)
    add_progress_note(
        actor=cast.lead_consultant,
        case=case,
        method="meeting",
        body="介護保険の申請を一緒に考えたいと話された",
        categories=C.HISTORY,
    )
    return case


@pytest.fixture
def partner(town):  # type: ignore[no-untyped-def]
    return town[P.KAWABE_HOUKATSU]


def _consent(cast, case, partner, categories=C.FAMILY | C.HISTORY):  # type: ignore[no-untyped-def]
    return record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=categories,
        organizations=[partner],
        purpose="介護保険の申請支援のため",
        method="written",
    )


def _send(cast, case, partner, **kwargs):  # type: ignore[no-untyped-def]
    return send_referral(
        actor=cast.lead_consultant,
        case=case,
        to_organization=partner,
        reason="介護保険の申請と、母の見守りをお願いしたい",
        categories=kwargs.pop("categories", C.FAMILY | C.HISTORY),
        **kwargs,
    )


def test_without_a_consent_covering_the_receiver_nothing_is_sent(cast, case, partner) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NoLawfulPath) as refused:
        _send(cast, case, partner)
    assert P.KAWABE_HOUKATSU in refused.value.messages[0]
    _consent(cast, case, partner, categories=C.HISTORY)
    with pytest.raises(NoLawfulPath) as refused:  # the consent does not cover 属性・家族関係
        _send(cast, case, partner)
    assert "属性・家族関係" in refused.value.messages[0]
    assert not Referral.objects.exists()


def test_bad_referrals_are_refused_with_a_message(cast, case, partner, town) -> None:  # type: ignore[no-untyped-def]
    _consent(cast, case, partner)
    with pytest.raises(ValidationError) as own:
        _send(cast, case, town[P.SASAE])
    assert "to_organization" in own.value.message_dict
    with pytest.raises(ValidationError) as empty:
        send_referral(
            actor=cast.lead_consultant, case=case, to_organization=partner, reason=" ", categories=0
        )
    assert {"reason", "categories"} <= set(empty.value.message_dict)
    with pytest.raises(ValidationError):
        _send(cast, case, partner, emergency_reason="危ない")  # too short to say why
    assert not Referral.objects.exists()


def test_the_closed_loop_from_sending_to_the_outcome(cast, case, partner, client_for) -> None:  # type: ignore[no-untyped-def]
    _consent(cast, case, partner)
    receiver = client_for(cast.partner_with_consent)
    sender = client_for(cast.lead_consultant)
    response = sender.post(
        f"/referrals/new/{case.pk}/",
        {
            "to_organization": partner.pk,
            "reason": "介護保険の申請と、母の見守りをお願いしたい",
            "categories": ["1", "32"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    referral = Referral.objects.get()

    inbox = receiver.get("/referrals/").content.decode()
    assert f"#{case.pk}" in inbox and P.SASAE in inbox
    page = receiver.get(f"/referrals/{referral.pk}/").content.decode()
    assert "介護保険の申請と、母の見守り" in page and "松本 和夫" in page
    referral.refresh_from_db()
    assert referral.status == "received"  # opening it is receiving it

    assert (
        receiver.post(f"/referrals/{referral.pk}/events/", {"type": "accepted"}).status_code == 302
    )
    # Accepted: the receiver is on the team, and the consent opens the case to it.
    assert CaseTeamMember.objects.filter(case=case, organization=partner).exists()
    assert "介護保険の申請を一緒に考えたい" in receiver.get(f"/cases/{case.pk}/").content.decode()

    receiver.post(
        f"/referrals/{referral.pk}/events/", {"type": "first_contact", "note": "自宅訪問した"}
    )
    receiver.post(
        f"/referrals/{referral.pk}/events/", {"type": "completed", "outcome": "connected"}
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("completed", "connected")
    assert list(referral.events.values_list("type", flat=True)) == [
        "sent",
        "received",
        "accepted",
        "first_contact",
        "completed",
    ]
    # The sender always learns how it ended: on the case and in the notifications.
    assert "支援につながった" in sender.get(f"/cases/{case.pk}/collaboration/").content.decode()
    assert Notification.objects.filter(
        user=cast.lead_consultant, message__contains="支援につながった"
    ).exists()


def test_events_out_of_order_are_refused(cast, case, partner) -> None:  # type: ignore[no-untyped-def]
    _consent(cast, case, partner)
    referral = _send(cast, case, partner)
    receiver = cast.partner_with_consent
    with pytest.raises(ValidationError) as early:
        record_referral_event(
            actor=receiver, referral=referral, type="completed", outcome="connected"
        )
    assert "送信済み" in early.value.messages[0]
    with pytest.raises(PermissionDenied):  # only the receiver accepts
        record_referral_event(actor=cast.lead_consultant, referral=referral, type="accepted")
    with pytest.raises(ValidationError) as no_reason:
        record_referral_event(actor=receiver, referral=referral, type="declined", reason="")
    assert "reason" in no_reason.value.message_dict
    record_referral_event(actor=receiver, referral=referral, type="accepted")
    with pytest.raises(ValidationError):  # too late to recall
        record_referral_event(actor=cast.lead_consultant, referral=referral, type="recalled")
    assert Referral.objects.get().status == "accepted"


def test_a_declined_referral_tells_the_sender_why(cast, case, partner, client_for) -> None:  # type: ignore[no-untyped-def]
    _consent(cast, case, partner)
    referral = _send(cast, case, partner)
    record_referral_event(
        actor=cast.partner_with_consent,
        referral=referral,
        type="declined",
        reason="対象地域外のため",
    )
    page = client_for(cast.lead_consultant).get(f"/referrals/{referral.pk}/").content.decode()
    assert "対象地域外のため" in page and "辞退" in page


def test_an_agency_not_on_tsunagu_is_recorded_by_hand(cast, case, partner) -> None:  # type: ignore[no-untyped-def]
    consent = _consent(cast, case, partner, categories=C.FAMILY | C.SCHOOL_WORK)
    with pytest.raises(NoLawfulPath):
        send_referral(
            actor=cast.lead_consultant,
            case=case,
            to_external="ハローワークつなぐ",
            reason="就労支援の相談",
            categories=C.SCHOOL_WORK,
        )
    referral = send_referral(
        actor=cast.lead_consultant,
        case=case,
        to_external="ハローワークつなぐ",
        reason="就労支援の相談",
        categories=C.SCHOOL_WORK,
        consent=consent,
    )
    for event in ("accepted", "first_contact"):
        record_referral_event(
            actor=cast.lead_consultant, referral=referral, type=event, note="電話で確認"
        )
    assert Referral.objects.get().status == "in_progress"


def test_only_consents_in_force_are_offered_for_an_agency_not_on_tsunagu(  # type: ignore[no-untyped-def]
    cast, case, partner, client_for
) -> None:
    from tsunagu.sharing.services import withdraw_consent

    in_force = _consent(cast, case, partner)
    withdrawn = _consent(cast, case, partner)
    withdraw_consent(actor=cast.lead_consultant, consent=withdrawn, note="電話で撤回")
    expired = _consent(cast, case, partner)
    expired.obtained_on = timezone.localdate() - dt.timedelta(days=400)
    expired.expires_on = timezone.localdate() - dt.timedelta(days=1)
    expired.save()
    page = client_for(cast.lead_consultant).get(f"/referrals/new/{case.pk}/").content.decode()
    select = page[page.index('name="consent"') :]
    select = select[: select.index("</select>")]
    offered = {c.pk for c in (in_force, withdrawn, expired) if f'value="{c.pk}"' in select}
    assert offered == {in_force.pk}


def test_timers_count_working_days_and_escalate_once(cast, case, partner) -> None:  # type: ignore[no-untyped-def]
    _consent(cast, case, partner)
    referral = _send(cast, case, partner)
    # Sent on Friday 20 November 2026; Monday 23 is 勤労感謝の日. Three working days: 24, 25, 26.
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=timezone.get_current_timezone())
    )
    assert escalate_overdue_referrals(dt.date(2026, 11, 26)) == 0
    assert escalate_overdue_referrals(dt.date(2026, 11, 27)) == 1
    assert escalate_overdue_referrals(dt.date(2026, 11, 27)) == 0  # once
    told = set(Notification.objects.filter(kind="escalation").values_list("user__email", flat=True))
    assert {cast.lead_consultant.email, cast.coordinator.email} <= told
    assert cast.partner_with_consent.email not in told
    # Five working days for an answer: 24, 25, 26, 27, 30 November.
    assert escalate_overdue_referrals(dt.date(2026, 11, 30)) == 0
    assert escalate_overdue_referrals(dt.date(2026, 12, 1)) == 1
    assert list(
        ReferralEvent.objects.filter(type="escalated").values_list("reason", flat=True)
    ) == ["not_received", "not_answered"]


def test_working_days_skip_the_new_year_closure() -> None:
    from tsunagu.core.calendar import add_business_days

    # 12月29日–1月3日 are closed, and 1月4日 2027 is a Monday.
    assert add_business_days(dt.date(2026, 12, 28), 1) == dt.date(2027, 1, 4)


@pytest.mark.django_db(transaction=True)
def test_concurrent_accept_and_recall_one_wins(cast, town) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need a server database; SQLite writes one at a time")
    partner = town[P.KAWABE_HOUKATSU]
    person = register_person(actor=cast.lead_consultant, name="松本 和夫")
    case = open_case(actor=cast.lead_consultant, person=person)
    _consent(cast, case, partner)
    outcomes: dict[str, str] = {}

    def act(referral, user, event, barrier, attempt):  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            record_referral_event(actor=user, referral=referral, type=event)
            outcomes[f"{attempt}{event}"] = "won"
        except ValidationError:
            outcomes[f"{attempt}{event}"] = "refused"
        finally:
            connection.close()

    for attempt in range(5):
        referral = _send(cast, case, partner)
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=act, args=(referral, user, event, barrier, attempt))
            for user, event in (
                (cast.partner_with_consent, "accepted"),
                (cast.lead_consultant, "recalled"),
            )
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pair = {outcomes[f"{attempt}accepted"], outcomes[f"{attempt}recalled"]}
        assert pair == {"won", "refused"}
        final = Referral.objects.get(pk=referral.pk)
        assert final.status in ("accepted", "recalled")
        assert final.events.exclude(type="sent").count() == 1


def test_the_daily_command_runs_the_escalations(cast, case, partner) -> None:  # type: ignore[no-untyped-def]
    from io import StringIO

    from django.core.management import call_command

    _consent(cast, case, partner)
    referral = _send(cast, case, partner)
    Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - dt.timedelta(days=30))
    out = StringIO()
    call_command("daily", stdout=out)  # (tests run tasks at once; `tsunagu worker` runs them)
    assert "escalate_referrals" in out.getvalue()
    assert referral.events.filter(type="escalated").count() == 2
