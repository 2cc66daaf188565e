from django.urls import path

from tsunagu.cases import views
from tsunagu.plans import views as plan_views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("new/", views.case_new, name="case-new"),
    path("urgent/", views.urgent_queue, name="urgent"),
    path("export.xlsx", views.case_export, name="case-export"),
    path("<int:pk>/forms/<slug:name>.pdf", views.case_form_pdf, name="case-form"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/support/", views.case_support, name="case-support"),
    path("<int:pk>/collaboration/", views.case_collaboration, name="case-collaboration"),
    path("<int:pk>/correct/", views.case_correct, name="case-correct"),
    path("<int:pk>/notes/", views.note_add, name="note-add"),
    path("<int:pk>/notes/<int:note_id>/correct/", views.note_correct, name="note-correct"),
    path("<int:pk>/status/", views.status_change, name="status-change"),
    path("<int:pk>/close/", views.case_close, name="case-close"),
    path("<int:pk>/reopen/", views.case_reopen, name="case-reopen"),
    path("<int:pk>/tasks/<int:task_id>/done/", views.task_done, name="task-done"),
    path("<int:pk>/attachments/new/", views.attachment_new, name="attachment-new"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("<int:pk>/assessment/", plan_views.assessment_new, name="assessment-new"),
    path("<int:pk>/plan/", plan_views.plan_new, name="plan-new"),
    path("<int:pk>/evaluation/", plan_views.evaluation_new, name="evaluation-new"),
]
