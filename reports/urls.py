from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("quality/", views.quality, name="quality"),
]
