from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("upload/jobs/<int:job_id>/", views.job, name="job"),
    path("upload/jobs/<int:job_id>.json", views.job_status, name="job_status"),
    path("upload/jobs/<int:job_id>/retry/", views.job_retry, name="job_retry"),
    path("quality/", views.quality, name="quality"),
]
