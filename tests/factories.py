"""Small builders for test rows, so each test says only what matters to it."""
import datetime as dt
import hashlib
from decimal import Decimal

from indicators.models import Area, Indicator, Observation
from reports.models import Document


def make_area(*, key="test-24", code=None, level=Area.PROVINCE, name="Tỉnh Thử Nghiệm", short_name="Thử Nghiệm",
              parent=None, valid_from=None, valid_to=None) -> Area:
    """An area of its own; keys start with 'test-' so they never meet the loaded gazetteer's."""
    return Area.objects.create(
        key=key, code=code or key.removeprefix("test-"), level=level, name=name, short_name=short_name,
        search_name=short_name.lower(), parent=parent, valid_from=valid_from, valid_to=valid_to,
    )


def make_indicator(*, code="party.members.total", family="party_members", unit="party_member",
                   kind=Indicator.STOCK, name_vi="Tổng số đảng viên") -> Indicator:
    return Indicator.objects.create(code=code, name_vi=name_vi, name_en="", family=family, unit=unit, kind=kind)


def make_document(*, file_name="report.txt", area: Area, text="Đảng bộ tỉnh có 89.455 đảng viên.") -> Document:
    data = text.encode("utf-8")
    return Document.objects.create(
        file_name=file_name, identity=f"file:{file_name}", sha256=hashlib.sha256(data + file_name.encode()).hexdigest(),
        size_bytes=len(data), text=text, area=area,
    )


def make_observation(*, indicator: Indicator, area: Area, value="89455", day=dt.date(2023, 12, 31),
                     document: Document | None = None, **fields) -> Observation:
    fields.setdefault("method", Observation.NARRATIVE)
    return Observation.objects.create(
        indicator=indicator, area=area, period_start=fields.pop("period_start", day),
        period_end=fields.pop("period_end", day), value=Decimal(value), document=document, **fields,
    )


def make_editor(username="editor", *, provinces=(), national=False, password="x"):
    """An editor as create_editor makes one: the Editors group's permission, and `provinces` (Areas or
    their keys) granted; `national`: the national role. Groups and permissions are looked up or made
    here, since a transactional test empties the tables the data migrations filled."""
    from django.contrib.auth.models import Group, Permission, User

    from reports.editors import EDITORS_GROUP
    from reports.models import ProvinceGrant

    def permission(codename):
        return Permission.objects.get(content_type__app_label="reports", codename=codename)

    user = User.objects.create_user(username, password=password)
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(permission("ingest_document"))
    user.groups.add(editors)
    if national:
        user.user_permissions.add(permission("edit_all_provinces"))
    for province in provinces:
        area = province if isinstance(province, Area) else Area.objects.get(key=province)
        ProvinceGrant.objects.create(user=user, province=area)
    return user
