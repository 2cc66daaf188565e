"""アウトリーチの訂正: the target's details (the address learnt, a new rhythm) and a contact
recorded wrong are corrected, with the contact's reason required; the quiet clock follows the
corrected outcome; the history is shown under each."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.fixtures import token_for
from tsunagu.core.models import Revision
from tsunagu.outreach import services


@pytest.fixture
def target(cast):  # type: ignore[no-untyped-def]
    return services.open_target(actor=cast.lead_consultant, label="川辺団地の70代男性")


def test_a_wrong_outcome_is_corrected_and_the_quiet_clock_follows(target, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    contact = services.record_contact(
        actor=cast.lead_consultant,
        target=target,
        method="visit",
        outcome="absent",
        occurred_at=timezone.now() - dt.timedelta(hours=2),
    )
    client = client_for(cast.lead_consultant)
    url = f"/outreach/targets/{target.pk}/contacts/{contact.pk}/correct/"
    no_reason = client.post(url, {"method": "visit", "outcome": "a_little"})
    assert no_reason.status_code == 400 and "訂正の理由" in no_reason.content.decode()
    response = client.post(
        url,
        {
            "method": "visit",
            "outcome": "a_little",
            "observed": "玄関先で挨拶できた",
            "reason": "結果の選択誤り",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.last_contact_at is not None and target.stage == "contacted"
    page = client.get(f"/outreach/targets/{target.pk}/").content.decode()
    assert "玄関先で挨拶できた" in page and "結果の選択誤り" in page and "訂正履歴（1件）" in page


def test_the_target_is_corrected_on_the_page_and_through_the_api(target, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    url = f"/outreach/targets/{target.pk}/correct/"
    form = {
        "label": "川辺団地の70代男性",
        "place": "川辺団地3号棟 105号室",
        "cadence_days": "7",
        "next_contact_on": timezone.localdate().isoformat(),
        "reason": "部屋番号がわかった",
    }
    assert client.post(url, {**form, "cadence_days": "0"}).status_code == 400
    assert client.post(url, form).status_code == 302
    page = client.get(f"/outreach/targets/{target.pk}/").content.decode()
    assert "川辺団地3号棟 105号室" in page and "部屋番号がわかった" in page
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.lead_consultant)}")
    done = api.patch(
        f"/api/v1/outreach/targets/{target.pk}",
        {"cadence_days": 14},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    refused = api.patch(
        f"/api/v1/outreach/targets/{target.pk}", {"label": " "}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert Revision.objects.count() == 2
    assert client_for(cast.partner_without_consent).get(url).status_code == 404


def test_the_figures_period_ending_before_it_starts_is_refused(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.manager).get(
        "/outreach/figures/", {"since": "R8.10.1", "until": "R8.4.1"}
    )
    assert "終了日は開始日と同じ日かそれより後にしてください" in response.content.decode()
