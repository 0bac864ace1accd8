from django.urls import path

from indicators.views import areas, documents, explorer, exports, home, indicator

app_name = "indicators"

urlpatterns = [
    path("", home.home, name="home"),
    path("areas/<str:key>/", areas.area_detail, name="area"),
    path("areas/<str:key>/families/<str:family>/", areas.area_family, name="area_family"),
    path("indicators/<str:code>/", indicator.indicator_detail, name="indicator"),
    path("observations/", explorer.observation_explorer, name="observations"),
    path("observations/export.csv", exports.observations_csv, name="observations_csv"),
    path("observations/export.xlsx", exports.observations_xlsx, name="observations_xlsx"),
    path("observations.json", exports.observations_json, name="observations_json"),
    path("documents/<int:document_id>/", documents.document_detail, name="document"),
]
