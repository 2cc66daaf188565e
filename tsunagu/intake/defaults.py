"""The 課題 taxonomy every municipality starts with: the national 相談受付・申込票's list, plus
household patterns (an account administrator extends it)."""

FORM_ISSUES = [
    ("health_disability", "病気や健康・障害"),
    ("housing", "住まい"),
    ("income", "収入・生活費"),
    ("rent_loans", "家賃やローン"),
    ("taxes_utilities", "税金や公共料金"),
    ("debt", "債務"),
    ("job_search", "仕事探し"),
    ("work_worries", "仕事上の不安"),
    ("community_relations", "地域との関係"),
    ("family_relations", "家族との関係"),
    ("child_rearing", "子育て"),
    ("care", "介護"),
    ("withdrawal_truancy", "ひきこもり・不登校"),
    ("dv_abuse", "DV・虐待"),
    ("no_food", "食べるものがない"),
    ("other", "その他"),
]
PATTERNS = [
    ("8050", "8050"),
    ("double_care", "ダブルケア"),
    ("young_carer", "ヤングケアラー"),
    ("hoarding_self_neglect", "ごみ屋敷・セルフネグレクト"),
    ("social_isolation", "社会的孤立"),
    ("suicide_risk", "自殺リスク"),
]


def ensure_issue_taxonomy() -> None:
    """Put back any of the starting issues that are missing (the demo relies on them)."""
    from tsunagu.intake.models import Issue

    for group, rows in (("form", FORM_ISSUES), ("pattern", PATTERNS)):
        for order, (code, name) in enumerate(rows, start=1):
            Issue.objects.get_or_create(
                code=code, defaults={"name": name, "group": group, "order": order * 10}
            )
