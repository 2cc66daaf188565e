"""The kinds of meeting every municipality starts with (an administrator adds more)."""

DEFAULT_TYPES = [
    {
        "name": "重層的支援会議",
        "requires_consent": True,
        "statutory_confidentiality": False,
        "description": "多機関協働事業者が開催し、本人同意のあるケースについて支援プランの適切さ、"
        "役割分担、終結、社会資源の不足を協議する会議。",
    },
    {
        "name": "支援会議",
        "requires_consent": False,
        "statutory_confidentiality": True,
        "description": "社会福祉法第106条の6に基づく会議。構成員に守秘義務が課され、本人同意がなくても"
        "必要な情報を共有して、潜在的なケースへの支援を検討する。",
    },
    {
        "name": "ケース会議",
        "requires_consent": True,
        "statutory_confidentiality": False,
        "description": "関係機関が本人同意の範囲で個別ケースの支援方針を話し合う会議。",
    },
]


def ensure_default_types() -> None:
    from tsunagu.meetings.models import MeetingType

    for fields in DEFAULT_TYPES:
        MeetingType.objects.get_or_create(name=fields["name"], defaults=fields)
