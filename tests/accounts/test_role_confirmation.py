"""役割の確認: a role given to oneself, or in an agency other than the administrator's own,
opens nothing until a manager of that agency confirms it, and those managers are told. Tried
as the account administrator, the managers and the auditor would notice it."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.test import Client

from tests import personas as P
from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import Membership, Organization, User
from tsunagu.accounts.services import create_user, grant_role
from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import Case
from tsunagu.cases.services import open_case
from tsunagu.notifications.models import Notification
from tsunagu.people.services import register_person
from tsunagu.sharing.services import case_workers

PENDING_PAGE = "/accounts/roles/pending/"


def _manager_of(organization: Organization, key: str, name: str) -> User:
    """A manager (管理職) of `organization`, set up by the system."""
    user = create_user(actor=None, email=f"{key}@test.tsunagu.example", display_name=name)
    grant_role(actor=None, user=user, organization=organization, role=Role.MANAGER)
    return user


@pytest.fixture
def sasae_case(cast) -> Case:  # type: ignore[no-untyped-def]
    lead = cast.lead_consultant
    return open_case(actor=lead, person=register_person(actor=lead, name="山田 太郎"))


def _give_on_admin_site(
    client: Client, user: User, organization: Organization, role: str, **row: str
) -> Any:
    """The administrator adds a role row to `user` on the administration site and saves."""
    memberships = list(user.memberships.order_by("pk"))
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "display_name_kana": user.display_name_kana,
        "date_style": user.date_style,
        "is_active": "on",
        **({"is_staff": "on"} if user.is_staff else {}),
        "memberships-TOTAL_FORMS": str(len(memberships) + 1),
        "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate([*memberships, None]):
        data |= {
            f"memberships-{i}-id": str(m.pk) if m else "",
            f"memberships-{i}-user": str(user.pk),
            f"memberships-{i}-organization": str(m.organization_id if m else organization.pk),
            f"memberships-{i}-role": m.role if m else role,
            f"memberships-{i}-title": m.title if m else "",
        }
        if m is None or m.is_active or m.is_pending:
            data[f"memberships-{i}-is_active"] = "on"
        if m is not None and m.can_declare_emergency:
            data[f"memberships-{i}-can_declare_emergency"] = "on"
    data |= {f"memberships-{len(memberships)}-{k}": v for k, v in row.items()}
    return client.post(f"/admin/accounts/user/{user.pk}/change/", data, follow=True)


def test_a_role_the_administrator_gives_himself_in_another_agency_reads_nothing_until_its_manager_confirms(
    cast, client_for, town, sasae_case
) -> None:  # type: ignore[no-untyped-def]
    sasae = town[P.SASAE]
    sasae_manager = _manager_of(sasae, "sasae-manager", "森 和子")
    admin = client_for(cast.admin)

    response = _give_on_admin_site(admin, cast.admin, sasae, Role.CONSULTANT)
    assert response.status_code == 200
    assert "管理職の確認待ちです（管理職に通知しました）" in response.content.decode()
    membership = Membership.objects.get(user=cast.admin, organization=sasae)
    assert membership.is_pending and membership.granted_by == cast.admin

    # Nothing opens: not the case, not the caseload.
    assert admin.get(f"/cases/{sasae_case.pk}/").status_code == 404
    assert admin.get("/cases/").status_code == 404
    assert admin.get(f"/api/v1/cases/{sasae_case.pk}").status_code == 404

    # The agency's manager is told, and no one else of the agency.
    note = Notification.objects.get(user=sasae_manager)
    assert note.kind == "role" and note.url == PENDING_PAGE
    assert note.message == (
        f"{cast.admin.display_name}が{cast.admin.display_name}に{P.SASAE}の役割「相談支援員」を"
        f"付与しました。{P.SASAE}の管理職が確認するまで、この役割は有効になりません。"
    )
    assert not Notification.objects.filter(user=cast.lead_consultant).exists()
    grant = AuditEvent.objects.get(object_type="accounts.membership", object_id=membership.pk)
    assert grant.actor == cast.admin and grant.action == "create" and grant.detail["pending"]

    # The administrator cannot confirm it himself.
    assert admin.get(PENDING_PAGE).status_code == 404
    decide = f"/accounts/roles/{membership.pk}/decide/"
    assert admin.post(decide, {"decision": "confirm"}).status_code == 404

    # The manager sees it where they look, and confirms it.
    manager = client_for(sasae_manager)
    assert "貴機関で付与された役割1件が確認を待っています" in manager.get("/").content.decode()
    page = manager.get(PENDING_PAGE).content.decode()
    assert cast.admin.email in page and "相談支援員" in page and 'value="confirm"' in page
    response = manager.post(decide, {"decision": "confirm"}, follow=True)
    assert "の役割「相談支援員」を確認しました" in response.content.decode()

    membership.refresh_from_db()
    assert membership.is_active and membership.confirmed_by == sasae_manager
    assert admin.get(f"/cases/{sasae_case.pk}/").status_code == 200
    confirmed = AuditEvent.objects.get(action="role_confirmed")
    assert confirmed.actor == sasae_manager and confirmed.object_id == str(membership.pk)
    assert Notification.objects.filter(user=cast.admin, message__contains="確認しました").exists()
    assert "確認待ちの役割はありません" in manager.get(PENDING_PAGE).content.decode()


def test_a_refused_role_never_opens_anything(cast, client_for, town, sasae_case) -> None:  # type: ignore[no-untyped-def]
    sasae = town[P.SASAE]
    sasae_manager = _manager_of(sasae, "sasae-manager", "森 和子")
    admin = client_for(cast.admin)
    _give_on_admin_site(admin, cast.admin, sasae, Role.CONSULTANT)
    membership = Membership.objects.get(user=cast.admin, organization=sasae)

    manager = client_for(sasae_manager)
    response = manager.post(
        f"/accounts/roles/{membership.pk}/decide/", {"decision": "refuse"}, follow=True
    )
    assert "を承認しませんでした" in response.content.decode()
    membership.refresh_from_db()
    assert not membership.is_active and not membership.is_pending
    assert membership.refused_at is not None and membership.confirmed_at is None
    assert AuditEvent.objects.get(action="role_refused").actor == sasae_manager
    assert Notification.objects.filter(user=cast.admin, message__contains="承認しませんでした")
    assert admin.get(f"/cases/{sasae_case.pk}/").status_code == 404
    # A refused role cannot be confirmed afterwards by a second click.
    manager.post(f"/accounts/roles/{membership.pk}/decide/", {"decision": "confirm"})
    membership.refresh_from_db()
    assert not membership.is_active

    # Ticking it again on the administration site asks the manager again; it still opens nothing.
    admin_page = admin.get(f"/admin/accounts/user/{cast.admin.pk}/change/").content.decode()
    assert "機関が不承認" in admin_page
    data_again = _reactivation(cast.admin, membership)
    admin.post(f"/admin/accounts/user/{cast.admin.pk}/change/", data_again)
    membership.refresh_from_db()
    assert membership.is_pending
    assert admin.get(f"/cases/{sasae_case.pk}/").status_code == 404
    assert Notification.objects.filter(user=sasae_manager).count() == 2


def _reactivation(user: User, target: Membership) -> dict[str, str]:
    """The user's change form with `target` ticked active again and nothing else changed."""
    memberships = list(user.memberships.order_by("pk"))
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "date_style": user.date_style,
        "is_active": "on",
        **({"is_staff": "on"} if user.is_staff else {}),
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(len(memberships)),
    }
    for i, m in enumerate(memberships):
        data |= {
            f"memberships-{i}-id": str(m.pk),
            f"memberships-{i}-user": str(user.pk),
            f"memberships-{i}-title": m.title,
        }
        if m.is_active or m.is_pending or m.pk == target.pk:
            data[f"memberships-{i}-is_active"] = "on"
    return data


