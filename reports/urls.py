from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("upload/jobs/<int:job_id>/", views.job, name="job"),
    path("upload/jobs/<int:job_id>.json", views.job_status, name="job_status"),
    path("upload/jobs/<int:job_id>/retry/", views.job_retry, name="job_retry"),
    path("quality/", views.quality, name="quality"),
    path("quality/conflicts/choose/", views.conflict_choose, name="conflict_choose"),
    path("observations/<int:observation_id>/", views.observation, name="observation"),
    path("observations/<int:observation_id>/review/", views.observation_review, name="observation_review"),
    path("documents/<int:document_id>/tables/review/", views.table_review, name="table_review"),
    path("audit/", views.audit_trail, name="audit"),
    path("audit.csv", views.audit_trail_csv, name="audit_csv"),
]
