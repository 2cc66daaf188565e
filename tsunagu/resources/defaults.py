"""The kinds of community resource a town starts with (HSDS taxonomy terms of the taxonomy
"tsunagu"); the directory's keepers add their own in the administration site."""

from typing import Any

#: (code, name, description)
DEFAULT_KINDS = [
    ("ibasho", "居場所", "ふらっと立ち寄って過ごせる場所"),
    ("salon", "サロン・通いの場", "お茶や体操で集まる地域の場"),
    ("kodomo-shokudo", "子ども食堂", "子どもも大人も一緒に食べる食堂"),
    ("study", "学習支援", "子ども・若者の学びの場"),
    ("work-b", "就労継続支援B型", "体調に合わせて働ける福祉サービス"),
    ("work-experience", "就労体験・仕事", "短い時間から試せる仕事や作業"),
    ("farm", "農園・畑", "土に触れる作業や収穫"),
    ("library", "図書館・学びの施設", "本や講座のある公共の場"),
    ("community-hall", "公民館・集会所", "地域の集まりの場所"),
    ("shop", "商店・商店街", "買い物と顔なじみの場"),
    ("eatery", "飲食店・立ち飲み屋", "食事やお酒を通じた顔の見える場"),
    ("cafe", "カフェ", "落ち着いて過ごせる喫茶"),
    ("exercise", "運動・体操", "体を動かす教室やグループ"),
    ("hobby", "趣味・サークル", "手芸、囲碁、音楽などの集まり"),
    ("volunteer", "ボランティア・役割", "誰かの役に立つ活動"),
    ("peer-group", "家族会・当事者の会", "同じ経験をもつ人どうしの集まり"),
    ("consultation", "相談窓口", "困りごとを話せる窓口"),
    ("shelter", "一時避難", "安全な場所が必要なときの支援"),
    ("transport", "移動・送迎", "外出を支える送迎や移動支援"),
]


def ensure_default_kinds(model: Any = None) -> None:
    """Put in the kinds the town does not have yet (by code). `model`: the migration's
    historical Kind."""
    if model is None:
        from tsunagu.resources.models import Kind as model

    known = set(model.objects.values_list("code", flat=True))
    for order, (code, name, description) in enumerate(DEFAULT_KINDS, start=1):
        if code not in known:
            model.objects.create(code=code, name=name, description=description, order=order * 10)