def test_nobody_confirms_a_role_given_to_them_or_by_them(cast, client_for, town) -> None:  # type: ignore[no-untyped-def]
    sasae = town[P.SASAE]
    first = _manager_of(sasae, "sasae-manager", "森 和子")
    second = _manager_of(sasae, "sasae-deputy", "林 浩二")
    # The administrator is also a manager of ささえ, and gives himself a consultant role there.
    grant_role(actor=None, user=cast.admin, organization=sasae, role=Role.MANAGER)
    mine = grant_role(actor=cast.admin, user=cast.admin, organization=sasae, role=Role.CONSULTANT)
    # An administrator of another agency gives the first manager a consultant role at ささえ.
    theirs = grant_role(actor=cast.admin, user=first, organization=sasae, role=Role.CONSULTANT)
    assert mine.is_pending and theirs.is_pending

    for user, own in [(cast.admin, mine), (first, theirs)]:
        client = client_for(user)
        assert "他の管理職が判断します" in client.get(PENDING_PAGE).content.decode()
        response = client.post(
            f"/accounts/roles/{own.pk}/decide/", {"decision": "confirm"}, follow=True
        )
        assert "付与された人と付与した人は判断できません" in response.content.decode()
        own.refresh_from_db()
        assert own.is_pending
    # Only the managers who may decide were told of each.
    assert not Notification.objects.filter(user=cast.admin, kind="role").exists()
    assert set(Notification.objects.filter(kind="role").values_list("user", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert Notification.objects.filter(user=first, kind="role").count() == 1  # of mine only

    deputy = client_for(second)
    for membership in (mine, theirs):
        deputy.post(f"/accounts/roles/{membership.pk}/decide/", {"decision": "confirm"})
        membership.refresh_from_db()
        assert membership.is_active and membership.confirmed_by == second


@pytest.mark.parametrize("agency", [P.HIDAMARI, P.INFO_SECTION])
def test_a_role_no_manager_may_confirm_stays_closed_and_the_auditors_are_told(
    cast, client_for, town, agency
) -> None:  # type: ignore[no-untyped-def]
    """相談支援事業所 ひだまり has no manager; in his own 情報政策係 the administrator gives the role
    to himself, and it has no manager either."""
    organization = town[agency]
    response = _give_on_admin_site(client_for(cast.admin), cast.admin, organization, "consultant")
    assert "確認できる管理職" in response.content.decode()
    assert "監査担当に通知しました" in response.content.decode()
    membership = Membership.objects.get(
        user=cast.admin, organization=organization, role="consultant"
    )
    assert membership.is_pending
    for user in (cast.auditor, cast.admin):
        note = Notification.objects.get(user=user, kind="role")
        assert "確認できる管理職が" in note.message and agency in note.message
    assert organization.pk not in reading_organization_ids(User.objects.get(pk=cast.admin.pk))


def test_a_role_given_to_someone_else_in_the_administrators_own_agency_holds_at_once(
    cast, client_for, town
) -> None:  # type: ignore[no-untyped-def]
    colleague = create_user(
        actor=None, email="it-staff@test.tsunagu.example", display_name="情報 太郎"
    )
    _give_on_admin_site(client_for(cast.admin), colleague, town[P.INFO_SECTION], Role.AUDITOR)
    membership = Membership.objects.get(user=colleague)
    assert membership.is_active and membership.confirmed_by == cast.admin
    assert not Notification.objects.filter(kind="role").exists()


def test_adding_the_emergency_right_to_ones_own_role_waits_like_a_new_role(
    cast, client_for, town
) -> None:  # type: ignore[no-untyped-def]
    sasae = town[P.SASAE]
    _manager_of(sasae, "sasae-manager", "森 和子")
    held = grant_role(actor=None, user=cast.admin, organization=sasae, role=Role.CONSULTANT)
    assert held.is_active
    data = _reactivation(cast.admin, held)
    index = next(k for k, v in data.items() if v == str(held.pk)).split("-")[1]
    data[f"memberships-{index}-can_declare_emergency"] = "on"
    client_for(cast.admin).post(f"/admin/accounts/user/{cast.admin.pk}/change/", data)
    held.refresh_from_db()
    assert held.is_pending and held.can_declare_emergency
    assert User.objects.get(pk=cast.admin.pk).casework_memberships == []


def test_a_waiting_role_counts_for_nothing(cast, town) -> None:  # type: ignore[no-untyped-def]
    sasae = town[P.SASAE]
    waiting = grant_role(actor=cast.admin, user=cast.admin, organization=sasae, role="consultant")
    admin = User.objects.get(pk=cast.admin.pk)
    assert admin.role_codes() == {"admin"} and not admin.works_cases
    assert admin.casework_memberships == [] and reading_organization_ids(admin) == []
    assert cast.admin not in case_workers(sasae)  # hears nothing of ささえ's cases either
    # The database itself refuses an active role that nobody confirmed.
    with pytest.raises(IntegrityError):
        Membership.objects.filter(pk=waiting.pk).update(is_active=True)


def test_the_system_gives_roles_at_once(cast, town) -> None:  # type: ignore[no-untyped-def]
    """Set-up and the demo (actor None), and `tsunagu grant_role` for a new installation's first
    administrator and managers."""
    out = StringIO()
    call_command("grant_role", cast.colleague.email, P.HIDAMARI, "manager", stdout=out)
    membership = Membership.objects.get(user=cast.colleague, organization=town[P.HIDAMARI])
    assert membership.is_active and membership.confirmed_at and membership.granted_by is None
    assert (
        AuditEvent.objects.get(object_id=membership.pk, object_type="accounts.membership").actor
        is None
    )
    assert all(
        m.is_active
        for m in Membership.objects.filter(user__in=[cast.lead_consultant, cast.manager])
    )


def test_the_confirmation_page_is_for_managers_of_the_agency_with_their_second_factor(
    cast, client_for, town
) -> None:  # type: ignore[no-untyped-def]
    sasae_manager = _manager_of(town[P.SASAE], "sasae-manager", "森 和子")
    waiting = grant_role(
        actor=cast.admin, user=cast.admin, organization=town[P.SASAE], role="consultant"
    )
    assert client_for(cast.lead_consultant).get(PENDING_PAGE).status_code == 404
    # The manager of another agency neither sees it nor decides on it.
    other = client_for(cast.manager)
    assert cast.admin.email not in other.get(PENDING_PAGE).content.decode()
    decide = f"/accounts/roles/{waiting.pk}/decide/"
    assert other.post(decide, {"decision": "confirm"}).status_code == 404
    # A manager's session waiting for its second factor decides nothing.
    unverified = client_for(sasae_manager, verified=False)
    assert unverified.get(PENDING_PAGE)["Location"] == "/accounts/two-factor/"
    unverified.post(decide, {"decision": "confirm"})
    waiting.refresh_from_db()
    assert waiting.is_pending
    # The home page links it for managers only.
    assert PENDING_PAGE in client_for(sasae_manager).get("/").content.decode()
    assert PENDING_PAGE not in client_for(cast.lead_consultant).get("/").content.decode()


def test_existing_roles_count_as_confirmed_after_the_migration(transactional_db) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0003_membership_confirmation_fields")])
    apps = executor.loader.project_state([("accounts", "0003_membership_confirmation_fields")]).apps
    OldOrganization = apps.get_model("accounts", "Organization")
    OldUser = apps.get_model("accounts", "User")
    OldMembership = apps.get_model("accounts", "Membership")
    organization = OldOrganization.objects.create(name="旧機関", kind="npo")
    user = OldUser.objects.create(email="old@test.tsunagu.example", display_name="旧 職員")
    active = OldMembership.objects.create(user=user, organization=organization, role="consultant")
    ended = OldMembership.objects.create(
        user=user, organization=organization, role="manager", is_active=False
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    for pk in (active.pk, ended.pk):
        membership = Membership.objects.get(pk=pk)
        assert membership.confirmed_at == membership.created_at and not membership.is_pending
    assert Membership.objects.get(pk=active.pk).is_active
