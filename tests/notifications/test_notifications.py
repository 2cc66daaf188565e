"""お知らせ: in the application for everyone concerned, by e-mail when the deployment has a
mail server, and the e-mail names no person."""

import datetime as dt

from django.core import mail

from tests import personas as P
from tsunagu.cases.services import open_case
from tsunagu.people.services import register_person
from tsunagu.sharing.services import add_team_member


def test_a_new_team_member_hears_of_it_in_the_app_and_by_mail(
    cast, town, client_for, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.NOTIFY_BY_EMAIL = True
    case = open_case(
        actor=cast.lead_consultant,
        person=register_person(actor=cast.lead_consultant, name="石井 勇"),
    )
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes after the commit
        add_team_member(
            actor=cast.lead_consultant, case=case, organization=town[P.HIDAMARI], role="related"
        )

    partner = client_for(cast.partner_without_consent)
    home = partner.get("/").content.decode()
    assert "未読1件" in home
    page = partner.get("/notifications/").content.decode()
    assert f"ケース #{case.pk}" in page and "石井 勇" not in page
    sent = [m for m in mail.outbox if cast.partner_without_consent.email in m.to]
    assert len(sent) == 1 and "石井" not in sent[0].body and f"#{case.pk}" in sent[0].body

    note = cast.partner_without_consent.notifications.get()
    response = partner.post(f"/notifications/{note.pk}/open/")
    assert response["Location"] == f"/cases/{case.pk}/"
    assert "未読" not in partner.get("/").content.decode()


def test_the_home_page_shows_referrals_meetings_and_reviews(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    home = client_for(cast.lead_consultant).get("/").content.decode()
    assert "つなぎ" in home and "今後の会議" in home
    assert "事後確認待ちの緊急アクセス" in client_for(cast.auditor).get("/").content.decode()


def test_notifications_are_written_in_the_towns_language_whoever_acts(cast, town) -> None:  # type: ignore[no-untyped-def]
    """A worker on an English screen, or the background worker, still tells the town in
    Japanese (a crawl of the demo found escalations in English)."""
    from django.utils import translation

    from tsunagu.referrals.services import escalate_overdue_referrals, send_referral
    from tsunagu.sharing.choices import InfoCategory as C
    from tsunagu.sharing.services import record_consent

    case = open_case(
        actor=cast.lead_consultant,
        person=register_person(actor=cast.lead_consultant, name="石井 勇"),
    )
    partner = town[P.KAWABE_HOUKATSU]
    record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=C.FAMILY,
        organizations=[partner],
        purpose="介護の相談のため",
        method="written",
    )
    with translation.override("en"):
        add_team_member(actor=cast.lead_consultant, case=case, organization=partner, role="related")
        referral = send_referral(
            actor=cast.lead_consultant,
            case=case,
            to_organization=partner,
            reason="介護保険の申請をお願いしたい",
            categories=C.FAMILY,
        )
        referral.sent_at -= dt.timedelta(days=30)
        referral.save(update_fields=["sent_at"])
        escalate_overdue_referrals()
    messages = [n.message for n in cast.partner_with_consent.notifications.all()]
    messages += [n.message for n in cast.lead_consultant.notifications.all()]
    assert any("チーム" in m for m in messages) and any("つなぎ" in m for m in messages)
    assert any("開庁日" in m for m in messages), messages
    assert not any(" the " in m or " has " in m for m in messages), messages
