"""Editors and the provinces granted to them: the service create_editor and the admin write through."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from indicators import gazetteer
from indicators.models import Area
from reports.models import ProvinceGrant
from reports.permissions import INGEST, NATIONAL

EDITORS_GROUP = "Biên tập viên / Editors"  # made by reports/migrations/0002_editors_group.py
NATIONAL_GROUP = "Biên tập viên toàn quốc / National editors"  # by 0005_province_grants.py


class UnknownProvince(ValueError):
    pass


@dataclass
class EditorSaved:
    user: object
    created: bool
    granted: list[Area]  # the provinces newly granted


def province_find(text: str) -> Area:
    """A province by its key ("24", "24-2025") or its name: today's province of that name, else the one of
    that name on the eve of the 2025 reform ("Bắc Giang")."""
    area = Area.objects.filter(key=text.strip(), level=Area.PROVINCE).first()
    if area is not None:
        return area
    for on in (dt.date.today(), gazetteer.REFORM_DATE - dt.timedelta(days=1)):
        try:
            return gazetteer.resolve_area(text, level=Area.PROVINCE, on=on)
        except gazetteer.AreaNotFound:
            continue
        except gazetteer.AreaLookupError as exc:
            raise UnknownProvince(f"“{text}”: {exc}") from exc
    raise UnknownProvince(f"Không có tỉnh “{text}” / no province “{text}”")


def _group(name: str, codenames: list[str]) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="reports", codename__in=codenames))
    return group


@transaction.atomic
def editor_save(*, username: str, provinces: list[Area], national: bool = False, password: str | None = None,
                granted_by=None) -> EditorSaved:
    """The editor `username` (made when missing, with `password`, or none usable until one is set) in the
    Editors group, or the National editors group with `national`, with `provinces` granted besides any
    granted before. An existing editor's password is left as it is."""
    User = get_user_model()
    user, created = User.objects.get_or_create(**{User.USERNAME_FIELD: username})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    user.groups.add(_group(EDITORS_GROUP, [INGEST.split(".")[1]]))
    if national:
        user.groups.add(_group(NATIONAL_GROUP, [INGEST.split(".")[1], NATIONAL.split(".")[1]]))
    granted = []
    for province in provinces:
        _, new = ProvinceGrant.objects.get_or_create(user=user, province=province, defaults={"granted_by": granted_by})
        if new:
            granted.append(province)
    return EditorSaved(user=user, created=created, granted=granted)
