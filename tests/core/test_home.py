import pytest
from django.test import Client
from django.utils import timezone

from tsunagu.core.wareki import format_date


def test_home_needs_sign_in(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


@pytest.mark.parametrize(
    ("persona", "sees", "does_not_see"),
    [
        (
            "lead_consultant",
            ["あなたの役割とログイン履歴", "相談支援員"],
            ["今日の監査", "対応が必要なアカウント"],
        ),
        ("auditor", ["今日の監査", "確認すべき記録", "監査ログ"], ["対応が必要なアカウント"]),
        ("admin", ["対応が必要なアカウント", "機関", "アカウント・機関"], ["今日の監査"]),
        (
            "reporter",
            ["見守り協力者（民生委員等）"],
            ["今日の監査", "監査ログ", "支援体制の担い手"],
        ),
        (
            "manager",
            ["支援体制の担い手", "多機関協働コーディネーター"],
            ["今日の監査", "対応が必要なアカウント"],
        ),
    ],
)
def test_each_role_sees_what_needs_them_today(
    cast, client_for, persona, sees, does_not_see, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(getattr(cast, persona))
    with django_assert_max_num_queries(25):
        body = client.get("/").content.decode()
    for text in sees:
        assert text in body, text
    for text in does_not_see:
        assert text not in body, text


def test_dates_follow_the_users_preference(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    client = client_for(cast.lead_consultant)
    assert format_date(today) in client.get("/").content.decode()
    response = client.post("/accounts/preferences/", {"date_style": "seireki"}, follow=True)
    assert "設定を保存しました" in response.content.decode()
    body = client.get("/").content.decode()
    assert f"{today.year}年{today.month}月{today.day}日" in body
    assert format_date(today) not in body


def test_english_is_available(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert 'lang="en"' in body and "Sign out" in body and "Skip to main content" in body


def test_pages_carry_skip_link_and_print_stylesheet(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(cast.lead_consultant).get("/").content.decode()
    assert 'href="#main"' in body and 'id="main"' in body
    css = Client().get("/static/tsunagu/css/tsunagu.css")
    assert css.status_code == 200
    assert b"@media print" in b"".join(css.streaming_content)
