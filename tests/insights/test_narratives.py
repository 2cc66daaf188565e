"""ナラティブ: a story of 成解 is shared only de-identified — the people and places of the
registry and the names Sudachi finds taken out, the result reviewed by its author — and with the
consent of those it names; the shared stories make an A4 booklet."""

import io

import pytest
from pypdf import PdfReader

from tests.authorization.markers import readable_text
from tsunagu.community.models import Place
from tsunagu.insights.models import Narrative
from tsunagu.people.services import register_person

STORY = (
    "岡田修さんは立ち飲み よりみちの常連で、店主が「最近顔色が悪い」と気にかけていた。"
    "社協の職員が店に顔を出すうちに、岡田さんは川辺地区のサロンで将棋を教えるようになった。"
)


@pytest.fixture
def registered(cast, town):  # type: ignore[no-untyped-def]
    register_person(actor=cast.lead_consultant, name="岡田 修", family_name="岡田", given_name="修")
    Place.objects.create(name="立ち飲み よりみち", kind="bar")


def test_a_story_is_shared_only_without_names(registered, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.coordinator)
    made = client.post(
        "/insights/narratives/new/",
        {"title": "立ち飲み屋から将棋の先生へ", "told_by": "staff", "body": STORY},
    )
    assert made.status_code == 302
    narrative = Narrative.objects.get()
    review = readable_text(client.get(made["Location"]))
    # The names are taken out, and the author sees what and with what.
    assert (
        "「岡田修」 → 「Aさん」" in review
        and "「立ち飲み よりみち」" in review
        and "「川辺」 → 「○○」" in review
    )
    # Another member of staff cannot read the draft.
    assert client_for(cast.lead_consultant).get(made["Location"]).status_code == 404
    # Shared with a registered name still in it: refused, nothing shared.
    still = client.post(
        made["Location"],
        {
            "title": "将棋の先生",
            "shared_body": "岡田さんは将棋を教えている。",
            "consent_on": "令和8年11月1日",
            "consent_how": "本人と店主に口頭で確認",
        },
    )
    assert still.status_code == 400 and "「岡田」" in readable_text(still)
    # Without the consent of those it names: refused.
    no_consent = client.post(
        made["Location"], {"title": "将棋の先生", "shared_body": "Aさんは将棋を教えている。"}
    )
    assert no_consent.status_code == 400 and "同意" in readable_text(no_consent)
    narrative.refresh_from_db()
    assert narrative.status == "draft" and not narrative.shared_body
    shared = client.post(
        made["Location"],
        {
            "title": "立ち飲み屋から将棋の先生へ",
            "shared_body": "Aさんはある店の常連で、店主が気にかけていた。今はサロンで将棋を教えている。",
            "consent_on": "令和8年11月1日",
            "consent_how": "本人と店主に口頭で確認",
        },
    )
    assert shared.status_code == 302
    narrative.refresh_from_db()
    assert narrative.status == "shared" and "岡田" not in narrative.shared_body
    # Every member of staff reads the shared text, never the draft.
    page = readable_text(
        client_for(cast.lead_consultant).get(f"/insights/narratives/{narrative.pk}/")
    )
    assert "サロンで将棋を教えている" in page and "岡田" not in page and "よりみち" not in page


def test_the_booklet_holds_the_shared_stories(registered, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.coordinator)
    client.post(
        "/insights/narratives/new/",
        {"title": "下書きの物語", "told_by": "resident", "body": "まだ共有しない"},
    )
    response = client.get("/insights/narratives/booklet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "成解の物語集" in text and "下書きの物語" not in text
