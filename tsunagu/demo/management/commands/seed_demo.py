from typing import Any

from django.core.management.base import BaseCommand

from tsunagu.audit.services import run_chain_verification
from tsunagu.community.defaults import ensure_gathering_types
from tsunagu.demo.collaboration import build_collaboration
from tsunagu.demo.community import build_community
from tsunagu.demo.directory import build_directory
from tsunagu.demo.outreach import build_outreach
from tsunagu.demo.participation import HOST_EMAIL, build_participation
from tsunagu.demo.policy import build_policy
from tsunagu.demo.town import PERSONAS, build_casework, build_town, demo_password, persona_email
from tsunagu.intake.defaults import ensure_issue_taxonomy
from tsunagu.meetings.defaults import ensure_default_types


class Command(BaseCommand):
    help = "Build the demo town (つなぐ町). Safe to run again: adds only what is missing."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_issue_taxonomy()  # (as the migrations left them, should someone have removed them)
        ensure_default_types()
        ensure_gathering_types()
        added = build_town()
        added.update(build_casework())
        added.update(build_collaboration())
        added.update(build_outreach())
        added.update(build_directory())
        added.update(build_participation())
        added.update(build_community())
        added.update(build_policy())
        run_chain_verification(actor=None)
        summary = ", ".join(f"{n} {what}" for what, n in added.items())
        self.stdout.write(self.style.SUCCESS(f"Demo town ready (added: {summary})."))
        self.stdout.write(f"\nDemo logins (password: {demo_password()}):")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona_email(persona):40} {persona.name}（{persona.what}）")
        self.stdout.write(
            f"  {HOST_EMAIL:40} 大西 茂（川辺商店会・立ち飲み よりみち の店主：受け入れ先の画面）"
        )
