from django.urls import path, register_converter

from indicators.url_inputs import KeyConverter
from indicators.views import areas, documents, explorer, exports, home, indicator

app_name = "indicators"

register_converter(KeyConverter, "key")

urlpatterns = [
    path("", home.home, name="home"),
    path("areas/<key:key>/", areas.area_detail, name="area"),
    path("areas/<key:key>/families/<key:family>/", areas.area_family, name="area_family"),
    path("indicators/<key:code>/", indicator.indicator_detail, name="indicator"),
    path("observations/", explorer.observation_explorer, name="observations"),
    path("observations/export.csv", exports.observations_csv, name="observations_csv"),
    path("observations/export.xlsx", exports.observations_xlsx, name="observations_xlsx"),
    path("observations.json", exports.observations_json, name="observations_json"),
    path("documents/<int:document_id>/", documents.document_detail, name="document"),
    path("documents/<int:document_id>/versions/<int:number>/", documents.document_version, name="document_version"),
]
