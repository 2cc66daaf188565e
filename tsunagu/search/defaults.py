"""The field's everyday words that mean one thing, as a town starts with them (the account
administrator adds the town's own in the administration site)."""

from typing import Any

DEFAULT_SYNONYMS = [
    "ケアマネ ケアマネジャー ケアマネージャー 介護支援専門員",
    "生保 生活保護",
    "包括 地域包括 地域包括支援センター",
    "社協 社会福祉協議会",
    "民生 民生さん 民生委員 民生委員・児童委員",
    "就B 就労継続支援B型 B型事業所",
    "就A 就労継続支援A型 A型事業所",
    "ハロワ ハローワーク 公共職業安定所",
    "住居確保給付金 住宅確保給付金",
    "SSW スクールソーシャルワーカー",
    "SC スクールカウンセラー",
    "DV ドメスティック・バイオレンス ドメスティックバイオレンス 配偶者暴力",
    "児相 児童相談所",
    "借金 債務 負債",
    "独居 一人暮らし 独り暮らし",
    "日自 日常生活自立支援事業 地域福祉権利擁護事業",
    "デイ デイサービス 通所介護",
    "ヘルパー ホームヘルパー 訪問介護員",
    "ゴミ ごみ",
    "ゴミ屋敷 ごみ屋敷",
    "ゴミ出し ごみ出し",
    "自立相談 自立相談支援機関 自立相談支援事業",
    "サ高住 サービス付き高齢者向け住宅",
    "特養 特別養護老人ホーム",
    "老健 介護老人保健施設",
    "訪看 訪問看護",
    "地活 地域活動支援センター",
    "PSW MHSW 精神保健福祉士",
    "重層 重層的支援体制整備事業",
    "困窮 生活困窮 生活困窮者",
    "ひとり親 母子家庭 父子家庭",
]


def ensure_default_synonyms(model: Any = None) -> None:
    """Put in the default groups the town does not have (a word already in a group of its own
    keeps that group). `model`: the migration's historical Synonym."""
    if model is None:
        from tsunagu.search.models import Synonym as model

    known = {w for terms in model.objects.values_list("terms", flat=True) for w in split(terms)}
    for terms in DEFAULT_SYNONYMS:
        if not known & set(split(terms)):
            model.objects.create(terms=terms)


def split(terms: str) -> list[str]:
    """The words of a synonym group as typed (spaces, 、 or commas between them)."""
    return [w for w in terms.replace("、", " ").replace(",", " ").split() if w]
