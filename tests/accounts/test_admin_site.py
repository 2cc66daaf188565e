"""The account administrator's work on the administration site, audited."""

from tests import personas as P
from tsunagu.accounts.models import Membership, Organization, User
from tsunagu.audit.models import AuditEvent


def _membership_form(organization: Organization, role: str) -> dict[str, str]:
    return {
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-organization": str(organization.pk),
        "memberships-0-role": role,
        "memberships-0-title": "",
        "memberships-0-is_active": "on",
    }


def test_the_administrator_creates_an_account_and_gives_a_role(cast, client_for, town) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "yamada@example.jp",
            "display_name": "山田 花子",
            "password1": "a-long-password-123",
            "password2": "a-long-password-123",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="yamada@example.jp")
    assert AuditEvent.objects.filter(
        action="create", object_type="accounts.user", object_id=str(user.pk), actor=cast.admin
    ).exists()
    # In the administrator's own agency, for someone else: in force at once.
    info_section = town[P.INFO_SECTION]
    response = client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "email": user.email,
            "display_name": user.display_name,
            "display_name_kana": "",
            "date_style": "wareki",
            "is_active": "on",
            **_membership_form(info_section, "admin"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=user, organization=info_section, role="admin")
    assert membership.is_active and membership.confirmed_by == cast.admin
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser  # the role opened the site, nothing more
    assert AuditEvent.objects.filter(
        action="create", object_type="accounts.membership", actor=cast.admin
    ).exists()


def test_the_administrator_cannot_grant_superuser_rights(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(cast.admin).get(f"/admin/accounts/user/{cast.lead_consultant.pk}/change/")
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()


def test_the_administrator_extends_the_issue_taxonomy(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.intake.models import Issue

    response = client_for(cast.admin).post(
        "/admin/intake/issue/add/",
        {
            "code": "foreign_residents",
            "name": "外国籍・言語",
            "group": "form",
            "order": "170",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Issue.objects.get(code="foreign_residents").name == "外国籍・言語"
    assert AuditEvent.objects.filter(action="create", object_type="intake.issue").exists()
    assert client_for(cast.lead_consultant).get("/admin/intake/issue/").status_code == 302
