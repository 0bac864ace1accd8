from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("reports.urls")),
    # Sign-in for people, in the site's look (the admin's own login is for staff)
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=False), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("indicators.urls")),
]
