from django.urls import path

from tsunagu.insights import policy_views, views

app_name = "insights"
urlpatterns = [
    path("", views.figures, name="figures"),
    path("national-report/", views.national_report_view, name="national-report"),
    path("barriers/", views.barrier_list, name="barrier-list"),
    path("barriers/new/", policy_views.dialogue_barrier_new, name="barrier-dialogue-new"),
    path("barriers/<int:pk>/", policy_views.barrier_detail, name="barrier-detail"),
    path("themes/", policy_views.theme_list, name="theme-list"),
    path("themes/new/", policy_views.theme_new, name="theme-new"),
    path("themes/<int:pk>/", policy_views.theme_detail, name="theme-detail"),
    path("themes/gather/", policy_views.theme_gather, name="theme-gather"),
    path("advice/", policy_views.advice_list, name="advice-list"),
    path("advice/new/", policy_views.advice_new, name="advice-new"),
    path("advice/<int:pk>/", policy_views.advice_detail, name="advice-detail"),
    path("narratives/", policy_views.narrative_list, name="narrative-list"),
    path("narratives/new/", policy_views.narrative_new, name="narrative-new"),
    path("narratives/booklet.pdf", policy_views.narrative_booklet, name="narrative-booklet"),
    path("narratives/<int:pk>/", policy_views.narrative_detail, name="narrative-detail"),
    path("plans/", policy_views.plan_list, name="plan-list"),
    path("plans/<int:pk>/", policy_views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/review/", policy_views.plan_review, name="plan-review"),
    path("plans/<int:pk>/indicators/new/", policy_views.indicator_new, name="indicator-new"),
    path("plans/<int:pk>/logic-models/new/", policy_views.logic_model_new, name="logic-model-new"),
    path("indicators/<int:pk>/value/", policy_views.indicator_value, name="indicator-value"),
    path("programs/", policy_views.program_list, name="program-list"),
    path("programs/new/", policy_views.program_new, name="program-new"),
    path("programs/import/", policy_views.program_import, name="program-import"),
    path("programs/<int:pk>/", policy_views.program_detail, name="program-detail"),
    path("programs/<int:pk>/correct/", policy_views.program_correct, name="program-correct"),
    path("cases/<int:pk>/barriers/new/", views.barrier_new, name="barrier-new"),
    path("ideas/<int:idea_id>/barrier/", views.barrier_from_idea, name="barrier-from-idea"),
]
