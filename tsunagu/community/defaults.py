"""The kinds of gathering every town starts with (data: a town adds its own in the admin).
The migration that first wrote them keeps its own copy, as migrations do."""

DEFAULT_TYPES = [
    (
        "kurumaza",
        "車座",
        "みんなで すわって はなす 会",
        "分野を越えて輪になって話す、目的を決めない対話の場",
    ),
    (
        "roundtable",
        "ラウンドテーブル",
        "テーブルを かこんで はなす 会",
        "テーマを決めて、立場の違う人が同じ机を囲む",
    ),
    ("fieldwork", "フィールドワーク", "まちを あるいて みる 会", "まちを歩き、場所と人を訪ねる"),
    ("game", "体験ゲーム", "ゲームで たいけんする 会", "カードゲームなどで、相手の立場を体験する"),
    (
        "salon",
        "サロン",
        "サロン（あつまって おしゃべりする ところ）",
        "住民が集い、お茶を飲み、話す",
    ),
    ("training", "研修", "べんきょう会", "支援者や住民の学びの場"),
]


def ensure_gathering_types() -> None:
    """The default kinds, where a flush of the database (the demo, a test) left none."""
    from tsunagu.community.models import GatheringType

    for order, (code, name, easy, description) in enumerate(DEFAULT_TYPES):
        GatheringType.objects.get_or_create(
            code=code,
            defaults={"name": name, "easy_name": easy, "description": description, "order": order},
        )
