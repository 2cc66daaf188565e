"""What a person's record takes: a birth date that has happened, a phone number with digits,
stored in half-width whatever was typed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagu.people.models import Person
from tsunagu.people.services import register_person, update_person


def test_a_full_width_phone_number_is_stored_half_width(cast) -> None:  # type: ignore[no-untyped-def]
    person = register_person(
        actor=cast.lead_consultant, name="松本 誠", phone="０９０ー１２３４－５６７８"
    )
    assert person.phone == "090-1234-5678"


def test_a_phone_number_without_digits_is_refused_with_what_to_fix(cast) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        register_person(actor=cast.lead_consultant, name="松本 誠", phone="携帯なし")
    assert "090-1234-5678" in str(refused.value.message_dict["phone"])
    assert not Person.objects.exists()


def test_a_birth_date_in_the_future_is_refused_on_the_page_and_on_correction(  # type: ignore[no-untyped-def]
    cast, client_for
) -> None:
    response = client_for(cast.lead_consultant).post(
        "/people/new/", {"name": "松本 誠", "birth_date": "R20.1.1"}
    )
    assert response.status_code in (200, 400)
    assert "未来" in response.content.decode() and not Person.objects.exists()
    person = register_person(actor=cast.lead_consultant, name="松本 誠")
    with pytest.raises(ValidationError):
        update_person(
            actor=cast.lead_consultant,
            person=person,
            birth_date=timezone.localdate() + dt.timedelta(days=1),
        )
