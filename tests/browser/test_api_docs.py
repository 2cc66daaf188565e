"""The API's docs page works with no internet (LGWAN): Swagger UI comes from the installation's
own static files, draws the operations, and asks nothing of any other host; anonymous visitors
are sent to sign in."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_docs_page_needs_no_internet(desk, live_server, cast) -> None:  # type: ignore[no-untyped-def]
    page = desk(cast.lead_consultant)
    elsewhere: list[str] = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .title")).to_contain_text("Tsunagu API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert elsewhere == []


def test_the_docs_page_is_for_signed_in_users(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/docs")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
